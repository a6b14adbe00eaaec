import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { BEARER_AUTH, PUBLIC_CACHE_CONTROL } from '@app/http';
import { CurrentUser, Public, Roles, type AuthUser } from '@app/identity';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateSkillDto,
  LabelledSkillSummaryDto,
  ReviewSkillLabelDto,
  SkillLabelParamDto,
  NewSkillAliasDto,
  ResolvedSkillDto,
  ResolveSkillsDto,
  SkillIdParamDto,
  SkillResponseDto,
  SkillSearchQueryDto,
} from './dto/skill.dto.js';
import { pickLocale } from './label-locale.js';
import { toLabelledSkillSummary, toSkillSummary } from './skill.mapper.js';
import { TaxonomyService } from './taxonomy.service.js';

const ATTRIBUTION = 'Skills data: © European Union, ESCO (v1.2.0), plus curated aliases.';

@ApiTags('skills')
@Controller('skills')
export class SkillsController {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Get()
  @Public()
  @Header('Cache-Control', PUBLIC_CACHE_CONTROL) // the taxonomy: public, the same for everyone
  @Header('Vary', 'Accept-Language')
  @ApiOperation({
    summary:
      'Autocomplete skills by name, alias or local label (typo-tolerant, Latin or Cyrillic), labelled in the asked language',
    description: `${ATTRIBUTION} A skill one of whose labels is exactly the query (\`js\`, \`k8s\`, \`ms excel\`, \`shërbim ndaj klientit\`) comes before any other match. \`label\` is in \`lang\` (or the \`Accept-Language\` language): en, sq, sr, sr-Cyrl, mk, bs.`,
  })
  @ApiHeader({ name: 'Accept-Language', required: false, example: 'sq, en;q=0.8' })
  @ApiOkResponse({ type: [LabelledSkillSummaryDto] })
  @ApiBadRequestResponse({ description: 'Unknown lang, bad limit, q too long' })
  async search(
    @Query() query: SkillSearchQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<LabelledSkillSummaryDto[]> {
    const locale = pickLocale(query.lang, acceptLanguage);
    const hits = await this.taxonomy.autocomplete(query.q, query.limit ?? 10);
    return hits.map((h) => toLabelledSkillSummary(h, locale));
  }

  @Post('resolve')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Resolve free-text labels to canonical skills (exact folded match, no guessing)',
    description: `${ATTRIBUTION} A skill's own name wins over a curated alias, which wins over an ESCO alternative label; an unknown label resolves to null.`,
  })
  @ApiOkResponse({ type: [ResolvedSkillDto] })
  @ApiBadRequestResponse({ description: 'More than 500 labels, or a label over 200 characters' })
  async resolve(@Body() body: ResolveSkillsDto): Promise<ResolvedSkillDto[]> {
    const resolved = await this.taxonomy.resolveLabels(body.labels);
    return resolved.map((r) => ({
      label: r.label,
      skill: r.skill === null ? null : toSkillSummary(r.skill),
    }));
  }

  @Get(':id')
  @Public()
  @Header('Cache-Control', PUBLIC_CACHE_CONTROL)
  @ApiOperation({ summary: 'One skill with its aliases', description: ATTRIBUTION })
  @ApiOkResponse({ type: SkillResponseDto })
  @ApiNotFoundResponse({ description: 'No such skill' })
  getSkill(@Param() params: SkillIdParamDto): Promise<SkillResponseDto> {
    return this.taxonomy.getSkill(params.id);
  }

  @Post()
  @Roles('admin')
  @ApiBearerAuth(BEARER_AUTH)
  @ApiForbiddenResponse({ description: 'Not an admin' })
  @ApiOperation({ summary: 'Add a curated skill (admin)' })
  @ApiCreatedResponse({ type: SkillResponseDto })
  @ApiConflictResponse({ description: 'A skill with this name or ESCO URI exists' })
  createSkill(@Body() body: CreateSkillDto): Promise<SkillResponseDto> {
    return this.taxonomy.createSkill(body);
  }

  @Put(':id/labels/:locale')
  @Roles('admin')
  @ApiBearerAuth(BEARER_AUTH)
  @ApiForbiddenResponse({ description: 'Not an admin' })
  @ApiOperation({
    summary: "Confirm (or correct) a skill's label in a locale (admin): it becomes reviewed",
    description:
      'Locales: sq, sr, sr-Cyrl, mk, bs. Drafted labels are `reviewed: false` until confirmed here. A corrected sr label also rewrites an unreviewed sr-Cyrl one (transliterated).',
  })
  @ApiOkResponse({ type: SkillResponseDto })
  @ApiNotFoundResponse({ description: 'No such skill' })
  @ApiBadRequestResponse({ description: 'Unknown locale, empty or too long label' })
  reviewLabel(
    @Param() params: SkillLabelParamDto,
    @Body() body: ReviewSkillLabelDto,
    @CurrentUser() user: AuthUser,
  ): Promise<SkillResponseDto> {
    return this.taxonomy.reviewLabel(params.id, params.locale, body.label, user);
  }

  @Post(':id/aliases')
  @Roles('admin')
  @ApiBearerAuth(BEARER_AUTH)
  @ApiForbiddenResponse({ description: 'Not an admin' })
  @ApiOperation({ summary: 'Add an alias to a skill (admin)' })
  @ApiCreatedResponse({ type: SkillResponseDto })
  @ApiNotFoundResponse({ description: 'No such skill' })
  @ApiConflictResponse({ description: 'The skill already has this label' })
  addAlias(
    @Param() params: SkillIdParamDto,
    @Body() body: NewSkillAliasDto,
  ): Promise<SkillResponseDto> {
    return this.taxonomy.addAlias(params.id, body);
  }
}
