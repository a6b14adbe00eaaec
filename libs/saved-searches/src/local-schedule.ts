/**
 * Local wall-clock scheduling for daily and weekly alerts: "the next 08:00 in the owner's time
 * zone", across daylight-saving changes. Self-contained on purpose: when accounts carry their own
 * time zone and libs/notifications offers the same for digests, this is the one place to swap.
 */

/** Time zone of accounts that have none (the product's home region). */
export const DEFAULT_TIME_ZONE = 'Europe/Belgrade';

/** Local hour daily and weekly alerts go out. */
export const ALERT_LOCAL_HOUR = 8;

/** Weekly alerts go out on Mondays (ISO weekday 1). */
export const ALERT_WEEKDAY = 1;

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a time zone. */
function localParts(
  instant: number,
  timeZone: string,
): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(new Date(instant))
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return {
    y: parts.year,
    m: parts.month,
    d: parts.day,
    h: parts.hour,
    mi: parts.minute,
    s: parts.second,
  };
}

/** Milliseconds the zone is ahead of UTC at this instant. */
function offsetAt(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s) - Math.floor(instant / 1000) * 1000;
}

/** The instant a local wall-clock time occurs (a time skipped by a DST change: just after). */
function instantOf(y: number, m: number, d: number, hour: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d, hour);
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return guess;
}

export function isTimeZone(value: string): boolean {
  try {
    formatterFor(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The first local `hour`:00 strictly after `after` in `timeZone`; with `weekday` (ISO, 1 =
 * Monday) the first one on that weekday.
 */
export function nextLocalTime(after: Date, timeZone: string, hour: number, weekday?: number): Date {
  const p = localParts(after.getTime(), timeZone);
  // walk local calendar days from today; at most 8 steps
  for (let i = 0; i <= 8; i += 1) {
    const day = new Date(Date.UTC(p.y, p.m - 1, p.d) + i * DAY_MS);
    const isoWeekday = ((day.getUTCDay() + 6) % 7) + 1;
    if (weekday !== undefined && isoWeekday !== weekday) continue;
    const at = instantOf(
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      hour,
      timeZone,
    );
    if (at > after.getTime()) return new Date(at);
  }
  throw new Error(`no local ${hour}:00 found after ${after.toISOString()} in ${timeZone}`);
}

/** When an alert of this cadence runs next after `after` (null: alerts off). */
export function nextAlertRun(
  alert: 'instant' | 'daily' | 'weekly' | 'off',
  after: Date,
  options: { timeZone: string; instantIntervalMs: number },
): Date | null {
  switch (alert) {
    case 'off':
      return null;
    case 'instant':
      return new Date(after.getTime() + options.instantIntervalMs);
    case 'daily':
      return nextLocalTime(after, options.timeZone, ALERT_LOCAL_HOUR);
    case 'weekly':
      return nextLocalTime(after, options.timeZone, ALERT_LOCAL_HOUR, ALERT_WEEKDAY);
  }
}
