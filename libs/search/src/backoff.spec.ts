import { describe, expect, it } from '@jest/globals';
import { backoffDelayMs, OUTBOX_BACKOFF } from './backoff.js';

describe('backoffDelayMs', () => {
  const low = (): number => 0;
  const high = (): number => 1;

  it('doubles the step with every failure, jitter spanning its upper half', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, OUTBOX_BACKOFF, low))).toEqual([
      250, 500, 1000, 2000,
    ]);
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, OUTBOX_BACKOFF, high))).toEqual([
      500, 1000, 2000, 4000,
    ]);
  });

  it('never exceeds the cap, however many failures', () => {
    for (const attempts of [8, 20, 1000]) {
      expect(backoffDelayMs(attempts, OUTBOX_BACKOFF, high)).toBe(60_000);
      expect(backoffDelayMs(attempts, OUTBOX_BACKOFF, low)).toBe(30_000);
    }
  });

  it('spreads relays that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelayMs(5)));
    expect(delays.size).toBeGreaterThan(10);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(4000);
    for (const d of delays) expect(d).toBeLessThanOrEqual(8000);
  });

  it('treats a first attempt (0 failures) like the first failure', () => {
    expect(backoffDelayMs(0, { baseMs: 100, capMs: 1000 }, high)).toBe(100);
  });
});
