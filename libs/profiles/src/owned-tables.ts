/**
 * The tables this lib owns: only its repositories name them in SQL; other libs read them through
 * this lib's exported functions (docs/data-model.md, "Owners"; checked by
 * libs/database/src/table-ownership.spec.ts).
 */
export const OWNED_TABLES = [
  'profiles',
  'profile_skills',
  'profile_languages',
  'profile_inclusion',
] as const;

export const SHARED_VIEWS = ['profile_report_facts'] as const;
