import { TransactionRunner, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';

export interface NewMailRow {
  id: string;
  userId: string | null;
  recipient: string;
  locale: string;
  template: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
}

/** A message the relay is about to send. */
export interface OutgoingMail {
  id: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
  attempts: number;
  /** The previous attempt started and never reported back (a worker stopped mid-send). */
  outcomeUnknown: boolean;
}

/** What taking a message for sending found. */
export type SendClaim =
  | { state: 'send'; mail: OutgoingMail }
  /** Already sent or given up (or deleted): nothing to do. */
  | { state: 'settled' }
  /** The recipient had their hourly share: try again after `delayMs`. */
  | { state: 'wait'; delayMs: number };

/** Every statement on `mail_outbox`. */
@Injectable()
export class MailOutboxRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  private get db() {
    return typedQueries(this.transactions.manager);
  }

  async insert(manager: EntityManager, row: NewMailRow): Promise<void> {
    await this.insertMany(manager, [row]);
  }

  /** Many messages in one statement (one array parameter per column, however many rows). */
  async insertMany(manager: EntityManager, rows: readonly NewMailRow[]): Promise<void> {
    if (rows.length === 0) return;
    const column = <K extends keyof NewMailRow>(key: K) => rows.map((r) => r[key]);
    await typedQueries(manager)
      .insertInto('mail_outbox')
      .columns([
        'id',
        'user_id',
        'recipient',
        'locale',
        'template',
        'subject',
        'text_body',
        'html_body',
        'headers',
        'message_id',
      ])
      .expression(
        sql`SELECT * FROM unnest(${column('id')}::uuid[], ${column('userId')}::uuid[],
                                 ${column('recipient')}::text[], ${column('locale')}::text[],
                                 ${column('template')}::text[], ${column('subject')}::text[],
                                 ${column('text')}::text[], ${column('html')}::text[],
                                 ${rows.map((r) => JSON.stringify(r.headers))}::jsonb[],
                                 ${column('messageId')}::text[])`,
      )
      .execute();
  }

  /**
   * Marks a message `sending` (counting the attempt) unless it is settled or its recipient has
   * had `perHour` messages in the last hour. The row lock and a per-recipient advisory lock make
   * this exclusive: two relays never both take one message, nor both take a recipient's last
   * free slot.
   */
  async claimForSending(id: string, perHour: number): Promise<SendClaim> {
    return this.transactions.run(async (manager) => {
      const db = typedQueries(manager);
      const row = await db
        .selectFrom('mail_outbox')
        .select([
          'id',
          'recipient',
          'subject',
          'text_body',
          'html_body',
          'headers',
          'message_id',
          'status',
          'attempts',
        ])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (row === undefined || row.status === 'sent' || row.status === 'failed') {
        return { state: 'settled' };
      }
      await sql`SELECT pg_advisory_xact_lock(hashtext('talentbridge.mail:' || ${row.recipient.toLowerCase()}))`.execute(
        db,
      );
      const sentAt = sql<Date>`coalesce(sent_at, sending_at)`;
      const recent = await db
        .selectFrom('mail_outbox')
        .select([
          sql<number>`count(*)::int`.as('count'),
          sql<
            number | null
          >`extract(epoch FROM (min(${sentAt}) + interval '1 hour' - now())) * 1000`.as('freeInMs'),
        ])
        .where(sql<string>`lower(recipient)`, '=', sql<string>`lower(${row.recipient})`)
        .where('id', '<>', id)
        .where('status', 'in', ['sending', 'sent'])
        .where(sentAt, '>', sql<Date>`now() - interval '1 hour'`)
        .executeTakeFirstOrThrow();
      if (recent.count >= perHour) {
        return { state: 'wait', delayMs: Math.max(1_000, Math.ceil(Number(recent.freeInMs))) };
      }
      await db
        .updateTable('mail_outbox')
        .set((eb) => ({
          status: 'sending',
          sending_at: sql<Date>`now()`,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', id)
        .execute();
      return {
        state: 'send',
        mail: {
          id: row.id,
          recipient: row.recipient,
          subject: row.subject,
          text: row.text_body,
          html: row.html_body,
          headers: mailHeaders(row.headers),
          messageId: row.message_id,
          attempts: row.attempts + 1,
          outcomeUnknown: row.status === 'sending',
        },
      };
    });
  }

  async markSent(id: string): Promise<void> {
    await this.db
      .updateTable('mail_outbox')
      .set({ status: 'sent', sent_at: sql<Date>`now()`, last_error: null })
      .where('id', '=', id)
      .execute();
  }

  /** Back to `pending` after a failed attempt (a later claim tries again). */
  async markPending(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('mail_outbox')
      .set({ status: 'pending', sending_at: null, last_error: error.slice(0, 2000) })
      .where('id', '=', id)
      .execute();
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('mail_outbox')
      .set({ status: 'failed', failed_at: sql<Date>`now()`, last_error: error.slice(0, 2000) })
      .where('id', '=', id)
      .execute();
  }
}

/** The stored headers (a JSON object of strings, as `insertMany` wrote them). */
function mailHeaders(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('mail_outbox.headers is not a JSON object');
  }
  const headers: Record<string, string> = {};
  for (const [name, header] of Object.entries(value)) {
    if (typeof header !== 'string') throw new Error(`mail_outbox.headers.${name} is not text`);
    headers[name] = header;
  }
  return headers;
}
