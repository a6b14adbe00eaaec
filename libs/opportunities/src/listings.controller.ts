import { BEARER_AUTH, BulkBody } from '@app/http';
import { CurrentUser, Roles, type AuthUser } from '@app/identity';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
  ApiExtraModels,
} from '@nestjs/swagger';
import { ListingCreateDto, ListingUpdateDto } from './dto/opportunity-input.dto.js';
import { ListingImportRowDto } from './dto/listing-import-row.dto.js';
import { OpportunityListQueryDto } from './dto/opportunity-query.dto.js';
import {
  ListingImportResultDto,
  ListingPageDto,
  ListingCreatedResponseDto,
  ListingResponseDto,
} from './dto/opportunity-response.dto.js';
import { ListingImportService } from './listing-import.service.js';
import { OpportunitySkillSuggestions } from './opportunity-skill-suggestions.js';
import { OpportunitiesService } from './opportunities.service.js';
import { OpportunityAuthoring } from './opportunity-authoring.service.js';
import { OpportunityResponses } from './opportunity-responses.js';
import { opportunityIdPipe } from './opportunity-id.pipe.js';

/** Route of the bulk import: its body (up to 32 MB) is read only after authentication. */
export const LISTING_IMPORT_PATH = '/api/listings/import';

@ApiTags('opportunities')
@ApiBearerAuth(BEARER_AUTH)
@ApiExtraModels(ListingImportRowDto)
@Controller('listings')
export class ListingsController {
  constructor(
    private readonly opportunities: OpportunitiesService,
    private readonly authoring: OpportunityAuthoring,
    private readonly importer: ListingImportService,
    private readonly suggestions: OpportunitySkillSuggestions,
    private readonly responses: OpportunityResponses,
  ) {}

  @Post()
  @Roles('broker')
  @ApiOperation({
    summary: 'Broker a freelance listing (open at once unless status is draft)',
    description:
      'With skillsFromText: true the answer also carries suggestedSkills found in the title and ' +
      'description; add the ones you confirm with PATCH.',
  })
  @ApiCreatedResponse({ type: ListingCreatedResponseDto })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiConflictResponse({
    description: 'LISTING_SOURCE_URL_TAKEN, or OPPORTUNITY_NOT_PUBLISHABLE for an open one',
  })
  @ApiForbiddenResponse({
    description:
      'Not a broker, or PROGRAMME_PARTNERS_ONLY: `programmeId` names a programme your organisation is not a partner of',
  })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: ListingCreateDto,
  ): Promise<ListingCreatedResponseDto> {
    const { source, sourceUrl, clientCountry, status, skillsFromText, ...fields } = body;
    const created = await this.responses.listing(
      await this.authoring.create('listing', user, fields, {
        listing: { source, sourceUrl, clientCountry },
        status: status ?? 'open',
      }),
    );
    if (skillsFromText !== true) return created;
    const chosen = fields.skills.map((s) => s.skillId);
    return {
      ...created,
      suggestedSkills: await this.suggestions.suggest(fields.title, fields.description, chosen),
    };
  }

  @Post('import')
  @HttpCode(200)
  @Roles('broker')
  @BulkBody()
  @ApiOperation({
    summary: 'Import listings from a CSV file or a JSON array (up to 10,000 rows, 32 MB)',
    description:
      'Columns (CSV header = JSON keys): title, description, skills (labels separated by ;), ' +
      'source, sourceUrl, clientCountry, engagementType, workMode, countries (;), languages ' +
      '(en:B2;de:B1), hoursPerWeek, durationWeeks, budgetType, budgetMinEur, budgetMaxEur, ' +
      'openings, deadline. Rows are numbered from 1 (the first data row). A bad row is reported ' +
      'and skipped; the same sourceUrl again updates its listing.',
  })
  @ApiConsumes('text/csv', 'application/json')
  @ApiBody({
    schema: {
      oneOf: [
        { type: 'string', description: 'CSV with a header row' },
        { type: 'array', items: { $ref: getSchemaPath(ListingImportRowDto) } },
      ],
      example: [
        {
          title: 'Customer support agent (German)',
          description: 'Answer customer e-mails and chats for an online shop.',
          skills: 'customer service;German',
          source: 'upwork',
          sourceUrl: 'https://www.upwork.com/jobs/~01a2b3c4d5e6f7',
          clientCountry: 'DE',
          engagementType: 'freelance',
          workMode: 'remote',
          countries: 'XK;AL;MK',
          languages: 'de:B2;en:B1',
          hoursPerWeek: 20,
          budgetType: 'hourly',
          budgetMinEur: 10,
          budgetMaxEur: 15,
          openings: 1,
          deadline: '2026-12-31T23:59:59Z',
        },
      ],
    },
  })
  @ApiOkResponse({ type: ListingImportResultDto })
  @ApiBadRequestResponse({ description: 'Not CSV or a JSON array; unknown or missing columns' })
  @ApiForbiddenResponse({ description: 'Not a broker' })
  importListings(
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
  ): Promise<ListingImportResultDto> {
    return this.importer.import(user, body);
  }

  @Get()
  @Roles('broker', 'admin')
  @ApiOperation({ summary: "Your organisation's listings (admins: all)" })
  @ApiOkResponse({ type: ListingPageDto })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: OpportunityListQueryDto,
  ): Promise<ListingPageDto> {
    const page = await this.authoring.list('listing', user, query);
    return { items: await this.responses.listings(page.items), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles('broker', 'admin')
  @ApiOperation({ summary: 'One listing of your organisation' })
  @ApiOkResponse({ type: ListingResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not your organisation' })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', opportunityIdPipe) id: string,
  ): Promise<ListingResponseDto> {
    return this.responses.listing(await this.opportunities.get('listing', user, id));
  }

  @Patch(':id')
  @Roles('broker')
  @ApiOperation({ summary: 'Change a draft or open listing of your organisation' })
  @ApiOkResponse({ type: ListingResponseDto })
  @ApiForbiddenResponse({
    description: 'PROGRAMME_PARTNERS_ONLY: the programme changes and you are not its partner',
  })
  @ApiNotFoundResponse({ description: 'Unknown, or not your organisation' })
  @ApiConflictResponse({ description: 'OPPORTUNITY_NOT_EDITABLE or LISTING_SOURCE_URL_TAKEN' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', opportunityIdPipe) id: string,
    @Body() body: ListingUpdateDto,
  ): Promise<ListingResponseDto> {
    const { source, sourceUrl, clientCountry, ...fields } = body;
    return this.responses.listing(
      await this.authoring.update('listing', user, id, fields, {
        source,
        sourceUrl,
        clientCountry,
      }),
    );
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('broker')
  @ApiOperation({ summary: 'draft → open' })
  @ApiOkResponse({ type: ListingResponseDto })
  @ApiConflictResponse({ description: 'OPPORTUNITY_NOT_PUBLISHABLE or not a draft' })
  async publish(
    @CurrentUser() user: AuthUser,
    @Param('id', opportunityIdPipe) id: string,
  ): Promise<ListingResponseDto> {
    return this.responses.listing(await this.authoring.transition('listing', user, id, 'open'));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('broker')
  @ApiOperation({ summary: 'draft | open → closed' })
  @ApiOkResponse({ type: ListingResponseDto })
  @ApiConflictResponse({ description: 'Already closed or filled' })
  async close(
    @CurrentUser() user: AuthUser,
    @Param('id', opportunityIdPipe) id: string,
  ): Promise<ListingResponseDto> {
    return this.responses.listing(await this.authoring.transition('listing', user, id, 'closed'));
  }
}
