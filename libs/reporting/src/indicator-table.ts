import type { LatticeCell } from './linked-suppression.js';
import type { RawMoney } from './indicators.repository.js';
import {
  AGE_BANDS,
  PEOPLE_COUNTERS,
  UNDISCLOSED,
  type ReportDimension,
  type ReportGroup,
} from './report-values.js';

/** The published indicators of one cell; `null` is a suppressed cell, never 0. */
export type PublishedCounters = Record<(typeof PEOPLE_COUNTERS)[number], number | null> & {
  incomeEurSum: number | null;
  incomeEurMedian: number | null;
  hoursWorked: number | null;
  withPaidWork: number | null;
  incomeMedian6m: number | null;
  responseRate6m: number | null;
};

export interface PublishedTable {
  rows: (PublishedCounters & { group: ReportGroup })[];
  totals: PublishedCounters;
}

/**
 * Columns suppressed by the number of people they count; `paidWork` backs `withPaidWork`,
 * `due6m` and `answered6m` back `responseRate6m`.
 */
export const SUPPRESSED_COLUMNS = [...PEOPLE_COUNTERS, 'paidWork', 'due6m', 'answered6m'] as const;

const round = (value: number, digits: number): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/** The key of a cell's dimension values, to find its money and hours. */
const groupKey = (group: ReportGroup, groupBy: readonly ReportDimension[]) =>
  JSON.stringify(groupBy.map((d) => group[d] ?? null));

/**
 * Shapes what is published from the suppressed cells (columns in {@link SUPPRESSED_COLUMNS}
 * order). Money and hours follow the suppression of `completed` (the people behind them); the
 * paid-work share is published only when both its numerator and its denominator (`trained`)
 * are, the 6-month response rate likewise, and the 6-month income median follows `employed6m`. Rows whose every people counter is suppressed are left out, so a row's existence does
 * not reveal that someone of that description took part.
 */
export function publishTable(
  suppressed: { cells: LatticeCell[]; totals: LatticeCell },
  money: { rows: RawMoney[]; totals: RawMoney },
  groupBy: readonly ReportDimension[],
): PublishedTable {
  const moneyOf = new Map(money.rows.map((m) => [groupKey(m.group, groupBy), m]));
  const index = (c: (typeof SUPPRESSED_COLUMNS)[number]) => SUPPRESSED_COLUMNS.indexOf(c);
  const publish = (cell: LatticeCell, m: RawMoney | undefined): PublishedCounters => {
    const hidden = (c: (typeof SUPPRESSED_COLUMNS)[number]) => cell.hidden[index(c)];
    const count = (c: (typeof SUPPRESSED_COLUMNS)[number]) => cell.counts[index(c)];
    const people = Object.fromEntries(
      PEOPLE_COUNTERS.map((c) => [c, hidden(c) ? null : count(c)]),
    ) as Record<(typeof PEOPLE_COUNTERS)[number], number | null>;
    const noMoney = hidden('completed');
    const share = hidden('trained') || hidden('paidWork') || count('trained') === 0;
    const median = m?.incomeEurMedian ?? null;
    const median6m = m?.incomeMedian6m ?? null;
    const rate = hidden('due6m') || hidden('answered6m') || count('due6m') === 0;
    return {
      ...people,
      incomeEurSum: noMoney ? null : round(m?.incomeEurSum ?? 0, 2),
      incomeEurMedian: noMoney || median === null ? null : round(median, 2),
      hoursWorked: noMoney ? null : round(m?.hoursWorked ?? 0, 2),
      withPaidWork: share ? null : round(count('paidWork') / count('trained'), 4),
      incomeMedian6m: hidden('employed6m') || median6m === null ? null : round(median6m, 2),
      responseRate6m: rate ? null : round(count('answered6m') / count('due6m'), 4),
    };
  };
  return {
    rows: suppressed.cells
      .map((cell) => {
        const group = Object.fromEntries(groupBy.map((d) => [d, cell.coords[d]])) as ReportGroup;
        return { group, ...publish(cell, moneyOf.get(groupKey(group, groupBy))) };
      })
      .filter((r) => PEOPLE_COUNTERS.some((c) => r[c] !== null)),
    totals: publish(suppressed.totals, money.totals),
  };
}

/** Rows in a stable order: age bands youngest first, other values alphabetically, undisclosed last. */
export function compareGroups(
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
