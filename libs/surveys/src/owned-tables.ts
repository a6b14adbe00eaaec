/**
 * The tables this lib owns: only its repositories name them in SQL; other libs read them through
 * this lib's exported functions (docs/data-model.md, "Owners"; checked by
 * libs/database/src/table-ownership.spec.ts).
 */
export const OWNED_TABLES = ['surveys'] as const;

export const SHARED_VIEWS = ['survey_report_facts'] as const;
