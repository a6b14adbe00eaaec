export * from './opportunity-values.js';
export * from './opportunity-vocabulary.js';
