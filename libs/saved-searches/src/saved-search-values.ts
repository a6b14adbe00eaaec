/** What a saved search looks for: people (`GET /api/talent`) or work (`GET /api/opportunities`). */
export const SAVED_SEARCH_KINDS = ['talent', 'opportunities'] as const;
export type SavedSearchKindName = (typeof SAVED_SEARCH_KINDS)[number];

/** When its owner hears of new results. */
export const SAVED_SEARCH_ALERTS = ['instant', 'daily', 'weekly', 'off'] as const;
export type SavedSearchAlert = (typeof SAVED_SEARCH_ALERTS)[number];

/** Saved searches one person may keep; the next one is refused (409). */
export const SAVED_SEARCHES_PER_USER = 50;

/** New items one run looks at per saved search (oldest change first; the rest wait a run). */
export const ALERT_ITEMS_PER_RUN = 100;

/** Items a notification names; the rest are counted ("…and 12 more"). */
export const ALERT_ITEMS_LISTED = 20;

/** How long a claimed search stays with the worker that claimed it. */
export const ALERT_LEASE_MS = 5 * 60_000;
