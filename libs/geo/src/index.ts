export * from './city-catalogue.js';
export * from './geo.module.js';
export * from './geo.service.js';
