import { describe, expect, it } from '@jest/globals';
import { isTimeZone, nextLocalRun } from './local-schedule.js';

describe('nextLocalRun', () => {
  it('is 08:00 local time today when that is still ahead, else tomorrow', () => {
    // 05:00 UTC = 06:00 in Belgrade (CET, winter)
    expect(
      nextLocalRun(new Date('2026-01-15T05:00:00Z'), 'Europe/Belgrade', 'daily').toISOString(),
    ).toBe('2026-01-15T07:00:00.000Z');
    expect(
      nextLocalRun(new Date('2026-01-15T07:00:00Z'), 'Europe/Belgrade', 'daily').toISOString(),
    ).toBe('2026-01-16T07:00:00.000Z');
  });

  it('follows daylight saving time (CEST in summer) and other zones', () => {
    expect(
      nextLocalRun(new Date('2026-07-01T12:00:00Z'), 'Europe/Belgrade', 'daily').toISOString(),
    ).toBe('2026-07-02T06:00:00.000Z');
    // the night Europe moves its clocks forward (29 March 2026)
    expect(
      nextLocalRun(new Date('2026-03-28T08:00:00Z'), 'Europe/Skopje', 'daily').toISOString(),
    ).toBe('2026-03-29T06:00:00.000Z');
    expect(nextLocalRun(new Date('2026-01-15T09:00:00Z'), 'UTC', 'daily').toISOString()).toBe(
      '2026-01-16T08:00:00.000Z',
    );
    expect(
      nextLocalRun(new Date('2026-01-15T09:00:00Z'), 'America/New_York', 'daily').toISOString(),
    ).toBe('2026-01-15T13:00:00.000Z');
  });

  it('weekly runs fall on the local Monday (or the weekday asked for)', () => {
    // Thursday 15 January 2026 → Monday 19 January
    expect(
      nextLocalRun(new Date('2026-01-15T05:00:00Z'), 'Europe/Belgrade', 'weekly').toISOString(),
    ).toBe('2026-01-19T07:00:00.000Z');
    // Monday 19 January after 08:00 → the next Monday
    expect(
      nextLocalRun(new Date('2026-01-19T07:00:01Z'), 'Europe/Belgrade', 'weekly').toISOString(),
    ).toBe('2026-01-26T07:00:00.000Z');
    expect(
      nextLocalRun(new Date('2026-01-15T05:00:00Z'), 'Europe/Tirane', 'weekly', {
        weekday: 5,
        hour: 18,
      }).toISOString(),
    ).toBe('2026-01-16T17:00:00.000Z');
  });
});

describe('isTimeZone', () => {
  it('knows IANA names and refuses anything else', () => {
    for (const ok of ['Europe/Belgrade', 'Europe/Tirane', 'UTC', 'America/New_York']) {
      expect(isTimeZone(ok)).toBe(true);
    }
    for (const bad of ['', 'Mars/Olympus', 'Europe/Belgrade; DROP', 'x'.repeat(65)]) {
      expect(isTimeZone(bad)).toBe(false);
    }
  });
});
