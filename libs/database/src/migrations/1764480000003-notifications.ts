import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * In-product notifications (written in the same transaction as the event they tell about),
 * each person's e-mail preferences, and one-click unsubscribe tokens (stored hashed).
 */
export class Notifications1764480000003 implements MigrationInterface {
  name = 'Notifications1764480000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        link text,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    // "my notifications, newest first" and "how many are unread"
    await q.query(
      `CREATE INDEX notifications_user_recent_idx ON notifications (user_id, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX notifications_user_unread_idx ON notifications (user_id) WHERE read_at IS NULL`,
    );
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        email jsonb NOT NULL DEFAULT '{}'::jsonb,
        digest text NOT NULL DEFAULT 'instant' CHECK (digest IN ('instant', 'daily', 'weekly', 'off')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE unsubscribe_tokens (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS unsubscribe_tokens`);
    await q.query(`DROP TABLE IF EXISTS notification_preferences`);
    await q.query(`DROP TABLE IF EXISTS notifications`);
  }
}
