import { TransactionRunner } from '@app/database';
import { UserDirectory, type UserContact } from '@app/identity';
import { DEFAULT_LOCALE, isLocale, MailOutbox } from '@app/mail';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CLOCK, type Clock } from './clock.js';
import { DigestRepository, type DueDigest } from './digest.repository.js';
import { isTimeZone, nextLocalRun, DEFAULT_TIMEZONE } from './local-schedule.js';
import { DIGEST_UNSUBSCRIBE_KIND } from './notification-kinds.js';
import {
  insertUnsubscribeTokens,
  newUnsubscribeToken,
  UNSUBSCRIBE_PATH,
} from './unsubscribe-tokens.js';

const BATCH = 50;
/** Lines listed in one digest; more are counted, and all of them are in the product. */
const MAX_LISTED = 50;

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
    private readonly accounts: UserDirectory,
    private readonly mail: MailOutbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Sends every digest due at `now` (default: the clock's time). */
  async runDue(now: Date = this.clock.now()): Promise<DigestRunCounts> {
    const total: DigestRunCounts = { sent: 0, notifications: 0, empty: 0 };
    for (;;) {
      const claimed = await this.tx.run(async (m) => {
        const due = await this.repository.claimDue(m, now, BATCH);
        const contacts = await this.accounts.contactsOf(
          due.map((d) => d.userId),
          m,
        );
        for (const person of due) {
          const contact = contacts.get(person.userId);
          if (contact === undefined) {
            // an erased account: nothing is sent to it, now or later
            await this.repository.schedule(m, person.userId, null);
            continue;
          }
          const pending = await this.repository.findPending(m, person.userId);
          if (pending.length === 0) {
            total.empty += 1;
          } else {
            await this.enqueue(m, person, contact, pending);
            await this.repository.markDigested(
              m,
              pending.map((p) => p.id),
              now,
            );
            total.sent += 1;
            total.notifications += pending.length;
          }
          const zone = isTimeZone(contact.timezone) ? contact.timezone : DEFAULT_TIMEZONE;
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
    m: EntityManager,
    person: DueDigest,
    contact: UserContact,
    pending: { title: string; createdAt: Date }[],
  ): Promise<void> {
    const locale = isLocale(contact.locale) ? contact.locale : DEFAULT_LOCALE;
    const listed = pending.slice(0, MAX_LISTED).map((p) => `• ${p.title}`);
    if (pending.length > MAX_LISTED) listed.push(`• … (+${pending.length - MAX_LISTED})`);
    const { token, row } = newUnsubscribeToken(person.userId, DIGEST_UNSUBSCRIBE_KIND);
    await insertUnsubscribeTokens(m, [row]);
    await this.mail.enqueue(m, {
      to: contact.email,
      userId: person.userId,
      locale,
      template: 'digest',
      params: { count: String(pending.length), items: listed.join('\n') },
      recipientName: contact.displayName,
      actionUrl: this.mail.url('/api/notifications'),
      unsubscribeUrl: this.mail.link(UNSUBSCRIBE_PATH, token),
    });
  }
}
