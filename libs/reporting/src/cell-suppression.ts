/**
 * Small-cell suppression for one column of a published table: the cells (people counted in
 * each row) and the total printed under them. The total counts distinct people, so it equals the
 * sum of the cells when every person sits in one row, and is at most that sum when people can sit
 * in several rows (several groups, or several age bands for one indicator).
 *
 * - Primary: every cell below `threshold` (0 included: a published 0 tells who is absent) is
 *   suppressed, and so is the total when it is below `threshold`.
 * - Complementary: when the total is published, the suppressed cells hold the remainder
 *   `total − Σ published cells`. While fewer than two cells are suppressed or that remainder is
 *   below `threshold`, the smallest published cell (first row on ties) is suppressed too. A single
 *   suppressed cell would equal the remainder; a small remainder would bound every suppressed
 *   cell below the threshold.
 *
 * This is the rule of one line; reports apply it to every line of the lattice of linked tables
 * in `linked-suppression.ts`, whose spec checks that both agree on a single table.
 */
export interface ColumnSuppression {
  /** `true` at the index of every suppressed cell. */
  cells: boolean[];
  total: boolean;
}

export function suppressColumn(
  values: readonly number[],
  total: number,
  threshold: number,
): ColumnSuppression {
  const cells = values.map((v) => v < threshold);
  const totalSuppressed = total < threshold;
  if (totalSuppressed) return { cells: values.map(() => true), total: true };

  const suppressedCount = (): number => cells.filter(Boolean).length;
  const remainder = (): number =>
    values.reduce((rest, v, i) => (cells[i] ? rest : rest - v), total);
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i);
  for (const { i } of order) {
    const count = suppressedCount();
    if (count === 0 || (count >= 2 && remainder() >= threshold)) break;
    if (!cells[i]) cells[i] = true;
  }
  return { cells, total: false };
}

/** The suppression of several columns of one table, by column name. */
export function suppressColumns<K extends string>(
  columns: readonly K[],
  rows: readonly Record<K, number>[],
  totals: Record<K, number>,
  threshold: number,
): Record<K, ColumnSuppression> {
  return Object.fromEntries(
    columns.map((c) => [
      c,
      suppressColumn(
        rows.map((r) => r[c]),
        totals[c],
        threshold,
      ),
    ]),
  ) as Record<K, ColumnSuppression>;
}
