import { CommaSeparated, PageQueryDto } from '@app/http';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import {
  ENGAGEMENT_TYPES,
  OPPORTUNITY_KINDS,
  WORK_MODES,
  type EngagementType,
  type OpportunityKind,
  type WorkMode,
} from '../opportunity-vocabulary.js';
import { ListingRiskDto, WorkRequestResponseDto } from './opportunity-response.dto.js';
import { IsCountryCode } from './validators.js';

/** Most values one multi-valued filter takes. */
export const SEARCH_FILTER_VALUES_MAX = 20;

/**
 * The query of `GET /api/opportunities`, also the filters a saved search stores: multi-valued
 * filters are comma-separated in a query string, or arrays in JSON. Every bad value is a 400
 * naming its parameter; skill ids are further checked against the taxonomy by
 * `OpportunitySearchService.validate`.
 */
export class OpportunitySearchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    description: 'Free text over title, description and town, in any script, typo-tolerant',
    example: 'програмер Београд',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    type: String,
    description: 'Skill ids, comma-separated: every one must be asked for by the opportunity',
    example: '0b6f3c52-6a53-4bd4-9a4c-1f1a8f0b5a11',
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(SEARCH_FILTER_VALUES_MAX, {
    message: `skills takes at most ${SEARCH_FILTER_VALUES_MAX} values`,
  })
  @IsUUID('all', { each: true, message: 'skills must be skill ids (UUIDs)' })
  skills?: string[];

  @ApiPropertyOptional({
    type: String,
    description:
      'ISO 3166-1 alpha-2 codes (XK for Kosovo), any of; work open to every country matches too',
    example: 'RS,XK',
  })
  @IsOptional()
  @CommaSeparated()
  @ArrayMaxSize(SEARCH_FILTER_VALUES_MAX, {
    message: `countries takes at most ${SEARCH_FILTER_VALUES_MAX} values`,
  })
  @IsCountryCode({ each: true })
  countries?: string[];

  @ApiPropertyOptional({
    type: String,
    description: `Any of ${WORK_MODES.join(', ')}`,
    example: 'remote,hybrid',
  })
  @IsOptional()
  @CommaSeparated()
  @IsIn(WORK_MODES, { each: true, message: `workModes must be a list of ${WORK_MODES.join(', ')}` })
  workModes?: WorkMode[];

  @ApiPropertyOptional({
    type: String,
    description: `Any of ${ENGAGEMENT_TYPES.join(', ')}`,
    example: 'freelance',
  })
  @IsOptional()
  @CommaSeparated()
  @IsIn(ENGAGEMENT_TYPES, {
    each: true,
    message: `engagementTypes must be a list of ${ENGAGEMENT_TYPES.join(', ')}`,
  })
  engagementTypes?: EngagementType[];

  @ApiPropertyOptional({ enum: OPPORTUNITY_KINDS, description: 'Only work requests or listings' })
  @IsOptional()
  @IsIn(OPPORTUNITY_KINDS, { message: `kind must be one of ${OPPORTUNITY_KINDS.join(', ')}` })
  kind?: OpportunityKind;
}

/**
 * One open work request or listing in search results: the work request's shape plus `kind`;
 * listings add where they come from, and for brokers and admins their risk screening.
 */
export class OpportunitySearchItemDto extends WorkRequestResponseDto {
  @ApiProperty({ enum: OPPORTUNITY_KINDS, example: 'work_request' }) kind: OpportunityKind;
  @ApiPropertyOptional({ type: String, example: 'upwork', description: 'Listings only' })
  source?: string;
  @ApiPropertyOptional({
    type: String,
    example: 'https://www.upwork.com/jobs/~01abc',
    description: 'Listings only',
  })
  sourceUrl?: string;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    example: 'DE',
    description: 'Listings only',
  })
  clientCountry?: string | null;
  @ApiPropertyOptional({ type: ListingRiskDto, description: 'Listings only; brokers and admins' })
  risk?: ListingRiskDto;
}

export class SearchFacetValueDto {
  @ApiProperty({ example: 'remote' }) value: string;
  @ApiProperty({ example: 12 }) count: number;
}

export class SkillFacetValueDto extends SearchFacetValueDto {
  @ApiPropertyOptional({ example: 'JavaScript', description: "The skill's English name" })
  name?: string;
}

/** Counts over every hit of the current query and filters (not only the page shown). */
export class OpportunitySearchFacetsDto {
  @ApiProperty({ type: [SkillFacetValueDto] }) skills: SkillFacetValueDto[];
  @ApiProperty({ type: [SearchFacetValueDto] }) countries: SearchFacetValueDto[];
  @ApiProperty({ type: [SearchFacetValueDto] }) workModes: SearchFacetValueDto[];
  @ApiProperty({ type: [SearchFacetValueDto] }) engagementTypes: SearchFacetValueDto[];
  @ApiProperty({ type: [SearchFacetValueDto] }) kinds: SearchFacetValueDto[];
}

export class OpportunitySearchPageDto {
  @ApiProperty({ type: [OpportunitySearchItemDto] }) items: OpportunitySearchItemDto[];
  @ApiProperty({ type: OpportunitySearchFacetsDto }) facets: OpportunitySearchFacetsDto;
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
