import { BEARER_AUTH } from '@app/http';
import { CurrentUser, Roles, type AuthUser } from '@app/identity';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  OpportunityProgrammeDto,
  WorkRequestCreateDto,
  WorkRequestUpdateDto,
} from './dto/opportunity-input.dto.js';
import { OpportunityListQueryDto } from './dto/opportunity-query.dto.js';
import {
  WorkRequestCreatedResponseDto,
  WorkRequestPageDto,
  WorkRequestResponseDto,
} from './dto/opportunity-response.dto.js';
import { OpportunitiesService } from './opportunities.service.js';
import { OpportunityAuthoring } from './opportunity-authoring.service.js';
import { OpportunityResponses } from './opportunity-responses.js';
import { opportunityIdPipe } from './opportunity-id.pipe.js';
import { OpportunitySkillSuggestions } from './opportunity-skill-suggestions.js';

@ApiTags('opportunities')
@ApiBearerAuth(BEARER_AUTH)
@Controller('work-requests')
export class WorkRequestsController {
  constructor(
    private readonly opportunities: OpportunitiesService,
    private readonly authoring: OpportunityAuthoring,
    private readonly suggestions: OpportunitySkillSuggestions,
    private readonly responses: OpportunityResponses,
  ) {}

  @Post()
  @Roles('company')
  @ApiOperation({
    summary: 'Create a work request of your company (a draft)',
    description:
      'Without `programmeId`: a partner broker or an admin attaches it (PUT /api/work-requests/{id}/programme). ' +
      'With skillsFromText: true the answer also carries suggestedSkills found in the title and ' +
      'description; add the ones you confirm with PATCH.',
  })
  @ApiCreatedResponse({ type: WorkRequestCreatedResponseDto })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiForbiddenResponse({
    description: 'Not a company member, or PROGRAMME_PARTNERS_ONLY for a `programmeId`',
  })
  async create(
    @CurrentUser() user: AuthUser,
    @Body() body: WorkRequestCreateDto,
  ): Promise<WorkRequestCreatedResponseDto> {
    const { skillsFromText, ...input } = body;
    const created = await this.responses.workRequest(
      await this.authoring.create('work_request', user, input, { status: 'draft' }),
    );
    if (skillsFromText !== true) return created;
    const chosen = input.skills.map((s) => s.skillId);
    return {
      ...created,
      suggestedSkills: await this.suggestions.suggest(input.title, input.description, chosen),
    };
  }

  @Get()
  @Roles('company', 'broker', 'admin')
  @ApiOperation({
    summary: 'Work requests: a company its own (any status), brokers every open one, admins all',
  })
  @ApiOkResponse({ type: WorkRequestPageDto })
  async list(
    @CurrentUser() user: AuthUser,
    @Query() query: OpportunityListQueryDto,
  ): Promise<WorkRequestPageDto> {
    const page = await this.authoring.list('work_request', user, query);
    return { items: await this.responses.workRequests(page.items), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @Roles('company', 'broker', 'admin')
  @ApiOperation({ summary: 'One work request, if you may see it' })
  @ApiOkResponse({ type: WorkRequestResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not visible to you' })
  async get(
    @CurrentUser() user: AuthUser,
    @Param('id', opportunityIdPipe) id: string,
  ): Promise<WorkRequestResponseDto> {
    return this.responses.workRequest(await this.opportunities.get('work_request', user, id));
  }

  @Patch(':id')
  @Roles('company')
  @ApiOperation({
    summary: 'Change a draft or open request of your company (open ones re-index)',
    description:
      'Setting, changing or removing `programmeId` is for partners of the programme only: a company gets 403 PROGRAMME_PARTNERS_ONLY (sending the current value is allowed); see PUT /api/work-requests/{id}/programme.',
  })
  @ApiOkResponse({ type: WorkRequestResponseDto })
  @ApiBadRequestResponse({ description: 'problem+json naming each bad field' })
  @ApiForbiddenResponse({ description: 'PROGRAMME_PARTNERS_ONLY: the programme changes' })
  @ApiNotFoundResponse({ description: 'Unknown, or not your organisation' })
  @ApiConflictResponse({ description: 'OPPORTUNITY_NOT_EDITABLE: closed or filled' })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', opportunityIdPipe) id: string,
    @Body() body: WorkRequestUpdateDto,
  ): Promise<WorkRequestResponseDto> {
    return this.responses.workRequest(await this.authoring.update('work_request', user, id, body));
  }

  @Put(':id/programme')
  @Roles('broker', 'admin')
  @ApiOperation({
    summary: "Attach a company's request to a donor programme, move it or detach it",
    description:
      'An admin (any request) or a broker of a partner organisation of every programme involved (open requests). Only partners attach work to a programme: its priorities weigh consented inclusion data (docs/matching.md).',
  })
  @ApiOkResponse({ type: WorkRequestResponseDto })
  @ApiBadRequestResponse({
    description: 'problem+json naming `programmeId` (malformed, unknown) or `id`',
  })
  @ApiForbiddenResponse({
    description:
      'Not a broker or admin, or PROGRAMME_PARTNERS_ONLY: not a partner of the programme',
  })
  @ApiNotFoundResponse({ description: 'Unknown, or not a request you may see' })
  @ApiConflictResponse({ description: 'OPPORTUNITY_NOT_EDITABLE: closed or filled' })
  async setProgramme(
    @CurrentUser() user: AuthUser,
    @Param('id', opportunityIdPipe) id: string,
    @Body() body: OpportunityProgrammeDto,
  ): Promise<WorkRequestResponseDto> {
    return this.responses.workRequest(
      await this.authoring.setProgramme('work_request', user, id, body.programmeId),
    );
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles('company')
  @ApiOperation({ summary: 'draft → open: visible to brokers and searchable' })
  @ApiOkResponse({ type: WorkRequestResponseDto })
  @ApiConflictResponse({
    description: 'OPPORTUNITY_NOT_PUBLISHABLE (names what is missing) or not a draft',
  })
  async publish(
    @CurrentUser() user: AuthUser,
    @Param('id', opportunityIdPipe) id: string,
  ): Promise<WorkRequestResponseDto> {
    return this.responses.workRequest(
      await this.authoring.transition('work_request', user, id, 'open'),
    );
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('company')
  @ApiOperation({ summary: 'draft | open → closed: leaves search, no more edits' })
  @ApiOkResponse({ type: WorkRequestResponseDto })
  @ApiConflictResponse({ description: 'Already closed or filled' })
  async close(
    @CurrentUser() user: AuthUser,
    @Param('id', opportunityIdPipe) id: string,
  ): Promise<WorkRequestResponseDto> {
    return this.responses.workRequest(
      await this.authoring.transition('work_request', user, id, 'closed'),
    );
  }
}
