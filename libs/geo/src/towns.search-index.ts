import type { LocalNames, TownRecord } from '@app/geonames';
import { RegisterSearchIndex, type SearchDocument, type SearchIndexDefinition } from '@app/search';
import { foldForIndex } from '@app/text';
import { Injectable } from '@nestjs/common';
import type { Settings } from 'meilisearch';
import { TownData } from './town-data.js';

export const TOWNS_INDEX = 'towns';

export interface TownDocument extends SearchDocument {
  name: string;
  country: string;
  population: number;
  lat: number;
  lng: number;
  localNames: LocalNames;
  /** Hidden: the canonical and local names folded (any script, no diacritics, see @app/text). */
  namesFolded: string;
  /** Hidden: GeoNames' alternate names (Latin and Cyrillic) folded. */
  alternatesFolded: string;
}

export const TOWN_DISPLAYED_ATTRIBUTES = [
  'id',
  'name',
  'country',
  'population',
  'lat',
  'lng',
  'localNames',
];

/**
 * Autocomplete over every name a town is known by. Queries arrive folded like the fields, so
 * "Prishtinë", "Priština" and "Приштина" meet as "prishtina"/"pristina". Own and local names
 * rank before alternates (`attribute`), then the larger town (`population:desc`).
 */
export const TOWNS_INDEX_SETTINGS: Settings = {
  searchableAttributes: ['namesFolded', 'alternatesFolded'],
  proximityPrecision: 'byAttribute',
  facetSearch: false,
  displayedAttributes: TOWN_DISPLAYED_ATTRIBUTES,
  filterableAttributes: ['country'],
  sortableAttributes: ['population'],
  rankingRules: ['words', 'typo', 'proximity', 'attribute', 'exactness', 'population:desc', 'sort'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  pagination: { maxTotalHits: 100 },
};

export function toTownDocument(r: TownRecord): TownDocument {
  return {
    id: String(r.id),
    _version: r.modified,
    name: r.name,
    country: r.country,
    population: r.population,
    lat: r.lat,
    lng: r.lng,
    localNames: r.localNames,
    namesFolded: foldForIndex([r.name, r.asciiName, ...Object.values(r.localNames)].join(' ')),
    alternatesFolded: foldForIndex(r.alternateNames.join(' ')),
  };
}

/**
 * The `towns` index: reference data from GeoNames, not rows of ours, so it has no outbox rows.
 * The registry builds it when missing or when its settings change, and the drift check (which
 * compares `_version`, GeoNames' modification date) brings it up to a newer data package.
 */
@Injectable()
@RegisterSearchIndex()
export class TownsSearchIndex implements SearchIndexDefinition<TownDocument> {
  readonly name = TOWNS_INDEX;
  readonly settings = TOWNS_INDEX_SETTINGS;

  constructor(private readonly towns: TownData) {}

  loadDocuments(_manager: unknown, ids: string[]): Promise<TownDocument[]> {
    const wanted = new Set(ids);
    return Promise.resolve(
      this.inIdOrder()
        .filter((r) => wanted.has(String(r.id)))
        .map(toTownDocument),
    );
  }

  loadPage(_manager: unknown, afterId: string | undefined, limit: number): Promise<TownDocument[]> {
    const all = this.inIdOrder();
    let start = 0;
    if (afterId !== undefined) {
      // Ids ordered as strings, like the registry compares them.
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (String(all[mid].id) <= afterId) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    return Promise.resolve(all.slice(start, start + limit).map(toTownDocument));
  }

  countDocuments(): Promise<number> {
    return Promise.resolve(this.inIdOrder().length);
  }

  /** Records sorted by id string (sorted again per page: a few ms; nothing kept here). */
  private inIdOrder(): TownRecord[] {
    return [...this.towns.records()].sort((a, b) =>
      String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0,
    );
  }
}
