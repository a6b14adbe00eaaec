import type { AuthUser, Role } from '@app/identity';
import {
  OPPORTUNITIES_INDEX,
  OPPORTUNITY_FILTERABLE_ATTRIBUTES,
  OpportunitiesService,
  OpportunitySearchQueryDto,
  OpportunitySearchService,
  buildOpportunitySearchFilter,
  type OpportunityDocument,
} from '@app/opportunities';
import { FilterBuilder, SearchIndexRegistry } from '@app/search';
import { foldQuery } from '@app/text';
import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { Meilisearch } from 'meilisearch';
import type {
  AlertItem,
  ChangedSearch,
  SavedQuery,
  SavedSearchKind,
  VisibilityCheck,
} from './saved-search-kind.js';
import { checkSavedQuery } from './saved-query-validation.js';

const filters = new FilterBuilder(OPPORTUNITY_FILTERABLE_ATTRIBUTES);

/** The saved (query-string) form as the search's DTO, lists split as its decorators split them. */
function toDto(query: SavedQuery): OpportunitySearchQueryDto {
  return plainToInstance(OpportunitySearchQueryDto, query);
}

/**
 * Saved opportunity searches (trainees): `GET /api/opportunities` with its own DTO and skill
 * check when saved, its service when run, and its engine filter (open, deadline ahead, the
 * query's filters) when alerting; items are read back from PostgreSQL (open rows only, deadline
 * ahead) before an alert names them.
 */
@Injectable()
export class OpportunitiesSavedSearch implements SavedSearchKind {
  readonly name = 'opportunities' as const;
  readonly roles: readonly Role[] = ['trainee'];

  constructor(
    private readonly meili: Meilisearch,
    private readonly indexes: SearchIndexRegistry,
    private readonly search: OpportunitySearchService,
    private readonly opportunities: OpportunitiesService,
  ) {}

  check(_role: Role, raw: Record<string, unknown>): Promise<SavedQuery> {
    return checkSavedQuery(OpportunitySearchQueryDto, raw, (dto) => this.search.validate(dto));
  }

  /** The search's answer for the owner: `{ items, facets, nextCursor }`. */
  async run(owner: AuthUser, query: SavedQuery, page: { limit?: string; cursor?: string }) {
    const dto = toDto({ ...query, ...page });
    const { items, facets, nextCursor } = await this.search.search(owner, dto);
    return { items, facets, nextCursor };
  }

  async findChanged(
    searches: readonly ChangedSearch[],
    limit: number,
  ): Promise<{ id: string; updatedAt: number }[][]> {
    if (searches.length === 0) return [];
    const indexUid = this.indexes.uidOf(OPPORTUNITIES_INDEX);
    const now = new Date();
    const { results } = await this.meili.multiSearch<
      { queries: { indexUid: string }[] },
      OpportunityDocument
    >({
      queries: searches.map((s) => {
        const dto = toDto(s.query);
        return {
          indexUid,
          q: foldQuery((dto.q ?? '').trim()),
          filter: filters
            .and(
              // trainees see every open request and listing
              buildOpportunitySearchFilter(dto, { kind: 'all' }, now),
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

  /** Every trainee sees every open item: one read for the whole batch's candidates. */
  async describeVisible(searches: readonly VisibilityCheck[]): Promise<AlertItem[][]> {
    const ids = [...new Set(searches.flatMap((s) => s.ids))];
    if (ids.length === 0) return searches.map(() => []);
    const visible = new Map(
      (await this.opportunities.findSearchable(ids)).map((o) => [
        o.id,
        { id: o.id, title: o.title },
      ]),
    );
    return searches.map((s) => s.ids.flatMap((id) => visible.get(id) ?? []));
  }
}
