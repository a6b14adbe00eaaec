import { describe, expect, it } from '@jest/globals';
import { formatRelayStats, RelayStats } from './relay-stats.js';

const pass = (claimed: number, documents = claimed) => ({
  claimed,
  documents,
  processed: claimed,
  retried: 0,
  failed: 0,
});

describe('RelayStats', () => {
  it('is empty before any pass, and ignores passes that claimed nothing', () => {
    const stats = new RelayStats();
    stats.record(pass(0));
    expect(stats.summary()).toEqual({
      passes: 0,
      rows: 0,
      processed: 0,
      retried: 0,
      failed: 0,
      documents: 0,
      rowsPerPass: { p50: 0, p95: 0, max: 0 },
      histogram: {},
      passMs: { p50: 0, p95: 0, max: 0 },
    });
  });

  it('counts rows and documents and gives exact nearest-rank percentiles of rows per pass', () => {
    const stats = new RelayStats();
    for (let size = 1; size <= 20; size += 1) {
      stats.record({ ...pass(size, Math.ceil(size / 2)), ms: 10 * size });
    }
    stats.record({ claimed: 3, documents: 1, processed: 1, retried: 1, failed: 1 });
    const s = stats.summary();
    expect(s).toMatchObject({ passes: 21, rows: 213, processed: 211, retried: 1, failed: 1 });
    expect(s.documents).toBe(110 + 1);
    // sizes 1..20 plus one more 3: the 11th of 21 is 10, the 20th is 19
    expect(s.rowsPerPass).toEqual({ p50: 10, p95: 19, max: 20 });
    expect(s.histogram).toEqual({ '1': 1, '2-3': 3, '4-7': 4, '8-15': 8, '16-31': 5 });
    expect(formatRelayStats(s)).toContain('rows per pass p50 10, p95 19, max 20');
    expect(formatRelayStats(s)).toContain('histogram 1:1 2-3:3 4-7:4 8-15:8 16-31:5');
    // durations of the 20 timed passes (10..200 ms): the 10th and the 19th
    expect(s.passMs).toEqual({ p50: 100, p95: 190, max: 200 });
    expect(formatRelayStats(s)).toContain('pass time p50 100 ms, p95 190 ms, max 200 ms');
  });
});
