import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  backoffDelayMs,
  OutboxDrainLoop,
  OutboxRepository,
  type ClaimedOutboxRow,
  type DrainLoopOptions,
} from '@app/search';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { WEBHOOK_DELIVERY_KIND } from './webhook-events.js';
import { postJson, type PostOutcome } from './webhook-http.js';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signatureHeader,
} from './webhook-signature.js';
import { resolveTarget } from './webhook-target.js';
import { WebhooksRepository, type OutgoingDelivery } from './webhooks.repository.js';

export interface DispatchCounts {
  delivered: number;
  retried: number;
  failed: number;
}

/** Longest backoff between two attempts of one delivery. */
const BACKOFF_CAP_MS = 6 * 60 * 60_000;

/**
 * Sends webhook deliveries queued in the outbox: claims a batch, POSTs every delivery of it at
 * once (each with its own timeout, so one slow or failing endpoint holds up no other), records
 * each attempt, and retries with exponential backoff until the configured attempts are spent,
 * then marks the delivery failed. Several dispatchers may run: claims lease rows.
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly loop = new OutboxDrainLoop<keyof DispatchCounts>({
    label: 'Webhook',
    logger: this.logger,
    counts: ['delivered', 'retried', 'failed'],
    idleMs: 500,
    pass: () => this.processBatch(),
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly webhooks: WebhooksRepository,
  ) {}

  /** Sends until no delivery is due now (those waiting for their backoff stay for later). */
  drain(): Promise<DispatchCounts> {
    return this.loop.drain();
  }

  /** Dispatches until `signal` aborts; the batch in hand is finished first. */
  runLoop(signal: AbortSignal, options: DrainLoopOptions = {}): Promise<void> {
    return this.loop.run(signal, options);
  }

  async processBatch(): Promise<DispatchCounts & { claimed: number }> {
    const leaseMs = Math.max(60_000, this.config.webhooks.timeoutMs * 4);
    const rows = await this.outbox.claimBatch(
      [WEBHOOK_DELIVERY_KIND],
      this.config.outboxBatchSize,
      leaseMs,
    );
    const counts = { claimed: rows.length, delivered: 0, retried: 0, failed: 0 };
    if (rows.length === 0) return counts;
    const outgoing = await this.webhooks.findOutgoing(rows.map((r) => r.documentId));
    const byId = new Map(outgoing.map((d) => [d.id, d]));
    const results = await Promise.all(
      rows.map((row) => this.settle(row, byId.get(row.documentId))),
    );
    for (const result of results) counts[result] += 1;
    return counts;
  }

  private async settle(
    row: ClaimedOutboxRow,
    delivery: OutgoingDelivery | undefined,
  ): Promise<'delivered' | 'retried' | 'failed'> {
    if (delivery === undefined) {
      // The registration was deleted (its deliveries with it) or the delivery already settled.
      await this.outbox.markProcessed([row.id]);
      return 'delivered';
    }
    const outcome = await this.send(delivery);
    const attempts = row.attempts + 1;
    if (outcome.ok) {
      await this.webhooks.recordAttempt(delivery.id, { status: 'delivered', ...outcome });
      await this.outbox.markProcessed([row.id]);
      return 'delivered';
    }
    const error = outcome.error ?? 'delivery failed';
    if (attempts >= this.config.webhooks.maxAttempts) {
      await this.webhooks.recordAttempt(delivery.id, { status: 'failed', ...outcome });
      await this.outbox.markFailed([row.id], error);
      this.logger.warn(
        `Webhook delivery ${delivery.id} failed after ${attempts} attempts: ${error}`,
      );
      return 'failed';
    }
    await this.webhooks.recordAttempt(delivery.id, { status: 'pending', ...outcome });
    const delayMs = backoffDelayMs(attempts, {
      baseMs: this.config.webhooks.backoffBaseMs,
      capMs: BACKOFF_CAP_MS,
    });
    await this.outbox.scheduleRetry({ ids: [row.id], delayMs, error });
    return 'retried';
  }

  /** Vets the target again (DNS may have changed since registration), then POSTs signed JSON. */
  private async send(delivery: OutgoingDelivery): Promise<PostOutcome> {
    const target = await resolveTarget(delivery.url, this.config.webhooks.allowPrivateTargets);
    if ('problem' in target) return { ok: false, statusCode: null, error: target.problem };
    const body = JSON.stringify({
      id: delivery.id,
      event: delivery.event,
      createdAt: new Date(delivery.createdAt).toISOString(),
      data: delivery.payload,
    });
    const headers = {
      [SIGNATURE_HEADER]: signatureHeader(delivery.secret, body),
      [EVENT_HEADER]: delivery.event,
      [DELIVERY_HEADER]: delivery.id,
    };
    return postJson(
      delivery.url,
      target.addresses[0],
      headers,
      body,
      this.config.webhooks.timeoutMs,
    );
  }
}
