import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

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

interface ClaimRecord {
  id: string;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: Record<string, string>;
  message_id: string;
  status: string;
  attempts: number;
}

/** Every statement on `mail_outbox`. */
@Injectable()
export class MailOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, row: NewMailRow): Promise<void> {
    await this.insertMany(manager, [row]);
  }

  /** Many messages in one statement. */
  async insertMany(manager: EntityManager, rows: readonly NewMailRow[]): Promise<void> {
    if (rows.length === 0) return;
    const column = <K extends keyof NewMailRow>(key: K) => rows.map((r) => r[key]);
    await manager.query(
      `INSERT INTO mail_outbox (id, user_id, recipient, locale, template, subject, text_body,
                                html_body, headers, message_id)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                            $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::text[])`,
      [
        column('id'),
        column('userId'),
        column('recipient'),
        column('locale'),
        column('template'),
        column('subject'),
        column('text'),
        column('html'),
        rows.map((r) => JSON.stringify(r.headers)),
        column('messageId'),
      ],
    );
  }

  /**
   * Marks a message `sending` (counting the attempt) unless it is settled or its recipient has
   * had `perHour` messages in the last hour. The row lock and a per-recipient advisory lock make
   * this exclusive: two relays never both take one message, nor both take a recipient's last
   * free slot.
   */
  async claimForSending(id: string, perHour: number): Promise<SendClaim> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT id, recipient, subject, text_body, html_body, headers, message_id, status, attempts
           FROM mail_outbox WHERE id = $1 FOR UPDATE`,
        [id],
      )) as ClaimRecord[];
      if (row === undefined || row.status === 'sent' || row.status === 'failed') {
        return { state: 'settled' };
      }
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('talentbridge.mail:' || $1))`, [
        row.recipient.toLowerCase(),
      ]);
      const [recent] = (await manager.query(
        `SELECT count(*)::int AS count,
                extract(epoch FROM (min(coalesce(sent_at, sending_at)) + interval '1 hour' - now()))
                  * 1000 AS "freeInMs"
           FROM mail_outbox
          WHERE lower(recipient) = lower($1) AND id <> $2
            AND status IN ('sending', 'sent')
            AND coalesce(sent_at, sending_at) > now() - interval '1 hour'`,
        [row.recipient, id],
      )) as { count: number; freeInMs: number | null }[];
      if (recent.count >= perHour) {
        return { state: 'wait', delayMs: Math.max(1_000, Math.ceil(Number(recent.freeInMs))) };
      }
      await manager.query(
        `UPDATE mail_outbox SET status = 'sending', sending_at = now(), attempts = attempts + 1
          WHERE id = $1`,
        [id],
      );
      return {
        state: 'send',
        mail: {
          id: row.id,
          recipient: row.recipient,
          subject: row.subject,
          text: row.text_body,
          html: row.html_body,
          headers: row.headers,
          messageId: row.message_id,
          attempts: row.attempts + 1,
          outcomeUnknown: row.status === 'sending',
        },
      };
    });
  }

  async markSent(id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`,
      [id],
    );
  }

  /** Back to `pending` after a failed attempt (a later claim tries again). */
  async markPending(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'pending', sending_at = NULL, last_error = $2 WHERE id = $1`,
      [id, error.slice(0, 2000)],
    );
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET status = 'failed', failed_at = now(), last_error = $2 WHERE id = $1`,
      [id, error.slice(0, 2000)],
    );
  }
}
