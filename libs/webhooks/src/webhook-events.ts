/** Every event an organisation can subscribe to. Payloads carry ids and states, never personal data. */
export const WEBHOOK_EVENTS = [
  /** A trainee applied (payload as every match.* event: matchId, state, previousState, …). */
  'match.applied',
  'match.shortlisted',
  'match.invited',
  'match.accepted',
  'match.declined',
  /** The hiring party turned an application down. */
  'match.rejected',
  /** The trainee took their application back. */
  'match.withdrawn',
  'match.hired',
  'match.completed',
  'match.cancelled',
  'work_request.published',
  'work_request.filled',
  /** Trainees' flags moved an open listing to review; payload: listingId, flags, reasons. */
  'listing.flagged_for_review',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Outbox kind of a "deliver this webhook delivery" row. */
export const WEBHOOK_DELIVERY_KIND = 'webhook.delivery';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
