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

export const SHARED_VIEWS = ['programme_report_frames', 'programme_enrolment_facts'] as const;
