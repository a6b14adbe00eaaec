/**
 * The tables this lib owns: only its repositories name them in SQL; other libs read them through
 * this lib's exported functions (docs/data-model.md, "Owners"; checked by
 * libs/database/src/table-ownership.spec.ts).
 */
export const OWNED_TABLES = ['matches', 'match_events'] as const;

/** Views over these tables for the libs below brokering: surveys and reporting read them. */
export const SHARED_VIEWS = [
  'hired_matches',
  'programme_partner_matches',
  'profile_hires',
] as const;
