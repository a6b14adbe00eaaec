import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per sign-in (the refresh-token family). Access tokens carry its id (`sid`) and every
 * authenticated request checks it is not revoked, so logout, refresh-token reuse and a password
 * change end access tokens at once instead of when they expire.
 */
export class Sessions1764440000001 implements MigrationInterface {
  name = 'Sessions1764440000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    // "every open session of user X" (password change, account recovery, erasure)
    await q.query(
      `CREATE INDEX sessions_user_id_open_idx ON sessions (user_id) WHERE revoked_at IS NULL`,
    );
    // Existing families become sessions, revoked when every token of theirs is, so refresh tokens
    // issued before this migration keep working (their access tokens lack `sid`: clients refresh).
    await q.query(`
      INSERT INTO sessions (id, user_id, created_at, revoked_at)
      SELECT family_id, (array_agg(user_id))[1], min(created_at),
             CASE WHEN bool_and(revoked_at IS NOT NULL) THEN max(revoked_at) END
        FROM refresh_tokens
       GROUP BY family_id`);
    await q.query(`
      ALTER TABLE refresh_tokens ADD CONSTRAINT refresh_tokens_family_id_fkey
        FOREIGN KEY (family_id) REFERENCES sessions (id) ON DELETE CASCADE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE refresh_tokens DROP CONSTRAINT refresh_tokens_family_id_fkey`);
    await q.query(`DROP TABLE sessions`);
  }
}
