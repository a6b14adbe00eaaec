import fc from 'fast-check';
import { suppressColumn, suppressColumns } from './cell-suppression.js';

const published = (values: number[], cells: boolean[]): (number | null)[] =>
  values.map((v, i) => (cells[i] ? null : v));

describe('suppressColumn', () => {
  it('publishes a column where every cell reaches the threshold', () => {
    expect(suppressColumn([5, 7, 12], 24, 5)).toEqual({
      cells: [false, false, false],
      total: false,
    });
  });

  it('suppresses cells below the threshold, 0 included, and hides them behind another cell', () => {
    const { cells, total } = suppressColumn([0, 9, 3, 12], 24, 5);
    // 0 and 3 are primary; their remainder (3) is below 5, so the smallest published cell (9) goes
    expect(published([0, 9, 3, 12], cells)).toEqual([null, null, null, 12]);
    expect(total).toBe(false);
  });

  it('never leaves a single suppressed cell next to a published total', () => {
    const { cells } = suppressColumn([2, 10, 10], 22, 5);
    expect(cells.filter(Boolean)).toHaveLength(2);
    expect(published([2, 10, 10], cells)).toEqual([null, null, 10]);
  });

  it('picks the first row among equally small cells', () => {
    expect(suppressColumn([3, 8, 8, 8], 27, 5).cells).toEqual([true, true, false, false]);
  });

  it('suppresses the total and every cell when the total is below the threshold', () => {
    expect(suppressColumn([1, 3], 4, 5)).toEqual({ cells: [true, true], total: true });
  });

  it('suppresses everything but the total when no two cells can hide a small one', () => {
    expect(suppressColumn([1, 5], 6, 5)).toEqual({ cells: [true, true], total: false });
  });

  it('keeps suppressing while overlapping rows leave the remainder small', () => {
    // people in several groups: cells add up to more than the total of distinct people
    const { cells } = suppressColumn([2, 10, 10], 15, 5);
    const remainder = 15 - [2, 10, 10].reduce((s, v, i) => (cells[i] ? s : s + v), 0);
    expect(remainder).toBeGreaterThanOrEqual(5);
  });

  it('honours another threshold', () => {
    expect(suppressColumn([9, 10, 11], 30, 10).cells).toEqual([true, true, false]);
  });

  it('suppresses each named column on its own', () => {
    const result = suppressColumns(
      ['a', 'b'],
      [
        { a: 6, b: 1 },
        { a: 6, b: 9 },
      ],
      { a: 12, b: 10 },
      5,
    );
    expect(result.a.cells).toEqual([false, false]);
    expect(result.b.cells).toEqual([true, true]);
  });
});

/**
 * What someone can learn about a suppressed cell from the published cells, the published total
 * and non-negativity. Additive columns: the suppressed cells add up to the remainder R, so a cell
 * lies in [max(0, R − Σ upper bounds of the other suppressed cells), R]. Overlapping columns: the
 * cells add up to at least the total and none exceeds it. A suppressed total only says "below
 * the threshold", so every cell lies in [0, threshold − 1].
 */
function feasibleInterval(
  values: number[],
  cells: boolean[],
  total: number | null,
  additive: boolean,
  threshold: number,
  index: number,
): [number, number] {
  if (total === null) return [0, threshold - 1];
  const others = cells.filter((s, i) => s && i !== index).length;
  const remainder = values.reduce((rest, v, i) => (cells[i] ? rest : rest - v), total);
  if (additive) return [Math.max(0, remainder - others * remainder), remainder];
  return [Math.max(0, remainder - others * total), total];
}

describe('suppressColumn, for random tables', () => {
  const table = fc
    .record({
      threshold: fc.integer({ min: 2, max: 10 }),
      values: fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 12 }),
      additive: fc.boolean(),
      overlap: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map(({ threshold, values, additive, overlap }) => {
      const sum = values.reduce((s, v) => s + v, 0);
      const largest = Math.max(...values);
      // with people in several rows the total of distinct people lies between the largest cell
      // and the sum of the cells
      const total = additive ? sum : largest + Math.floor((sum - largest) * overlap);
      return { threshold, values, additive, total };
    });

  it('leaves no suppressed cell derivable from the published ones and the total', () => {
    fc.assert(
      fc.property(table, ({ threshold, values, additive, total }) => {
        const { cells, total: totalSuppressed } = suppressColumn(values, total, threshold);
        values.forEach((v, i) => {
          if (v < threshold) expect(cells[i]).toBe(true);
        });
        expect(totalSuppressed).toBe(total < threshold);
        if (!cells.some(Boolean)) return;
        const shownTotal = totalSuppressed ? null : total;
        if (shownTotal !== null) {
          const remainder = values.reduce((rest, v, i) => (cells[i] ? rest : rest - v), total);
          expect(remainder).toBeGreaterThanOrEqual(threshold);
        }
        cells.forEach((suppressed, i) => {
          if (!suppressed) return;
          const [low, high] = feasibleInterval(values, cells, shownTotal, additive, threshold, i);
          expect(high - low).toBeGreaterThan(0);
        });
      }),
      { numRuns: 2000 },
    );
  });
});
