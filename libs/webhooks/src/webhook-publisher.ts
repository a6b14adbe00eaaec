import { OutboxRepository } from '@app/search';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { WEBHOOK_DELIVERY_KIND, type WebhookEvent } from './webhook-events.js';
import { WebhooksRepository } from './webhooks.repository.js';

export interface WebhookMessage {
  event: WebhookEvent;
  /** Organisations whose subscriptions to `event` receive it (nulls and repeats are ignored). */
  organisationIds: (string | null)[];
  /** Ids and states only: a payload never carries personal data. */
  payload: Record<string, unknown>;
}

/**
 * Announces an event inside the caller's transaction: one delivery row and one outbox row per
 * matching subscription, so the event leaves if and only if the change that caused it commits.
 */
@Injectable()
export class WebhookPublisher {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  /** Returns how many deliveries were queued. */
  async publish(manager: EntityManager, message: WebhookMessage): Promise<number> {
    const organisationIds = [
      ...new Set(message.organisationIds.filter((id): id is string => id !== null)),
    ];
    if (organisationIds.length === 0) return 0;
    const ids = await this.webhooks.insertDeliveriesFor(
      manager,
      organisationIds,
      message.event,
      message.payload,
    );
    await this.outbox.insertRows(manager, WEBHOOK_DELIVERY_KIND, '', ids);
    return ids.length;
  }
}
