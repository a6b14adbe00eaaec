import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { BEARER_AUTH, PUBLIC_CACHE_CONTROL } from '@app/http';
import { Public, Roles } from '@app/identity';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreateSkillDto,
  NewSkillAliasDto,
  ResolvedSkillDto,
  ResolveSkillsDto,
  SkillIdParamDto,
  SkillResponseDto,
  SkillSearchQueryDto,
  SkillSummaryDto,
} from './dto/skill.dto.js';
import { toSkillSummary } from './skill.mapper.js';
import { TaxonomyService } from './taxonomy.service.js';

const ATTRIBUTION = 'Skills data: © European Union, ESCO (v1.2.0), plus curated aliases.';

@ApiTags('skills')
@Controller('skills')
export class SkillsController {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Get()
  @Public()
  @Header('Cache-Control', PUBLIC_CACHE_CONTROL) // the taxonomy: public, the same for everyone
  @ApiOperation({
    summary: 'Autocomplete skills by name or alias (typo-tolerant, Latin or Cyrillic)',
    description: ATTRIBUTION,
  })
  @ApiOkResponse({ type: [SkillSummaryDto] })
  async search(@Query() query: SkillSearchQueryDto): Promise<SkillSummaryDto[]> {
    const hits = await this.taxonomy.autocomplete(query.q, query.limit ?? 10);
    return hits.map(toSkillSummary);
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
