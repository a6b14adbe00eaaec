export * from './meili-client.js';
export * from './search.module.js';
