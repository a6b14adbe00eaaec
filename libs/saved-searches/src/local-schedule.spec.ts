import { describe, expect, it } from '@jest/globals';
import { nextAlertRun, nextLocalTime } from './local-schedule.js';

const at = (iso: string) => new Date(iso);

describe('nextLocalTime', () => {
  it('is today at 08:00 local before eight, tomorrow after (Belgrade in winter is UTC+1)', () => {
    expect(nextLocalTime(at('2026-12-02T06:00:00Z'), 'Europe/Belgrade', 8).toISOString()).toBe(
      '2026-12-02T07:00:00.000Z',
    );
    expect(nextLocalTime(at('2026-12-02T07:00:00Z'), 'Europe/Belgrade', 8).toISOString()).toBe(
      '2026-12-03T07:00:00.000Z',
    );
  });

  it('follows summer time (UTC+2) and the change itself', () => {
    expect(nextLocalTime(at('2026-07-01T12:00:00Z'), 'Europe/Belgrade', 8).toISOString()).toBe(
      '2026-07-02T06:00:00.000Z',
    );
    // clocks go forward on 2026-03-29 at 02:00 local
    expect(nextLocalTime(at('2026-03-28T12:00:00Z'), 'Europe/Belgrade', 8).toISOString()).toBe(
      '2026-03-29T06:00:00.000Z',
    );
    // and back on 2026-10-25 at 03:00 local
    expect(nextLocalTime(at('2026-10-24T12:00:00Z'), 'Europe/Belgrade', 8).toISOString()).toBe(
      '2026-10-25T07:00:00.000Z',
    );
  });

  it('finds the next Monday for weekly runs, and a zone east of UTC across the date line', () => {
    // 2026-12-02 is a Wednesday
    expect(nextLocalTime(at('2026-12-02T12:00:00Z'), 'Europe/Belgrade', 8, 1).toISOString()).toBe(
      '2026-12-07T07:00:00.000Z',
    );
    // Monday 07:30 local: still today
    expect(nextLocalTime(at('2026-12-07T06:30:00Z'), 'Europe/Belgrade', 8, 1).toISOString()).toBe(
      '2026-12-07T07:00:00.000Z',
    );
    expect(nextLocalTime(at('2026-12-02T12:00:00Z'), 'Pacific/Auckland', 8).toISOString()).toBe(
      '2026-12-02T19:00:00.000Z',
    );
  });
});

describe('nextAlertRun', () => {
  const options = { timeZone: 'Europe/Belgrade', instantIntervalMs: 60_000 };
  it('instant: one interval later; off: never', () => {
    expect(nextAlertRun('instant', at('2026-12-02T10:00:00Z'), options)?.toISOString()).toBe(
      '2026-12-02T10:01:00.000Z',
    );
    expect(nextAlertRun('off', at('2026-12-02T10:00:00Z'), options)).toBeNull();
  });
});
