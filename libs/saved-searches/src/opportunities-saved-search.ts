import { InputValidationError, isUuid, type FieldError } from '@app/http';
import type { AuthUser, Role } from '@app/identity';
import {
  ENGAGEMENT_TYPES,
  OPPORTUNITIES_INDEX,
  OPPORTUNITY_KINDS,
  OpportunitiesSearchIndex,
  WORK_MODES,
  type OpportunityDocument,
} from '@app/opportunities';
import { COUNTRY_CODES } from '@app/profiles';
import { FilterBuilder, SearchIndexRegistry, type FilterExpression } from '@app/search';
import { TransactionRunner } from '@app/database';
import { foldQuery } from '@app/text';
import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Meilisearch } from 'meilisearch';
import type { AlertItem, ChangedSearch, SavedQuery, SavedSearchKind } from './saved-search-kind.js';
import { checkSavedQuery } from './saved-query-validation.js';

const MAX_VALUES = 20;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 50;
const MAX_TOTAL_HITS = 1000;

/**
 * The filters of `GET /api/opportunities` (docs/saved-searches.md): free text, skills (all
 * required), countries, work modes, engagement types and kind (any of each).
 */
export class OpportunitySavedQueryDto {
  @ApiPropertyOptional({ example: 'customer support' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'Skill ids (UUIDs), all required' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  skills?: string;

  @ApiPropertyOptional({ example: 'XK,AL' })
  @IsOptional()
  @IsString()
  @MaxLength(400)
  countries?: string;

  @ApiPropertyOptional({ description: `Any of ${WORK_MODES.join(', ')}` })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  workModes?: string;

  @ApiPropertyOptional({ description: `Any of ${ENGAGEMENT_TYPES.join(', ')}` })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  engagementTypes?: string;

  @ApiPropertyOptional({ description: `Any of ${OPPORTUNITY_KINDS.join(', ')}` })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  kind?: string;
}

interface OpportunityQuery {
  q: string;
  skills: string[];
  countries: string[];
  workModes: string[];
  engagementTypes: string[];
  kinds: string[];
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Every bad value of an opportunity query, named by its parameter, at once. */
export function parseOpportunityQuery(dto: OpportunitySavedQueryDto): OpportunityQuery {
  const errors: FieldError[] = [];
  const many = (field: keyof OpportunitySavedQueryDto, check: (v: string) => string | undefined) =>
    list(dto[field]).flatMap((raw, i, all) => {
      if (i === MAX_VALUES) errors.push({ field, message: `takes at most ${MAX_VALUES} values` });
      if (i >= MAX_VALUES || all.indexOf(raw) !== i) return [];
      const value = check(raw);
      if (value === undefined) {
        errors.push({ field, message: `"${raw}" is not accepted here` });
        return [];
      }
      return [value];
    });
  const oneOf = (allowed: readonly string[]) => (v: string) =>
    allowed.includes(v) ? v : undefined;
  const query: OpportunityQuery = {
    q: (dto.q ?? '').trim(),
    skills: many('skills', (v) => (isUuid(v.toLowerCase()) ? v.toLowerCase() : undefined)),
    countries: many('countries', (v) =>
      COUNTRY_CODES.has(v.toUpperCase()) ? v.toUpperCase() : undefined,
    ),
    workModes: many('workModes', oneOf(WORK_MODES)),
    engagementTypes: many('engagementTypes', oneOf(ENGAGEMENT_TYPES)),
    kinds: many('kind', oneOf(OPPORTUNITY_KINDS)),
  };
  if (errors.length > 0) throw new InputValidationError(errors);
  return query;
}

type OpportunityFilterField =
  'kind' | 'skillIds' | 'countries' | 'workMode' | 'engagementType' | 'deadline' | 'updatedAt';
const filters = new FilterBuilder<OpportunityFilterField>([
  'kind',
  'skillIds',
  'countries',
  'workMode',
  'engagementType',
  'deadline',
  'updatedAt',
]);

/** Open (the index holds nothing else), deadline ahead, and the query's filters. */
function buildFilter(query: OpportunityQuery, nowMs: number): FilterExpression | undefined {
  return filters.and(
    filters.or(
      filters.isNull('deadline'),
      filters.compare('deadline', '>', Math.floor(nowMs / 1000)),
    ),
    ...query.skills.map((s) => filters.eq('skillIds', s)),
    query.countries.length > 0 ? filters.in('countries', query.countries) : undefined,
    query.workModes.length > 0 ? filters.in('workMode', query.workModes) : undefined,
    query.engagementTypes.length > 0
      ? filters.in('engagementType', query.engagementTypes)
      : undefined,
    query.kinds.length > 0 ? filters.in('kind', query.kinds) : undefined,
  );
}

/** One opportunity as a saved search's results show it. */
export interface OpportunityResultItem {
  id: string;
  kind: string;
  title: string;
  city: string | null;
  countries: string[];
  engagementType: string;
  workMode: string;
  deadline: string | null;
  publishedAt: string | null;
}

const RESULT_ATTRIBUTES = [
  'id',
  'kind',
  'title',
  'city',
  'countries',
  'engagementType',
  'workMode',
  'deadline',
  'publishedAt',
  'updatedAt',
];

/**
 * Saved opportunity searches (trainees): open work requests and listings whose deadline is
 * ahead, read from the `opportunities` index and checked again in PostgreSQL (through the
 * index's own loader, which returns open rows only) before an alert names them.
 */
@Injectable()
export class OpportunitiesSavedSearch implements SavedSearchKind {
  readonly name = 'opportunities' as const;
  readonly roles: readonly Role[] = ['trainee'];

  constructor(
    private readonly meili: Meilisearch,
    private readonly indexes: SearchIndexRegistry,
    private readonly opportunities: OpportunitiesSearchIndex,
    private readonly transactions: TransactionRunner,
  ) {}

  check(_role: Role, raw: Record<string, unknown>): SavedQuery {
    return checkSavedQuery(OpportunitySavedQueryDto, raw, (dto) => parseOpportunityQuery(dto));
  }

  async run(
    _owner: AuthUser,
    saved: SavedQuery,
    page: { limit?: string; cursor?: string },
  ): Promise<{ items: OpportunityResultItem[]; nextCursor: string | null }> {
    const query = parseOpportunityQuery(saved);
    const { limit, offset } = parsePage(page);
    const result = await this.meili
      .index<OpportunityDocument>(this.indexes.uidOf(OPPORTUNITIES_INDEX))
      .search(foldQuery(query.q), {
        filter: buildFilter(query, Date.now())?.toString(),
        sort: ['publishedAt:desc'],
        limit,
        offset,
        attributesToRetrieve: RESULT_ATTRIBUTES,
      });
    const total = Math.min(result.estimatedTotalHits ?? result.hits.length, MAX_TOTAL_HITS);
    return {
      items: result.hits.map(toResultItem),
      nextCursor: offset + limit < total ? encodeOffset(offset + limit) : null,
    };
  }

  async findChanged(
    searches: readonly ChangedSearch[],
    limit: number,
  ): Promise<{ id: string; updatedAt: number }[][]> {
    if (searches.length === 0) return [];
    const indexUid = this.indexes.uidOf(OPPORTUNITIES_INDEX);
    const now = Date.now();
    const { results } = await this.meili.multiSearch<
      { queries: { indexUid: string }[] },
      OpportunityDocument
    >({
      queries: searches.map((s) => {
        const query = parseOpportunityQuery(s.query);
        return {
          indexUid,
          q: foldQuery(query.q),
          filter: filters
            .and(
              buildFilter(query, now),
              filters.compare('updatedAt', '>', Math.floor(s.changedAfter)),
            )
            ?.toString(),
          sort: ['updatedAt:asc'],
          limit,
          attributesToRetrieve: ['id', 'updatedAt'],
        };
      }),
    });
    return results.map((r) => r.hits.map((h) => ({ id: h.id, updatedAt: h.updatedAt })));
  }

  async describeVisible(
    _role: Role,
    _query: SavedQuery,
    ids: readonly string[],
  ): Promise<AlertItem[]> {
    const open = await this.opportunities.loadDocuments(this.transactions.manager, [...ids]);
    const nowSeconds = Date.now() / 1000;
    return open
      .filter((o) => o.deadline === null || o.deadline > nowSeconds)
      .map((o) => ({ id: o.id, title: o.title }));
  }
}

function toResultItem(hit: Partial<OpportunityDocument>): OpportunityResultItem {
  const iso = (seconds: number | null | undefined) =>
    seconds === null || seconds === undefined ? null : new Date(seconds * 1000).toISOString();
  return {
    id: hit.id as string,
    kind: hit.kind as string,
    title: hit.title as string,
    city: hit.city ?? null,
    countries: hit.countries ?? [],
    engagementType: hit.engagementType as string,
    workMode: hit.workMode as string,
    deadline: iso(hit.deadline),
    publishedAt: iso(hit.publishedAt),
  };
}

function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function parsePage(page: { limit?: string; cursor?: string }): { limit: number; offset: number } {
  const errors: FieldError[] = [];
  let limit = DEFAULT_LIMIT;
  if (page.limit !== undefined) {
    limit = /^\d+$/.test(page.limit) ? Number(page.limit) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) {
      errors.push({ field: 'limit', message: `must be a whole number from 1 to ${MAX_LIMIT}` });
    }
  }
  let offset = 0;
  if (page.cursor !== undefined) {
    try {
      const o = (
        JSON.parse(Buffer.from(page.cursor, 'base64url').toString('utf8')) as { o?: unknown }
      )?.o;
      if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || o >= MAX_TOTAL_HITS) {
        throw new Error('bad cursor');
      }
      offset = o;
    } catch {
      errors.push({ field: 'cursor', message: 'is not a cursor this endpoint returned' });
    }
  }
  if (errors.length > 0) throw new InputValidationError(errors);
  return { limit, offset };
}
