/**
 * The fixed calendar periods a report may cover: the whole programme period, or one calendar
 * year, half-year, quarter or month of it (each clipped to the programme period). They form a
 * tree: every period is split exactly into its children (the next finer calendar level), so a
 * report for one period can be protected against the reports of its parent and siblings (see
 * docs/reporting.md, "Differencing").
 */
export interface ReportPeriod {
  /** `root`, or e.g. `2026`, `2026-H1`, `2026-Q2`, `2026-05`. */
  id: string;
  /** Months of the programme covered, as indexes from the programme's first month (inclusive). */
  firstMonth: number;
  lastMonth: number;
  /** Inclusive calendar dates, clipped to the programme period. */
  from: string;
  to: string;
  parent: ReportPeriod | null;
  children: ReportPeriod[];
}

interface YearMonth {
  year: number;
  month: number; // 1..12
}

const parse = (date: string): YearMonth & { day: number } => {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
};

const pad = (n: number) => String(n).padStart(2, '0');

const lastDay = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The calendar levels under the programme period, coarsest first: months per period. */
const LEVELS: { months: number; label: (y: number, i: number) => string }[] = [
  { months: 12, label: (y) => `${y}` },
  { months: 6, label: (y, i) => `${y}-H${i + 1}` },
  { months: 3, label: (y, i) => `${y}-Q${i + 1}` },
  { months: 1, label: (y, i) => `${y}-${pad(i + 1)}` },
];

/** The period tree of a programme running from `startsOn` to `endsOn` (inclusive dates). */
export function programmePeriods(startsOn: string, endsOn: string): ReportPeriod {
  const start = parse(startsOn);
  const end = parse(endsOn);
  const m0 = start.year * 12 + (start.month - 1);
  const monthCount = end.year * 12 + (end.month - 1) - m0 + 1;
  const bounds = (first: number, last: number) => {
    const a = m0 + first;
    const b = m0 + last;
    const from = first === 0 ? startsOn : `${Math.floor(a / 12)}-${pad((a % 12) + 1)}-01`;
    const to =
      last === monthCount - 1
        ? endsOn
        : `${Math.floor(b / 12)}-${pad((b % 12) + 1)}-${pad(lastDay(Math.floor(b / 12), (b % 12) + 1))}`;
    return { from, to };
  };
  const root: ReportPeriod = {
    id: 'root',
    firstMonth: 0,
    lastMonth: monthCount - 1,
    ...bounds(0, monthCount - 1),
    parent: null,
    children: [],
  };
  const all: ReportPeriod[] = [root];
  for (const level of LEVELS) {
    for (let abs = m0 - (m0 % level.months); abs <= m0 + monthCount - 1; abs += level.months) {
      const first = Math.max(0, abs - m0);
      const last = Math.min(monthCount - 1, abs + level.months - 1 - m0);
      // a period covering the same months as a coarser one is the same period
      if (all.some((p) => p.firstMonth === first && p.lastMonth === last)) continue;
      const parent = all
        .filter((p) => p.firstMonth <= first && p.lastMonth >= last)
        .reduce((a, b) => (b.lastMonth - b.firstMonth < a.lastMonth - a.firstMonth ? b : a));
      const node: ReportPeriod = {
        id: level.label(Math.floor(abs / 12), (abs % 12) / level.months),
        firstMonth: first,
        lastMonth: last,
        ...bounds(first, last),
        parent,
        children: [],
      };
      parent.children.push(node);
      all.push(node);
    }
  }
  return root;
}

/** Every period of the tree, root first. */
export function allPeriods(root: ReportPeriod): ReportPeriod[] {
  return [root, ...root.children.flatMap(allPeriods)];
}

/** The periods from the root down to `period`, root first. */
export function pathTo(period: ReportPeriod): ReportPeriod[] {
  const path: ReportPeriod[] = [];
  for (let p: ReportPeriod | null = period; p !== null; p = p.parent) path.unshift(p);
  return path;
}

export type PeriodChoice = { period: ReportPeriod } | { field: 'from' | 'to'; message: string };

/**
 * The period a window asks for. Dates outside the programme period are clipped to it (so
 * `2026-01-01..2026-12-31` of a programme starting 2026-03-15 is its year 2026); what remains
 * must be exactly one period of the tree.
 */
export function choosePeriod(
  root: ReportPeriod,
  from: string | undefined,
  to: string | undefined,
): PeriodChoice {
  const lo = from === undefined || from < root.from ? root.from : from;
  const hi = to === undefined || to > root.to ? root.to : to;
  const within = `within the programme period ${root.from}..${root.to}`;
  if (lo > root.to || hi < root.from) {
    return {
      field: from !== undefined && lo > root.to ? 'from' : 'to',
      message: `the window must lie ${within}`,
    };
  }
  const periods = allPeriods(root);
  const found = periods.find((p) => p.from === lo && p.to === hi);
  if (found !== undefined) return { period: found };
  const message =
    'from and to must span the whole programme period or one whole calendar year, half-year, ' +
    `quarter or month of it (${within})`;
  return { field: periods.some((p) => p.from === lo) ? 'to' : 'from', message };
}
