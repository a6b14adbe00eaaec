import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Password reset and e-mail verification: single-use tokens stored only as SHA-256 hashes, and
 * when each account's address was confirmed. Accounts that exist before this migration count as
 * verified (they were created when no verification existed; asking every one of them to confirm
 * at once would lock companies out of publishing for no new information).
 */
export class AccountRecovery1764480000002 implements MigrationInterface {
  name = 'AccountRecovery1764480000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN email_verified_at timestamptz`);
    await q.query(`UPDATE users SET email_verified_at = created_at`);
    await q.query(`
      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('password_reset', 'email_verification')),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX account_tokens_user_open_idx ON account_tokens (user_id, purpose)
        WHERE used_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS account_tokens`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS email_verified_at`);
  }
}
