import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outgoing e-mail: each message rendered once, in the recipient's language, and stored here in
 * the same transaction as the change that causes it (the worker sends it over SMTP and marks it
 * sent). Users get the language their messages are written in.
 */
export class Mail1764480000001 implements MigrationInterface {
  name = 'Mail1764480000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'en'
        CHECK (locale IN ('en', 'sq', 'sr', 'sr-Cyrl', 'mk', 'bs'))`);
    await q.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        recipient text NOT NULL,
        locale text NOT NULL,
        template text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}'::jsonb,
        message_id text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sending_at timestamptz,
        sent_at timestamptz,
        failed_at timestamptz
      )`);
    // The per-recipient hourly bound counts what was sent (or is being sent) lately.
    await q.query(
      `CREATE INDEX mail_outbox_recipient_recent_idx ON mail_outbox (lower(recipient), sent_at)
        WHERE status IN ('sending', 'sent')`,
    );
    await q.query(`CREATE INDEX mail_outbox_user_id_idx ON mail_outbox (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS mail_outbox`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS locale`);
  }
}
