export { BALKAN_COUNTRIES, type BalkanCountry, type Town } from '@app/geonames';
export * from './dto/city-search-query.dto.js';
export * from './geo.module.js';
export * from './geo.service.js';
export * from './towns.search-index.js';
export * from './town-data.js';
export * from './town-search.repository.js';
