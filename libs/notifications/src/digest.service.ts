import { TransactionRunner } from '@app/database';
import { DEFAULT_LOCALE, isLocale, MailOutbox } from '@app/mail';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { CLOCK, type Clock } from './clock.js';
import { DigestRepository, type DueDigest } from './digest.repository.js';
import { isTimeZone, nextLocalRun, DEFAULT_TIMEZONE } from './local-schedule.js';
import { DIGEST_UNSUBSCRIBE_KIND } from './notification-kinds.js';

const BATCH = 50;
/** Lines listed in one digest; more are counted, and all of them are in the product. */
const MAX_LISTED = 50;
const UNSUBSCRIBE_PATH = '/api/notifications/unsubscribe';

export interface DigestRunCounts {
  /** Digest e-mails written to the outbox. */
  sent: number;
  /** Notifications they gathered. */
  notifications: number;
  /** Due people with nothing waiting (their next run is scheduled, nothing is sent). */
  empty: number;
}

/**
 * Daily and weekly digests: at 08:00 in each person's timezone, one e-mail listing the
 * notifications that waited for it. Each person's digest is written to the mail outbox in the
 * same transaction that marks its notifications digested and schedules the next run, under a
 * `FOR UPDATE SKIP LOCKED` claim: any number of workers may run, and none sends one twice.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger('Digests');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly repository: DigestRepository,
    private readonly mail: MailOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Sends every digest due at `now` (default: the clock's time). */
  async runDue(now: Date = this.clock.now()): Promise<DigestRunCounts> {
    const total: DigestRunCounts = { sent: 0, notifications: 0, empty: 0 };
    for (;;) {
      const claimed = await this.tx.run(async (m) => {
        const due = await this.repository.claimDue(m, now, BATCH);
        for (const person of due) {
          const pending = await this.repository.findPending(m, person.userId);
          if (pending.length === 0) {
            total.empty += 1;
          } else {
            await this.enqueue(m, person, pending);
            await this.repository.markDigested(
              m,
              pending.map((p) => p.id),
              now,
            );
            total.sent += 1;
            total.notifications += pending.length;
          }
          const zone = isTimeZone(person.timezone) ? person.timezone : DEFAULT_TIMEZONE;
          await this.repository.schedule(m, person.userId, nextLocalRun(now, zone, person.digest));
        }
        return due.length;
      });
      if (claimed < BATCH) return total;
    }
  }

  /** Runs due digests once a minute until `signal` aborts (the run in hand is finished first). */
  async runLoop(signal: AbortSignal, intervalMs = 60_000): Promise<void> {
    while (!signal.aborted) {
      try {
        const counts = await this.runDue();
        if (counts.sent > 0) this.logger.log(`Digests queued: ${counts.sent}`);
      } catch (error) {
        this.logger.error(`Digest pass failed: ${(error as Error).message}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        signal.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            resolve();
          },
          { once: true },
        );
      });
    }
  }

  private async enqueue(
    m: Parameters<DigestRepository['schedule']>[0],
    person: DueDigest,
    pending: { title: string; createdAt: Date }[],
  ): Promise<void> {
    const locale = isLocale(person.locale) ? person.locale : DEFAULT_LOCALE;
    const listed = pending.slice(0, MAX_LISTED).map((p) => `• ${p.title}`);
    if (pending.length > MAX_LISTED) listed.push(`• … (+${pending.length - MAX_LISTED})`);
    const token = randomBytes(32).toString('base64url');
    await this.repository.insertUnsubscribeToken(
      m,
      person.userId,
      DIGEST_UNSUBSCRIBE_KIND,
      createHash('sha256').update(token).digest('hex'),
    );
    await this.mail.enqueue(m, {
      to: person.email,
      userId: person.userId,
      locale,
      template: 'digest',
      params: { count: String(pending.length), items: listed.join('\n') },
      recipientName: person.displayName,
      actionUrl: this.mail.url('/api/notifications'),
      unsubscribeUrl: this.mail.link(UNSUBSCRIBE_PATH, token),
    });
  }
}
