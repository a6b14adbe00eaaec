/**
 * "When is the next 08:00 in Belgrade?": the next instant a daily or weekly run falls due at a
 * local time of day in an IANA timezone, daylight-saving changes included. Digests use it, and
 * so can any other periodic message that should arrive at a sensible local hour.
 */

export { isTimeZone } from '@app/http';

export type LocalPeriod = 'daily' | 'weekly';

export interface LocalRunOptions {
  /** Local hour of the run, 0–23 (default 8). */
  hour?: number;
  /** Weekly runs: the local weekday, 0 = Sunday … 6 = Saturday (default 1, Monday). */
  weekday?: number;
}

/** The timezone every account starts with. */
export const DEFAULT_TIMEZONE = 'Europe/Belgrade';

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

function localParts(at: Date, timeZone: string): LocalParts {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

/** The zone's offset from UTC at `at`, in milliseconds. */
function offsetMs(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant the local wall time y-m-d h:00 happens in `timeZone`. A wall time skipped by a
 * daylight-saving jump (none at the hours digests use) resolves to the hour after it.
 */
function instantOf(year: number, month: number, day: number, hour: number, tz: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour);
  let guess = wall - offsetMs(new Date(wall), tz);
  guess = wall - offsetMs(new Date(guess), tz);
  return new Date(guess);
}

/**
 * The first instant strictly after `after` at which it is `hour`:00 local time in `timeZone`
 * (and, weekly, on `weekday`).
 */
export function nextLocalRun(
  after: Date,
  timeZone: string,
  period: LocalPeriod,
  options: LocalRunOptions = {},
): Date {
  const hour = options.hour ?? 8;
  const weekday = options.weekday ?? 1;
  const today = localParts(after, timeZone);
  // walk local calendar days from today; at most 8 are needed for a weekly run
  for (let i = 0; i <= 8; i += 1) {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day + i));
    if (period === 'weekly' && day.getUTCDay() !== weekday) continue;
    const run = instantOf(
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      hour,
      timeZone,
    );
    if (run.getTime() > after.getTime()) return run;
  }
  throw new Error(`No ${period} run found after ${after.toISOString()} in ${timeZone}`);
}
