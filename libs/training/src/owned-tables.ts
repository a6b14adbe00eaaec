/**
 * The tables this lib owns: only its repositories name them in SQL; other libs read them through
 * this lib's exported functions (docs/data-model.md, "Owners"; checked by
 * libs/database/src/table-ownership.spec.ts).
 */
export const OWNED_TABLES = [
  'programmes',
  'programme_partners',
  'courses',
  'course_skills',
  'cohorts',
  'enrolments',
  'certificates',
  'certificate_skills',
  'credential_signing_keys',
] as const;

/**
 * Views over these tables for the libs below training (table-ownership.spec.ts): opportunities
 * reads `programme_partnerships` (every programme with each partner organisation) to check who may
 * attach work to a programme and which requests are its partner work.
 */
export const SHARED_VIEWS = ['programme_partnerships'] as const;
