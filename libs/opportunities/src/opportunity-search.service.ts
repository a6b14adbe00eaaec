import { TransactionRunner } from '@app/database';
import {
  cursorPosition,
  DEFAULT_PAGE_SIZE,
  encodePageCursor,
  ForbiddenError,
  InputValidationError,
} from '@app/http';
import { scopeToOrganisation, type AuthUser } from '@app/identity';
import { SearchIndexRegistry } from '@app/search';
import { TaxonomyService } from '@app/taxonomy';
import { foldQuery } from '@app/text';
import { Injectable } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import type {
  OpportunitySearchFacetsDto,
  OpportunitySearchItemDto,
  OpportunitySearchQueryDto,
} from './dto/opportunity-search.dto.js';
import type { OpportunityRecord } from './opportunity-record.js';
import { OpportunitiesRepository } from './opportunities.repository.js';
import {
  OPPORTUNITIES_INDEX,
  OPPORTUNITY_MAX_TOTAL_HITS,
  type OpportunityDocument,
} from './opportunities.search-index.js';
import {
  buildOpportunitySearchFilter,
  facetsOf,
  OPPORTUNITY_FACETS,
  OPPORTUNITY_SEARCH_SORT,
  pageOf,
  resumeIndex,
  type RankedHit,
  type SearchScope,
} from './opportunity-search.js';
import { toListingResponse, toWorkRequestResponse } from './opportunity.mapper.js';

/** One page of search: the items as the caller may see them, with the rows they came from. */
export interface OpportunitySearchResult {
  items: OpportunitySearchItemDto[];
  /** The rows behind `items`, in the same order (for callers that add to them, e.g. fit). */
  opportunities: OpportunityRecord[];
  facets: OpportunitySearchFacetsDto;
  nextCursor: string | null;
}

/** Roles that may search open work; companies and trainers have their own lists. */
const SEARCHERS: readonly AuthUser['role'][] = ['trainee', 'broker', 'admin'];

/**
 * Search over open work requests and listings for trainees, brokers and admins. Meilisearch
 * ranks, filters and counts; the items shown are read back from PostgreSQL (open, deadline
 * ahead), so a document the index has not yet dropped never shows a closed request.
 */
@Injectable()
export class OpportunitySearchService {
  constructor(
    private readonly meili: Meilisearch,
    private readonly indexes: SearchIndexRegistry,
    private readonly taxonomy: TaxonomyService,
    private readonly repository: OpportunitiesRepository,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * Checks what the DTO's validators cannot: every skill id names a skill of the taxonomy.
   * A saved search calls this before storing the filters.
   */
  async validate(query: OpportunitySearchQueryDto): Promise<void> {
    const ids = (query.skills ?? []).map((id) => id.toLowerCase());
    if (ids.length === 0) return;
    const known = new Set(await this.taxonomy.findExistingIds(ids));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new InputValidationError([
        { field: 'skills', message: `not a known skill: ${unknown.join(', ')}` },
      ]);
    }
  }

  async search(
    caller: AuthUser,
    query: OpportunitySearchQueryDto,
    now = new Date(),
  ): Promise<OpportunitySearchResult> {
    if (!SEARCHERS.includes(caller.role)) {
      throw new ForbiddenError('Only trainees, brokers and admins search open work');
    }
    const after = cursorPosition(query.cursor);
    await this.validate(query);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const scope = scopeOf(caller);
    const result = await this.meili
      .index<OpportunityDocument>(this.indexes.uidOf(OPPORTUNITIES_INDEX))
      .search(foldQuery((query.q ?? '').trim()), {
        filter: buildOpportunitySearchFilter(query, scope, now).toString(),
        facets: [...OPPORTUNITY_FACETS],
        sort: OPPORTUNITY_SEARCH_SORT,
        // a later page locates its cursor among the ranked hits: it reads them all (ids only)
        limit: after === undefined ? limit + 1 : OPPORTUNITY_MAX_TOTAL_HITS,
        attributesToRetrieve: ['id', 'deadline', 'createdAt'],
      });
    const hits = result.hits as RankedHit[];
    const start =
      after === undefined
        ? 0
        : resumeIndex(hits, {
            ...after,
            deadline: hits.some((h) => h.id === after.id)
              ? null
              : await this.repository.findDeadlineSeconds(this.tx.manager, after.id),
          });
    const { page, more } = pageOf(hits, start, limit);
    const last = page.at(-1);
    const rows = await this.repository.findSearchableByIds(
      this.tx.manager,
      page.map((h) => h.id),
      now,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const opportunities = page.flatMap((h) => {
      const row = byId.get(h.id);
      return row === undefined || !inScope(row, scope) ? [] : [row];
    });
    const facetDistribution = result.facetDistribution ?? {};
    const names = await this.taxonomy.answerSkillNames([
      ...Object.keys(facetDistribution.skillIds ?? {}),
      ...opportunities.flatMap((o) => o.skills.map((s) => s.skillId)),
    ]);
    return {
      items: opportunities.map((o) => toOpportunitySearchItem(o, caller, names)),
      opportunities,
      facets: facetsOf(facetDistribution, names),
      nextCursor:
        more && last !== undefined
          ? encodePageCursor({ createdAt: new Date(last.createdAt), id: last.id })
          : null,
    };
  }
}

function scopeOf(caller: AuthUser): SearchScope {
  if (caller.role === 'broker') {
    return { kind: 'requestsAndOwnListings', organisationId: scopeToOrganisation(caller) };
  }
  return { kind: 'all' };
}

function inScope(o: OpportunityRecord, scope: SearchScope): boolean {
  return (
    scope.kind === 'all' || o.kind === 'work_request' || o.organisationId === scope.organisationId
  );
}

/**
 * An item as the caller may see it: listings carry their source; their scam-risk screening is
 * for brokers and admins, who decide on it.
 */
export function toOpportunitySearchItem(
  o: OpportunityRecord,
  caller: AuthUser,
  names: ReadonlyMap<string, string>,
): OpportunitySearchItemDto {
  if (o.kind === 'work_request') return { ...toWorkRequestResponse(o, names), kind: o.kind };
  const { risk, ...listing } = toListingResponse(o, names);
  return caller.role === 'trainee'
    ? { ...listing, kind: o.kind }
    : { ...listing, risk, kind: o.kind };
}
