import { sql, type RawBuilder } from 'kysely';

/**
 * A `date` column as `YYYY-MM-DD` (pg would turn it into a Date at local midnight). `column` is
 * a qualified column name the query knows, e.g. `h.starts_on`.
 */
export function dateText(column: string): RawBuilder<string> {
  return sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;
}
