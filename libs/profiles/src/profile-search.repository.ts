import {
  SearchIndexRegistry,
  Slots,
  expectTaskSucceeded,
  isIndexNotFound,
  type FilterExpression,
} from '@app/search';
import { Injectable } from '@nestjs/common';
import { Meilisearch, type FacetDistribution } from 'meilisearch';
import { PROFILES_INDEX, type ProfileSearchDocument } from './profile-search-document.js';

/**
 * Talent searches this process sends the engine at once (`TALENT_SEARCH_CONCURRENCY`, default its
 * cores): the rest wait in the process, so the engine's searches do not grow with the callers
 * (docs/search-pipeline.md, "Freshness under load").
 */
export class TalentSearchSlots extends Slots {}

/** Facets talent search counts, by index attribute. */
export const TALENT_FACETS = ['skillIds', 'country', 'languageCodes', 'hasVerifiedSkills'] as const;

export interface TalentHits {
  ids: string[];
  facets: FacetDistribution;
  estimatedTotalHits: number;
}

/** The profiles index in Meilisearch; filters arrive already built and escaped. */
@Injectable()
export class ProfileSearchRepository {
  constructor(
    private readonly meili: Meilisearch,
    private readonly indexes: SearchIndexRegistry,
    private readonly slots: TalentSearchSlots,
  ) {}

  async searchTalent(params: {
    foldedQuery: string;
    filter: FilterExpression | undefined;
    sort: string[];
    limit: number;
    offset: number;
  }): Promise<TalentHits> {
    const index = this.meili.index<ProfileSearchDocument>(this.indexes.uidOf(PROFILES_INDEX));
    const result = await this.slots.run(() =>
      index.search(params.foldedQuery, {
        filter: params.filter?.toString(),
        facets: [...TALENT_FACETS],
        sort: params.sort,
        limit: params.limit,
        offset: params.offset,
        attributesToRetrieve: ['id'],
      }),
    );
    return {
      ids: result.hits.map((h) => h.id),
      facets: result.facetDistribution ?? {},
      estimatedTotalHits: result.estimatedTotalHits ?? result.hits.length,
    };
  }

  /**
   * Many talent searches in one multi-search request (saved-search alerts): for each, the ids
   * of the documents its filter matches (which names a change time window), oldest change first,
   * with that change time.
   */
  async searchChangedBatch(
    searches: readonly { foldedQuery: string; filter: FilterExpression | undefined }[],
    limit: number,
  ): Promise<{ id: string; updatedAt: number }[][]> {
    if (searches.length === 0) return [];
    const indexUid = this.indexes.uidOf(PROFILES_INDEX);
    const { results } = await this.meili.multiSearch<
      { queries: { indexUid: string }[] },
      ProfileSearchDocument
    >({
      queries: searches.map((s) => ({
        indexUid,
        q: s.foldedQuery,
        filter: s.filter?.toString(),
        sort: ['updatedAt:asc'],
        limit,
        attributesToRetrieve: ['id', 'updatedAt'],
      })),
    });
    return results.map((r) => r.hits.map((h) => ({ id: h.id, updatedAt: h.updatedAt })));
  }

  /**
   * Deletes one document and waits until Meilisearch reports the task succeeded (a failed or
   * timed-out task throws). A missing index holds nothing to delete.
   */
  async deleteAndWait(id: string): Promise<void> {
    try {
      await expectTaskSucceeded(
        this.meili.index(this.indexes.uidOf(PROFILES_INDEX)).deleteDocument(id),
      );
    } catch (error) {
      if (!isIndexNotFound(error)) throw error;
    }
  }
}
