export * from './filter-builder.js';
export * from './meili-client.js';
export * from './search-index.js';
export * from './search.module.js';
