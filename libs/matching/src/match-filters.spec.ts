import { describe, expect, it } from '@jest/globals';
import { FilterBuilder, type FilterExpression } from '@app/search';
import { atMostOneFails } from './match-filters.js';

const conditions = new FilterBuilder(['skillIds']);

/** The filter's truth for one assignment: each `skillIds = "p<i>"` holds when `holds[i]`. */
function truth(filter: FilterExpression | undefined, holds: boolean[]): boolean {
  if (filter === undefined) return true;
  const js = filter.text
    .replace(/skillIds = "p(\d+)"/g, (_, i: string) => String(holds[Number(i)]))
    .replaceAll(' AND ', ' && ')
    .replaceAll(' OR ', ' || ');
  if (!/^[()truefals &|]*$/.test(js)) throw new Error(`unexpected filter text: ${filter.text}`);
  return new Function(`return ${js};`)() as boolean;
}

describe('atMostOneFails', () => {
  it('holds exactly when at most one part fails, for every assignment of 0 to 9 parts', () => {
    for (let k = 0; k <= 9; k++) {
      const parts = Array.from(
        { length: k },
        (_, i) => conditions.eq('skillIds', `p${i}`) as FilterExpression,
      );
      const filter = atMostOneFails(parts);
      for (let mask = 0; mask < 1 << k; mask++) {
        const holds = parts.map((_, i) => (mask & (1 << i)) !== 0);
        const failed = holds.filter((h) => !h).length;
        expect({ k, mask, kept: truth(filter, holds) }).toEqual({ k, mask, kept: failed <= 1 });
      }
    }
  });

  it('stays small: O(k log k) conditions instead of k × (k − 1)', () => {
    const count = (k: number) => {
      const parts = Array.from(
        { length: k },
        (_, i) => conditions.eq('skillIds', `p${i}`) as FilterExpression,
      );
      return (atMostOneFails(parts)?.text.match(/skillIds =/g) ?? []).length;
    };
    expect([2, 3, 4, 5, 6, 8].map(count)).toEqual([2, 5, 8, 12, 16, 24]);
  });
});
