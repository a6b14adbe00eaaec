/**
 * The tables this lib owns: only its repositories name them in SQL; other libs read them through
 * this lib's exported functions (docs/data-model.md, "Owners"; checked by
 * libs/database/src/table-ownership.spec.ts). All four are the read model of the reports, written
 * only by triggers (docs/reporting.md, "Read model").
 */
export const OWNED_TABLES = [
  'report_people',
  'report_cells',
  'report_engagements',
  'report_money',
] as const;
