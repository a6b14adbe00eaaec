import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Digest e-mail: each person's timezone (IANA name; digests go out at 08:00 local time), the
 * next run of a person's daily or weekly digest, and which notifications wait for it.
 */
export class Digests1764510000002 implements MigrationInterface {
  name = 'Digests1764510000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN timezone text NOT NULL DEFAULT 'Europe/Belgrade'
         CHECK (length(timezone) BETWEEN 1 AND 64)`,
    );
    await q.query(`ALTER TABLE notification_preferences ADD COLUMN next_digest_at timestamptz`);
    // the worker's question: whose digest is due
    await q.query(
      `CREATE INDEX notification_preferences_due_idx ON notification_preferences (next_digest_at)
         WHERE next_digest_at IS NOT NULL`,
    );
    await q.query(`
      ALTER TABLE notifications
        ADD COLUMN digest_pending boolean NOT NULL DEFAULT false,
        ADD COLUMN digested_at timestamptz`);
    await q.query(
      `CREATE INDEX notifications_digest_pending_idx ON notifications (user_id, created_at)
         WHERE digest_pending`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_digest_pending_idx`);
    await q.query(`ALTER TABLE notifications DROP COLUMN digested_at, DROP COLUMN digest_pending`);
    await q.query(`DROP INDEX notification_preferences_due_idx`);
    await q.query(`ALTER TABLE notification_preferences DROP COLUMN next_digest_at`);
    await q.query(`ALTER TABLE users DROP COLUMN timezone`);
  }
}
