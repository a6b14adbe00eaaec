export * from './fold.js';
export * from './latin-cyrillic.js';
