export * from './geo-cells.js';
export * from './local-names.js';
export * from './town.js';
export * from './town-catalogue.js';
export * from './town-file.js';
