import { SearchIndexRegistry, type FilterExpression } from '@app/search';
import { Injectable } from '@nestjs/common';
import { Meilisearch, type FacetDistribution } from 'meilisearch';
import { PROFILES_INDEX, type ProfileSearchDocument } from './profile-search-document.js';

/** Facets talent search counts, by index attribute. */
export const TALENT_FACETS = ['skillIds', 'country', 'languageCodes', 'hasVerifiedSkills'] as const;

export interface TalentHits {
  ids: string[];
  facets: FacetDistribution;
  estimatedTotalHits: number;
}

/** Queries the profiles index in Meilisearch; filters arrive already built and escaped. */
@Injectable()
export class TalentSearchRepository {
  constructor(
    private readonly meili: Meilisearch,
    private readonly indexes: SearchIndexRegistry,
  ) {}

  async search(params: {
    foldedQuery: string;
    filter: FilterExpression | undefined;
    sort: string[];
    limit: number;
    offset: number;
  }): Promise<TalentHits> {
    const result = await this.meili
      .index<ProfileSearchDocument>(this.indexes.uidOf(PROFILES_INDEX))
      .search(params.foldedQuery, {
        filter: params.filter?.toString(),
        facets: [...TALENT_FACETS],
        sort: params.sort,
        limit: params.limit,
        offset: params.offset,
        attributesToRetrieve: ['id'],
      });
    return {
      ids: result.hits.map((h) => h.id),
      facets: result.facetDistribution ?? {},
      estimatedTotalHits: result.estimatedTotalHits ?? result.hits.length,
    };
  }
}
