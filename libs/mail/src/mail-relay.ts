import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  backoffDelayMs,
  OutboxDrainLoop,
  OutboxRepository,
  type ClaimedOutboxRow,
  type DrainLoopOptions,
} from '@app/search';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { MAIL_SEND_KIND } from './mail-outbox.js';
import { MailOutboxRepository } from './mail-outbox.repository.js';
import { MailTransport } from './mail-transport.js';

export interface MailRelayCounts {
  sent: number;
  retried: number;
  /** Held back by the per-recipient hourly bound. */
  waiting: number;
  failed: number;
}

/** Longest backoff between two attempts of one message. */
const BACKOFF_CAP_MS = 60 * 60_000;
/** Messages claimed per pass: a pass sends them at once over the pooled connections. */
const BATCH_LIMIT = 20;

/**
 * Sends queued e-mail, claiming outbox rows like the webhook dispatcher does (leases under
 * FOR UPDATE SKIP LOCKED, several relays may run). Each message is then marked `sending` under
 * its row lock before it leaves, so no two relays send one message; it becomes `sent` once the
 * SMTP server has accepted it. A message found `sending` by a later claim was in the hands of a
 * relay that stopped mid-send: it goes out again with the same Message-ID (logged), the one case
 * in which a recipient may see it twice. Transient failures retry with backoff; a 5xx answer or
 * spent attempts mark it failed.
 */
@Injectable()
export class MailRelay {
  private readonly logger = new Logger('MailRelay');
  private warnedUnconfigured = false;
  private readonly loop = new OutboxDrainLoop<keyof MailRelayCounts>({
    label: 'Mail',
    logger: this.logger,
    counts: ['sent', 'retried', 'waiting', 'failed'],
    idleMs: 1_000,
    pass: () => this.processBatch(),
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly mails: MailOutboxRepository,
    private readonly transport: MailTransport,
  ) {}

  /** Sends until nothing is due now (messages waiting for backoff or their hour stay). */
  drain(): Promise<MailRelayCounts> {
    return this.loop.drain();
  }

  /** Sends until `signal` aborts; the batch in hand is finished first. */
  runLoop(signal: AbortSignal, options: DrainLoopOptions = {}): Promise<void> {
    return this.loop.run(signal, options);
  }

  async processBatch(): Promise<MailRelayCounts & { claimed: number }> {
    const counts = { claimed: 0, sent: 0, retried: 0, waiting: 0, failed: 0 };
    if (!this.transport.configured) {
      if (!this.warnedUnconfigured) {
        this.logger.warn('SMTP_URL is not set: e-mail stays in the outbox until it is');
        this.warnedUnconfigured = true;
      }
      return counts;
    }
    const rows = await this.outbox.claimBatch(
      [MAIL_SEND_KIND],
      Math.min(BATCH_LIMIT, this.config.outboxBatchSize),
      10 * 60_000,
    );
    counts.claimed = rows.length;
    const results = await Promise.all(rows.map((row) => this.settle(row)));
    for (const result of results) counts[result] += 1;
    return counts;
  }

  private async settle(row: ClaimedOutboxRow): Promise<'sent' | 'retried' | 'waiting' | 'failed'> {
    const claim = await this.mails.claimForSending(
      row.documentId,
      this.config.mail.perRecipientPerHour,
    );
    if (claim.state === 'settled') {
      await this.outbox.markProcessed([row.id]);
      return 'sent';
    }
    if (claim.state === 'wait') {
      await this.outbox.postpone([row.id], claim.delayMs);
      return 'waiting';
    }
    const { mail } = claim;
    if (mail.outcomeUnknown) {
      this.logger.warn(
        `Mail ${mail.id} may have been sent by a relay that stopped; sending again as ${mail.messageId}`,
      );
    }
    const outcome = await this.transport.send(mail);
    if (outcome.ok) {
      await this.mails.markSent(mail.id);
      await this.outbox.markProcessed([row.id]);
      return 'sent';
    }
    if (outcome.permanent || mail.attempts >= this.config.mail.maxAttempts) {
      await this.mails.markFailed(mail.id, outcome.error);
      await this.outbox.markFailed([row.id], outcome.error);
      this.logger.warn(`Mail ${mail.id} failed after ${mail.attempts} attempts: ${outcome.error}`);
      return 'failed';
    }
    await this.mails.markPending(mail.id, outcome.error);
    const delayMs = backoffDelayMs(mail.attempts, {
      baseMs: this.config.mail.backoffBaseMs,
      capMs: BACKOFF_CAP_MS,
    });
    await this.outbox.scheduleRetry({ ids: [row.id], delayMs, error: outcome.error });
    return 'retried';
  }
}
