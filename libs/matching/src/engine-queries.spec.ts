import { describe, expect, it } from '@jest/globals';
import { FETCH_PAGE_SIZE, fetchEveryPage } from './engine-queries.js';

/** A paged source of `total` numbered documents that records the offsets asked for. */
function source(total: number) {
  const asked: number[] = [];
  let inFlight = 0;
  let most = 0;
  const page = async (offset: number) => {
    asked.push(offset);
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise((resolve) => setImmediate(resolve));
    inFlight -= 1;
    const end = Math.min(total, offset + FETCH_PAGE_SIZE);
    return { results: Array.from({ length: end - offset }, (_, i) => offset + i), total };
  };
  return { page, asked, most: () => most };
}

describe('fetchEveryPage', () => {
  it('returns every document once, in order, asking only for the pages there are', async () => {
    const total = 6 * FETCH_PAGE_SIZE + 1;
    const s = source(total);
    const all = await fetchEveryPage(s.page);
    expect(all).toEqual(Array.from({ length: total }, (_, i) => i));
    expect([...s.asked].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 7 }, (_, i) => i * FETCH_PAGE_SIZE),
    );
    expect(s.most()).toBe(4); // the pages after the first, four at a time
  });

  it('asks once when the first page holds everything, and handles an empty result', async () => {
    const one = source(3);
    expect(await fetchEveryPage(one.page)).toEqual([0, 1, 2]);
    expect(one.asked).toEqual([0]);
    const none = source(0);
    expect(await fetchEveryPage(none.page)).toEqual([]);
    expect(none.asked).toEqual([0]);
  });
});
