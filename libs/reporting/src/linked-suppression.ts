import type { ReportPeriod } from './report-periods.js';

/**
 * Small-cell suppression that holds across every report a donor can ask for, not only within
 * one (docs/reporting.md, "Differencing").
 *
 * Every report a query can produce is a table of one fixed lattice: a period of the programme's
 * period tree × the whole programme or one country part × a subset `S` of the requested
 * dimensions. Each table's cells are sums of base cells (people counted once per indicator, in
 * the month and age band of their first such event), so a cell of a coarser table is the sum of
 * the cells it splits into: a period of its child periods, the whole programme of its country
 * parts, a table over `S` of the table over `S + {d}` along `d` (with groups, where a person may
 * be in several rows, the sum is at least the coarser cell). Each such relation is a **line**:
 * members and the coarser cell, its margin.
 *
 * Tables are decided coarse to fine (period level, then whole before parts, then fewer
 * dimensions first), so a table's suppression depends only on coarser tables and on its own
 * siblings (the child periods of one parent, or all country parts, decided together), never on
 * which query asked. Then every line must satisfy, for each column on its own:
 *
 * - no member suppressed and the margin published, or
 * - at least two members suppressed and `margin − Σ published members ≥ threshold`.
 *
 * Primary suppression is every cell below the threshold, 0 included. While a line breaks the
 * rule, its smallest published member (first in cell order on ties) is suppressed too. A line
 * with a suppressed margin and no suppressed member would reveal the margin, so it breaks the
 * rule too.
 */

/** One base cell: a month of the programme, a country part, dimension values, counts per column. */
export interface BaseCell {
  month: number;
  part: string;
  coords: Record<string, string>;
  counts: number[];
}

export interface LatticeInput {
  /** The dimensions of the requested table, in order. */
  dims: string[];
  /**
   * Base cells with a row per group of a person (`group` among `dims`), and without that fan-out
   * (coords without `group`, one row per person). Without `group` in `dims`, pass the same array.
   */
  base: BaseCell[];
  baseWithoutGroup: BaseCell[];
  /** The queried period; with its ancestors and their children decided as well. */
  period: ReportPeriod;
  /** All country parts, or null when the whole programme is asked (no part dimension). */
  parts: string[] | null;
  /** The queried part (one of `parts`), or null for the whole programme. */
  part: string | null;
  columns: number;
  threshold: number;
  /** Order of cells within a table (the published row order). */
  compare: (a: Record<string, string>, b: Record<string, string>) => number;
}

export interface LatticeCell {
  coords: Record<string, string>;
  counts: number[];
  /** Per column: suppressed. */
  hidden: boolean[];
}

export interface LatticeResult {
  cells: LatticeCell[];
  totals: LatticeCell;
}

const WHOLE = '*';
const SEP = '\u0001';

interface Cell {
  key: string;
  coords: Record<string, string>;
  counts: number[];
}

/** The suppression of the requested table (period × part × all dims) and of its totals. */
export function suppressLinked(input: LatticeInput): LatticeResult {
  const { dims, threshold, columns } = input;
  const subsets = subsetsBySize(dims.length);
  const path: ReportPeriod[] = [];
  for (let p: ReportPeriod | null = input.period; p !== null; p = p.parent) path.unshift(p);

  // per subset: (part, tuple) → counts per month
  const series = new Map<
    number,
    Map<string, { coords: Record<string, string>; byMonth: Map<number, number[]> }>
  >();
  const seriesOf = (mask: number) => {
    let s = series.get(mask);
    if (s !== undefined) return s;
    s = new Map();
    const inS = dims.filter((_, i) => mask & (1 << i));
    const source = inS.includes('group') ? input.base : input.baseWithoutGroup;
    for (const b of source) {
      const coords = Object.fromEntries(inS.map((d) => [d, b.coords[d]]));
      const tuple = inS.map((d) => b.coords[d]).join(SEP);
      for (const part of input.parts === null ? [WHOLE] : [WHOLE, b.part]) {
        const key = `${part}|${tuple}`;
        let entry = s.get(key);
        if (entry === undefined) {
          entry = { coords, byMonth: new Map() };
          s.set(key, entry);
        }
        let row = entry.byMonth.get(b.month);
        if (row === undefined)
          entry.byMonth.set(b.month, (row = new Array<number>(columns).fill(0)));
        for (let c = 0; c < columns; c++) row[c] += b.counts[c];
      }
    }
    series.set(mask, s);
    return s;
  };

  const cellKey = (period: string, part: string, mask: number, tuple: string) =>
    `${period}|${part}|${mask}|${tuple}`;
  const tupleOf = (coords: Record<string, string>, mask: number) =>
    dims
      .filter((_, i) => mask & (1 << i))
      .map((d) => coords[d])
      .join(SEP);

  /** The cells of one table, in cell order. */
  const table = (period: ReportPeriod, part: string, mask: number): Cell[] => {
    const cells: Cell[] = [];
    for (const [key, entry] of seriesOf(mask)) {
      if (!key.startsWith(`${part}|`)) continue;
      const counts = new Array<number>(columns).fill(0);
      for (const [m, row] of entry.byMonth) {
        if (m < period.firstMonth || m > period.lastMonth) continue;
        for (let c = 0; c < columns; c++) counts[c] += row[c];
      }
      // a combination nobody reached in this period is no cell of it
      if (counts.every((v) => v === 0)) continue;
      cells.push({
        key: cellKey(period.id, part, mask, key.slice(part.length + 1)),
        coords: entry.coords,
        counts,
      });
    }
    return cells.sort((a, b) => input.compare(a.coords, b.coords));
  };

  const value = new Map<string, number[]>();
  const hidden: Map<string, boolean>[] = Array.from({ length: columns }, () => new Map());

  for (let level = 0; level < path.length; level++) {
    const siblings = level === 0 ? [path[0]] : path[level - 1].children;
    const parent = level === 0 ? null : path[level - 1];
    for (const partMode of input.parts === null ? ['whole'] : ['whole', 'parts']) {
      const parts = partMode === 'whole' ? [WHOLE] : (input.parts as string[]);
      for (const mask of subsets) {
        const cells: Cell[] = [];
        for (const period of siblings) {
          for (const part of parts) cells.push(...table(period, part, mask));
        }
        for (const c of cells) value.set(c.key, c.counts);
        const lines = linesOf(cells, { dims, mask, partMode, parent, cellKey, tupleOf, siblings });
        for (let column = 0; column < columns; column++) {
          decideBlock(cells, lines, column, threshold, value, hidden[column]);
        }
      }
    }
  }

  const full = subsets[subsets.length - 1];
  const part = input.part ?? WHOLE;
  const publish = (c: Cell): LatticeCell => ({
    coords: c.coords,
    counts: c.counts,
    hidden: hidden.map((h) => h.get(c.key) ?? true),
  });
  const totalsCell = table(input.period, part, 0)[0] ?? {
    key: cellKey(input.period.id, part, 0, ''),
    coords: {},
    counts: new Array<number>(columns).fill(0),
  };
  return {
    cells: full === 0 ? [] : table(input.period, part, full).map(publish),
    totals: publish(totalsCell),
  };
}

/** Bit masks of every subset of `n` dimensions, fewer dimensions first. */
function subsetsBySize(n: number): number[] {
  const all = Array.from({ length: 1 << n }, (_, m) => m);
  const size = (m: number) => m.toString(2).replaceAll('0', '').length;
  return all.sort((a, b) => size(a) - size(b) || a - b);
}

interface Line {
  margin: string;
  members: Cell[];
}

function linesOf(
  cells: Cell[],
  ctx: {
    dims: string[];
    mask: number;
    partMode: string;
    parent: ReportPeriod | null;
    siblings: ReportPeriod[];
    cellKey: (period: string, part: string, mask: number, tuple: string) => string;
    tupleOf: (coords: Record<string, string>, mask: number) => string;
  },
): Line[] {
  const lines = new Map<string, Line>();
  const add = (margin: string, member: Cell) => {
    let line = lines.get(margin);
    if (line === undefined) lines.set(margin, (line = { margin, members: [] }));
    line.members.push(member);
  };
  for (const c of cells) {
    const [period, part] = c.key.split('|');
    const tuple = ctx.tupleOf(c.coords, ctx.mask);
    // along each dimension of the table: the table without it
    ctx.dims.forEach((_, i) => {
      if (!(ctx.mask & (1 << i))) return;
      const coarser = ctx.mask & ~(1 << i);
      add(`d${i}:${ctx.cellKey(period, part, coarser, ctx.tupleOf(c.coords, coarser))}`, c);
    });
    // along the country parts: the whole programme
    if (ctx.partMode === 'parts') add(`p:${ctx.cellKey(period, WHOLE, ctx.mask, tuple)}`, c);
    // along the child periods of one parent: the parent
    if (ctx.parent !== null) add(`t:${ctx.cellKey(ctx.parent.id, part, ctx.mask, tuple)}`, c);
  }
  return [...lines.values()].map((l) => ({
    ...l,
    margin: l.margin.slice(l.margin.indexOf(':') + 1),
  }));
}

/** Primary and complementary suppression of one column of a block of sibling tables. */
function decideBlock(
  cells: Cell[],
  lines: Line[],
  column: number,
  threshold: number,
  value: Map<string, number[]>,
  hidden: Map<string, boolean>,
): void {
  const order = new Map(cells.map((c, i) => [c.key, i]));
  for (const c of cells) hidden.set(c.key, c.counts[column] < threshold);
  const linesOfCell = new Map<string, Line[]>();
  for (const line of lines) {
    for (const m of line.members) {
      const list = linesOfCell.get(m.key) ?? [];
      list.push(line);
      linesOfCell.set(m.key, list);
    }
  }
  const queue = [...lines];
  const queued = new Set(queue);
  while (queue.length > 0) {
    const line = queue.shift() as Line;
    queued.delete(line);
    const pick = complementOf(line, column, threshold, value, hidden, order);
    if (pick === null) continue;
    hidden.set(pick.key, true);
    for (const l of linesOfCell.get(pick.key) ?? []) {
      if (!queued.has(l)) {
        queued.add(l);
        queue.push(l);
      }
    }
    if (!queued.has(line)) {
      queued.add(line);
      queue.push(line);
    }
  }
}

/** The member to suppress next so that the line keeps its rule, or null when it holds. */
function complementOf(
  line: Line,
  column: number,
  threshold: number,
  value: Map<string, number[]>,
  hidden: Map<string, boolean>,
  order: Map<string, number>,
): Cell | null {
  const marginHidden = hidden.get(line.margin) ?? true;
  const margin = value.get(line.margin)?.[column] ?? 0;
  let suppressed = 0;
  let published = 0;
  for (const m of line.members) {
    if (hidden.get(m.key)) suppressed += 1;
    else published += m.counts[column];
  }
  const holds =
    (suppressed === 0 && !marginHidden) ||
    (suppressed >= 2 && margin - published >= threshold) ||
    suppressed === line.members.length;
  if (holds) return null;
  let best: Cell | null = null;
  for (const m of line.members) {
    if (hidden.get(m.key)) continue;
    if (
      best === null ||
      m.counts[column] < best.counts[column] ||
      (m.counts[column] === best.counts[column] &&
        (order.get(m.key) ?? 0) < (order.get(best.key) ?? 0))
    ) {
      best = m;
    }
  }
  return best;
}
