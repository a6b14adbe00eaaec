import fc from 'fast-check';
import { suppressColumn } from './cell-suppression.js';
import { suppressLinked, type BaseCell, type LatticeInput } from './linked-suppression.js';
import { programmePeriods } from './report-periods.js';

const YEAR = programmePeriods('2026-01-01', '2026-12-31');
const compare = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0;

/** A one-column table request over base cells given as [month, part, coords, count]. */
function request(
  dims: string[],
  cells: [number, string, Record<string, string>, number][],
  overrides: Partial<LatticeInput> = {},
): LatticeInput {
  const base: BaseCell[] = cells.map(([month, part, coords, n]) => ({
    month,
    part,
    coords,
    counts: [n],
  }));
  return {
    dims,
    base,
    baseWithoutGroup: base,
    period: YEAR,
    parts: null,
    part: null,
    columns: 1,
    threshold: 5,
    compare,
    ...overrides,
  };
}

/** The published table: coords → count or null. */
function published(input: LatticeInput): Record<string, number | null> {
  const result = suppressLinked(input);
  return Object.fromEntries([
    ...result.cells.map((c) => [
      Object.values(c.coords).join('/'),
      c.hidden[0] ? null : c.counts[0],
    ]),
    ['total', result.totals.hidden[0] ? null : result.totals.counts[0]],
  ]);
}

describe('suppressLinked, one table', () => {
  it('is the one-column rule for a table of one dimension', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 2, max: 8 }),
        (values, threshold) => {
          const nonEmpty = values.map((v, i) => [v, i] as const).filter(([v]) => v > 0);
          const input = request(
            ['k'],
            nonEmpty.map(([v, i]) => [0, '', { k: String.fromCharCode(97 + i) }, v]),
            { threshold },
          );
          const total = nonEmpty.reduce((s, [v]) => s + v, 0);
          const expected = suppressColumn(
            nonEmpty.map(([v]) => v),
            total,
            threshold,
          );
          const result = suppressLinked(input);
          expect(result.cells.map((c) => c.hidden[0])).toEqual(expected.cells);
          expect(result.totals.hidden[0]).toBe(expected.total);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('protects a row of a two-way table against the one-way table of the same rows', () => {
    // sex: female 9, male 12. sex × youth: female youth 3 is primary; female not-youth 6 would
    // be 9 − 3 published next to the published female 9, so it is hidden too
    const input = request(
      ['sex', 'youth'],
      [
        [0, '', { sex: 'female', youth: 'youth' }, 3],
        [0, '', { sex: 'female', youth: 'not-youth' }, 6],
        [0, '', { sex: 'male', youth: 'youth' }, 6],
        [0, '', { sex: 'male', youth: 'not-youth' }, 6],
      ],
    );
    const table = published(input);
    expect(table['female/youth']).toBeNull();
    expect(table['female/not-youth']).toBeNull();
    // and each youth column keeps two hidden cells: youth 9 − 3 = male youth
    expect(table['male/youth']).toBeNull();
    expect(table['male/not-youth']).toBeNull();
    expect(table.total).toBe(21);
    expect(
      published(
        request(
          ['sex'],
          [
            [0, '', { sex: 'female' }, 9],
            [0, '', { sex: 'male' }, 12],
          ],
        ),
      ),
    ).toEqual({
      female: 9,
      male: 12,
      total: 21,
    });
  });

  it('hides every cell of a row whose margin is hidden, rather than publish its sum', () => {
    // sex: female 6, male 2, other 6: male primary, the smallest other (female) hidden with it
    const cells: [number, string, Record<string, string>, number][] = [
      [0, '', { sex: 'female', youth: 'youth' }, 6],
      [0, '', { sex: 'male', youth: 'youth' }, 2],
      [0, '', { sex: 'other', youth: 'youth' }, 6],
      [0, '', { sex: 'other', youth: 'not-youth' }, 7],
    ];
    const oneWay = published(
      request(
        ['sex'],
        cells.map(([m, p, c, n]) => [m, p, { sex: c.sex }, n]),
      ),
    );
    expect(oneWay).toEqual({ female: null, male: null, other: 13, total: 21 });
    const twoWay = published(request(['sex', 'youth'], cells));
    // female youth alone would be the hidden female 6
    expect(twoWay['female/youth']).toBeNull();
  });
});

describe('suppressLinked, periods and country parts', () => {
  const q1 = YEAR.children[0].children[0];

  it('protects a quarter against the year and the other quarters', () => {
    // registrations per month: Jan 6, Apr 7, Jul 2, Oct 8; the year is 23
    const input = request(
      [],
      [
        [0, '', {}, 6],
        [3, '', {}, 7],
        [6, '', {}, 2],
        [9, '', {}, 8],
      ],
    );
    expect(published(input).total).toBe(23);
    // H2 (10) − Q4 (8) would be Q3 (2): Q3 is primary and its sibling Q4 goes with it
    const quarter = (id: string) =>
      published({
        ...input,
        period: YEAR.children.flatMap((h) => h.children).find((p) => p.id === id) as never,
      }).total;
    expect(quarter('2026-Q3')).toBeNull();
    expect(quarter('2026-Q4')).toBeNull();
    expect(quarter('2026-Q1')).toBe(6);
    expect(published({ ...input, period: YEAR.children[1] }).total).toBe(10);
    expect(published({ ...input, period: q1 }).total).toBe(6);
  });

  it('protects a country part against the whole programme and the other parts', () => {
    const input = request(
      ['sex'],
      [
        [0, 'XK', { sex: 'female' }, 8],
        [0, 'XK', { sex: 'male' }, 7],
        [0, 'AL', { sex: 'female' }, 9],
        [0, 'AL', { sex: 'male' }, 6],
        [0, 'other', { sex: 'female' }, 2],
        [0, 'other', { sex: 'male' }, 9],
      ],
      { parts: ['AL', 'XK', 'other'] },
    );
    expect(published(input)).toEqual({ female: 19, male: 22, total: 41 });
    // female: whole 19 − XK 8 − AL 9 would be other 2: one more female part is hidden
    const xk = published({ ...input, part: 'XK' });
    const al = published({ ...input, part: 'AL' });
    expect(xk.female === null || al.female === null).toBe(true);
  });
});

/**
 * An attacker who knows every published cell of a two-way table, of both one-way tables and of
 * the total, and that counts are whole numbers ≥ 0: every table of hidden cells consistent with
 * all of it. No hidden cell (of any of the tables) may have a single possible value.
 */
describe('suppressLinked, against an attacker who combines the tables', () => {
  const dims = ['r', 'c'];
  const tables = fc.record({
    threshold: fc.integer({ min: 2, max: 4 }),
    rows: fc.integer({ min: 2, max: 3 }),
    cols: fc.integer({ min: 2, max: 3 }),
    values: fc.array(fc.nat({ max: 6 }), { minLength: 9, maxLength: 9 }),
  });

  it('leaves every hidden cell at least two possible values', () => {
    fc.assert(
      fc.property(tables, ({ threshold, rows, cols, values }) => {
        const grid = Array.from({ length: rows }, (_, r) =>
          Array.from({ length: cols }, (_, c) => values[r * 3 + c]),
        );
        const cells: [number, string, Record<string, string>, number][] = [];
        grid.forEach((row, r) =>
          row.forEach((v, c) => {
            if (v > 0) cells.push([0, '', { r: `r${r}`, c: `c${c}` }, v]);
          }),
        );
        if (cells.length === 0) return;
        const pub = (ds: string[]) => {
          const input = request(
            ds,
            cells.map(([m, p, coords, n]) => [
              m,
              p,
              Object.fromEntries(ds.map((d) => [d, coords[d]])),
              n,
            ]),
            { threshold },
          );
          return published(input);
        };
        const full = pub(dims);
        const byRow = pub(['r']);
        const byCol = pub(['c']);
        // unknowns: every cell of the grid not published (absent rows are unknown to the attacker)
        const unknown: [number, number][] = [];
        grid.forEach((row, r) =>
          row.forEach((_, c) => {
            if (typeof full[`r${r}/c${c}`] !== 'number') unknown.push([r, c]);
          }),
        );
        if (unknown.length > 6) return;
        const solutions: number[][][] = [];
        const trial = grid.map((row) => [...row]);
        const shownTotal = typeof full.total === 'number' ? full.total : null;
        const rowMargin = (r: number) => byRow[`r${r}`];
        const colMargin = (c: number) => byCol[`c${c}`];
        // a hidden total is below the threshold; otherwise no cell exceeds a published margin
        const upper = (r: number, c: number) =>
          Math.min(
            shownTotal ?? threshold - 1,
            typeof rowMargin(r) === 'number' ? (rowMargin(r) as number) : Infinity,
            typeof colMargin(c) === 'number' ? (colMargin(c) as number) : Infinity,
          );
        const consistent = () => {
          const total = trial.flat().reduce((s, v) => s + v, 0);
          if (shownTotal !== null ? shownTotal !== total : total >= threshold) return false;
          for (let r = 0; r < rows; r++) {
            const sum = trial[r].reduce((s, v) => s + v, 0);
            const shown = rowMargin(r);
            if (typeof shown === 'number' && shown !== sum) return false;
          }
          for (let c = 0; c < cols; c++) {
            const shown = colMargin(c);
            if (typeof shown === 'number' && shown !== trial.reduce((s, row) => s + row[c], 0)) {
              return false;
            }
          }
          return true;
        };
        const search = (i: number): void => {
          if (i === unknown.length) {
            if (consistent()) solutions.push(trial.map((row) => [...row]));
            return;
          }
          const [r, c] = unknown[i];
          for (let v = 0; v <= upper(r, c); v++) {
            trial[r][c] = v;
            search(i + 1);
          }
        };
        // keep the exhaustive search small
        if (unknown.reduce((n, [r, c]) => n * (upper(r, c) + 1), 1) > 100_000) return;
        search(0);
        expect(solutions.length).toBeGreaterThan(0);
        // combinations nobody reached are no cells (as in a one-way table, when everything
        // around them is published they are known to be empty); every hidden cell is protected
        for (const [r, c] of unknown.filter(([r, c]) => grid[r][c] > 0)) {
          const possible = new Set(solutions.map((s) => s[r][c]));
          expect(possible.size).toBeGreaterThanOrEqual(2);
        }
        // and so is every hidden cell of the one-way tables
        for (let r = 0; r < rows; r++) {
          if (byRow[`r${r}`] !== null) continue;
          const possible = new Set(solutions.map((s) => s[r].reduce((a, v) => a + v, 0)));
          expect(possible.size).toBeGreaterThanOrEqual(2);
        }
      }),
      { numRuns: 200 },
    );
  });
});
