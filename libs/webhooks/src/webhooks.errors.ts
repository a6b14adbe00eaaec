import { NotFoundError } from '@app/http';

/** Unknown, or another organisation's: the two look alike. */
export class WebhookNotFoundError extends NotFoundError {
  constructor() {
    super('Webhook');
  }
}
