import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trainees apply to open work requests and listings: a match may start `applied` (the trainee's
 * own move) instead of `shortlisted`, and an application ends `rejected` (by the hiring party)
 * or `withdrawn` (by the trainee). `shortlisted_at` is now set only when a match is shortlisted
 * (an application may skip it); every existing row keeps its value. Both new final states free
 * the pair for a later match, like the other final ones.
 */
export class Applications1764510000001 implements MigrationInterface {
  name = 'Applications1764510000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matches DROP CONSTRAINT matches_state_check`);
    await q.query(`
      ALTER TABLE matches ADD CONSTRAINT matches_state_check CHECK (state IN
        ('applied', 'shortlisted', 'invited', 'accepted', 'declined', 'rejected', 'withdrawn',
         'hired', 'completed', 'cancelled'))`);
    await q.query(`
      ALTER TABLE matches
        ADD COLUMN applied_at timestamptz,
        ADD COLUMN rejected_at timestamptz,
        ADD COLUMN withdrawn_at timestamptz,
        ALTER COLUMN shortlisted_at DROP NOT NULL,
        ALTER COLUMN shortlisted_at DROP DEFAULT,
        ADD CONSTRAINT matches_started CHECK (applied_at IS NOT NULL OR shortlisted_at IS NOT NULL)`);
    await q.query(`DROP INDEX matches_live_pair_key`);
    await q.query(`
      CREATE UNIQUE INDEX matches_live_pair_key ON matches (profile_id, opportunity_id)
        WHERE state NOT IN ('declined', 'rejected', 'withdrawn', 'completed', 'cancelled')`);
    // "applications in the last 24 hours" per profile (the daily limit)
    await q.query(
      `CREATE INDEX matches_profile_applied_idx ON matches (profile_id, applied_at)
         WHERE applied_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX matches_profile_applied_idx`);
    await q.query(`DROP INDEX matches_live_pair_key`);
    await q.query(`
      CREATE UNIQUE INDEX matches_live_pair_key ON matches (profile_id, opportunity_id)
        WHERE state NOT IN ('declined', 'completed', 'cancelled')`);
    await q.query(`UPDATE matches SET shortlisted_at = coalesce(shortlisted_at, applied_at)`);
    await q.query(`
      ALTER TABLE matches
        DROP CONSTRAINT matches_started,
        ALTER COLUMN shortlisted_at SET DEFAULT now(),
        ALTER COLUMN shortlisted_at SET NOT NULL,
        DROP COLUMN withdrawn_at,
        DROP COLUMN rejected_at,
        DROP COLUMN applied_at`);
    await q.query(`ALTER TABLE matches DROP CONSTRAINT matches_state_check`);
    await q.query(`
      ALTER TABLE matches ADD CONSTRAINT matches_state_check CHECK (state IN
        ('shortlisted', 'invited', 'accepted', 'declined', 'hired', 'completed', 'cancelled'))`);
  }
}
