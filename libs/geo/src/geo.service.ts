import type { GeoCover, Town } from '@app/geonames';
import { foldKey, foldQuery } from '@app/text';
import { Injectable, Logger } from '@nestjs/common';
import type { CityResponseDto } from './dto/city-search-query.dto.js';
import { TownSearchRepository, type TownHit } from './town-search.repository.js';
import { TownData } from './town-data.js';

/** How many towns an error for an unknown town name suggests. */
export const CITY_SUGGESTIONS = 5;

/** A town name resolved for a write, or why not with the closest known names. */
export type CityResolution =
  { town: Town; suggestions?: undefined } | { town?: undefined; suggestions: string[] };

const toCityResponse = (t: TownHit | Town): CityResponseDto => ({
  id: Number(t.id),
  name: t.name,
  country: t.country,
  localNames: t.localNames,
  population: t.population,
  lat: t.lat,
  lng: t.lng,
});

@Injectable()
export class GeoService {
  private readonly logger = new Logger(GeoService.name);

  constructor(
    private readonly towns: TownData,
    private readonly search: TownSearchRepository,
  ) {}

  /** Typo-tolerant autocomplete over every name of the country's towns (the `towns` index). */
  async searchCities(country: string, query: string, limit: number): Promise<CityResponseDto[]> {
    const hits = await this.search.search(country, foldQuery(query), limit);
    return hits.map(toCityResponse);
  }

  /**
   * The town a name means in the country: its own, local or alternate name in any script
   * (exact after folding; from memory, so writes never wait on search). Unknown: up to
   * {@link CITY_SUGGESTIONS} names of towns the search finds for it.
   */
  async resolveCity(country: string, name: string): Promise<CityResolution> {
    const town = this.findCity(country, name);
    if (town !== undefined) return { town };
    return { suggestions: await this.suggest(country, name) };
  }

  /** The town a name means in the country, or undefined. */
  findCity(country: string, name: string): Town | undefined {
    return this.towns.catalogue().find(country, name);
  }

  /** Radius filters over the towns' coordinates (geo cells: see `@app/geonames`). */
  geoCover(): GeoCover {
    return this.towns.catalogue().geoCover();
  }

  /** Reads the towns now (the API does this at start, so no request pays for it). */
  preload(): void {
    this.towns.catalogue();
  }

  private async suggest(country: string, name: string): Promise<string[]> {
    if (foldKey(name) === '') return [];
    try {
      const hits = await this.search.search(country, foldQuery(name), CITY_SUGGESTIONS);
      return hits.map((h) => h.name);
    } catch (error) {
      // Suggestions are a courtesy: without search, the in-memory prefix match still helps.
      this.logger.warn({ err: error }, 'Town suggestions from search failed');
      return this.towns
        .catalogue()
        .largest(country, CITY_SUGGESTIONS, name)
        .map((t) => t.name);
    }
  }
}
