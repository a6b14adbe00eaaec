/**
 * Towns abroad from 1,000,000 people up (~500 instead of ~9,800): every test file builds its own
 * `towns` index, and the six countries, which the tests are about, stay whole.
 */
export const TEST_TOWNS_ENV = { TOWNS_ABROAD_MIN_POPULATION: '1000000' };
