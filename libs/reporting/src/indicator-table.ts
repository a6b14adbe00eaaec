import { suppressColumns } from './cell-suppression.js';
import {
  AGE_BANDS,
  PEOPLE_COUNTERS,
  UNDISCLOSED,
  type IndicatorCounts,
  type RawIndicatorRow,
  type ReportDimension,
  type ReportGroup,
} from './report-values.js';

/** The published indicators of one cell; `null` is a suppressed cell, never 0. */
export type PublishedCounters = Record<(typeof PEOPLE_COUNTERS)[number], number | null> & {
  incomeEurSum: number | null;
  incomeEurMedian: number | null;
  hoursWorked: number | null;
  withPaidWork: number | null;
};

export interface PublishedTable {
  rows: (PublishedCounters & { group: ReportGroup })[];
  totals: PublishedCounters;
}

/** Columns suppressed by the number of people they count; `paidWork` backs `withPaidWork`. */
const SUPPRESSED_COLUMNS = [...PEOPLE_COUNTERS, 'paidWork'] as const;

const round = (value: number, digits: number): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/**
 * Applies small-cell suppression (primary and complementary, column by column) to the raw table
 * and shapes what is published. Money and hours follow the suppression of `completed` (the
 * people behind them); the paid-work share is published only when both its numerator and its
 * denominator (`trained`) are. Rows whose every people counter is suppressed are left out, so a
 * row's existence does not reveal that someone of that description took part.
 */
export function publishTable(
  raw: { rows: RawIndicatorRow[]; totals: IndicatorCounts },
  groupBy: readonly ReportDimension[],
  threshold: number,
): PublishedTable {
  const rows = [...raw.rows].sort((a, b) => compareGroups(a.group, b.group, groupBy));
  const suppression = suppressColumns(
    SUPPRESSED_COLUMNS,
    rows.map((r) => r.counts),
    raw.totals,
    threshold,
  );
  const publish = (
    counts: IndicatorCounts,
    hidden: (c: (typeof SUPPRESSED_COLUMNS)[number]) => boolean,
  ) => {
    const value = (c: (typeof SUPPRESSED_COLUMNS)[number]): number | null =>
      hidden(c) ? null : counts[c];
    const people = Object.fromEntries(PEOPLE_COUNTERS.map((c) => [c, value(c)])) as Record<
      (typeof PEOPLE_COUNTERS)[number],
      number | null
    >;
    const money = hidden('completed');
    const share = hidden('trained') || hidden('paidWork') || counts.trained === 0;
    return {
      ...people,
      incomeEurSum: money ? null : round(counts.incomeEurSum, 2),
      incomeEurMedian:
        money || counts.incomeEurMedian === null ? null : round(counts.incomeEurMedian, 2),
      hoursWorked: money ? null : round(counts.hoursWorked, 2),
      withPaidWork: share ? null : round(counts.paidWork / counts.trained, 4),
    };
  };
  return {
    rows: rows
      .map((r, i) => ({ group: r.group, ...publish(r.counts, (c) => suppression[c].cells[i]) }))
      .filter((r) => PEOPLE_COUNTERS.some((c) => r[c] !== null)),
    totals: publish(raw.totals, (c) => suppression[c].total),
  };
}

/** Rows in a stable order: age bands youngest first, other values alphabetically, undisclosed last. */
function compareGroups(
  a: ReportGroup,
  b: ReportGroup,
  groupBy: readonly ReportDimension[],
): number {
  for (const d of groupBy) {
    const x = a[d] ?? '';
    const y = b[d] ?? '';
    if (x === y) continue;
    if (d === 'ageBand') {
      return (
        AGE_BANDS.indexOf(x as (typeof AGE_BANDS)[number]) -
        AGE_BANDS.indexOf(y as (typeof AGE_BANDS)[number])
      );
    }
    if (x === UNDISCLOSED) return 1;
    if (y === UNDISCLOSED) return -1;
    return x < y ? -1 : 1;
  }
  return 0;
}
