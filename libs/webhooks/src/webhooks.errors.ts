import { ConflictError, NotFoundError } from '@app/http';

/** Unknown, or another organisation's: the two look alike. */
export class WebhookNotFoundError extends NotFoundError {
  constructor() {
    super('Webhook');
  }
}

/** The organisation holds as many webhooks as it may (WEBHOOKS_PER_ORGANISATION). */
export class WebhookLimitReachedError extends ConflictError {
  constructor(limit: number) {
    super(
      'WEBHOOK_LIMIT_REACHED',
      `An organisation may register at most ${limit} webhooks; delete one first`,
      { limit },
    );
  }
}
