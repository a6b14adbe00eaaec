import { Injectable } from '@nestjs/common';
import { CityCatalogue, type City } from './city-catalogue.js';
import type { CityResponseDto } from './dto/city-search-query.dto.js';

const toCityResponse = (c: City): CityResponseDto => ({
  name: c.name,
  country: c.country,
  lat: c.lat,
  lng: c.lng,
  population: c.population,
});

@Injectable()
export class GeoService {
  private readonly catalogue = new CityCatalogue();

  searchCities(country: string, query: string, limit: number): CityResponseDto[] {
    return this.catalogue.search(country, query, limit).map(toCityResponse);
  }

  /** Resolves a town name to coordinates; undefined when the country has no such town. */
  findCity(country: string, name: string): City | undefined {
    return this.catalogue.find(country, name);
  }
}
