/** Every kind of notification (docs/notifications.md). */
export const NOTIFICATION_KINDS = [
  'application.received',
  'match.invited',
  'match.accepted',
  'match.declined',
  'match.rejected',
  'match.hired',
  'match.completed',
  'match.cancelled',
  'certificate.issued',
  'survey.due',
  'search.alert',
  'account.security',
  'listing.review',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Security messages are transactional: e-mailed whatever the preferences say. */
export const TRANSACTIONAL_KINDS: ReadonlySet<NotificationKind> = new Set(['account.security']);

export const DIGESTS = ['instant', 'daily', 'weekly', 'off'] as const;

/** The unsubscribe token of a digest e-mail turns digests off (not one kind). */
export const DIGEST_UNSUBSCRIBE_KIND = 'digest';
export type Digest = (typeof DIGESTS)[number];

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
