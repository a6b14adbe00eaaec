import { FilterBuilder, SearchIndexRegistry } from '@app/search';
import { Injectable } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import { TOWN_DISPLAYED_ATTRIBUTES, TOWNS_INDEX, type TownDocument } from './towns.search-index.js';

export type TownHit = Pick<
  TownDocument,
  'id' | 'name' | 'country' | 'population' | 'lat' | 'lng' | 'localNames'
>;

const filters = new FilterBuilder(['country']);

/** Reads the `towns` Meilisearch index. */
@Injectable()
export class TownSearchRepository {
  constructor(
    private readonly meili: Meilisearch,
    private readonly registry: SearchIndexRegistry,
  ) {}

  /** `foldedQuery` must already be folded (@app/text `foldQuery`); empty → the largest towns. */
  async search(country: string, foldedQuery: string, limit: number): Promise<TownHit[]> {
    const result = await this.meili
      .index<TownDocument>(this.registry.uidOf(TOWNS_INDEX))
      .search(foldedQuery, {
        limit,
        filter: filters.eq('country', country).toString(),
        attributesToRetrieve: TOWN_DISPLAYED_ATTRIBUTES,
        ...(foldedQuery === '' ? { sort: ['population:desc'] } : {}),
      });
    return result.hits as TownHit[];
  }
}
