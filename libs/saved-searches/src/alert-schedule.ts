import { nextLocalRun } from '@app/notifications';
import type { SavedSearchAlert } from './saved-search-values.js';

/** Local hour daily and weekly alerts go out in the owner's timezone. */
export const ALERT_LOCAL_HOUR = 8;

/**
 * When an alert of this cadence runs next after `after` (null: alerts off): instant ones after
 * the job's interval, daily ones at the next 08:00 in the owner's timezone, weekly ones at the
 * next Monday 08:00 there (daylight-saving changes included, by the notifications' schedule).
 */
export function nextAlertRun(
  alert: SavedSearchAlert,
  after: Date,
  options: { timeZone: string; instantIntervalMs: number },
): Date | null {
  switch (alert) {
    case 'off':
      return null;
    case 'instant':
      return new Date(after.getTime() + options.instantIntervalMs);
    case 'daily':
    case 'weekly':
      return nextLocalRun(after, options.timeZone, alert, { hour: ALERT_LOCAL_HOUR, weekday: 1 });
  }
}
