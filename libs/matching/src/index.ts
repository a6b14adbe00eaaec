export * from './match-score.js';
export * from './match-types.js';
export * from './match-weights.js';
