import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scam screening of listings: a `review` status (held from trainees until a broker decides), the
 * risk level and its reasons on every opportunity, flags raised by trainees and brokers (one per
 * person and listing), and `opportunity_events`, the audit trail of status changes.
 */
export class ListingVetting1764460000002 implements MigrationInterface {
  name = 'ListingVetting1764460000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE opportunities DROP CONSTRAINT opportunities_status_check`);
    await q.query(`
      ALTER TABLE opportunities
        ADD CONSTRAINT opportunities_status_check
          CHECK (status IN ('draft', 'review', 'open', 'closed', 'filled')),
        ADD COLUMN risk_level text NOT NULL DEFAULT 'low'
          CHECK (risk_level IN ('low', 'medium', 'high')),
        ADD COLUMN risk_reasons jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await q.query(`
      CREATE TABLE opportunity_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        opportunity_id uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
        actor_id uuid REFERENCES users (id),
        actor_role text,
        from_status text,
        to_status text NOT NULL,
        note text CHECK (length(note) <= 2000),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(
      `CREATE INDEX opportunity_events_opportunity_idx ON opportunity_events (opportunity_id, created_at, id)`,
    );
    await q.query(`
      CREATE TABLE listing_flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        opportunity_id uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id),
        actor_role text NOT NULL CHECK (actor_role IN ('trainee', 'broker')),
        reason text NOT NULL
          CHECK (reason IN ('scam', 'off_platform_payment', 'fee_requested', 'misleading', 'other')),
        note text CHECK (length(note) <= 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT listing_flags_one_per_person UNIQUE (opportunity_id, user_id)
      )`);
    await q.query(`CREATE INDEX listing_flags_user_idx ON listing_flags (user_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE listing_flags`);
    await q.query(`DROP TABLE opportunity_events`);
    await q.query(`UPDATE opportunities SET status = 'draft' WHERE status = 'review'`);
    await q.query(`
      ALTER TABLE opportunities DROP COLUMN risk_reasons, DROP COLUMN risk_level,
        DROP CONSTRAINT opportunities_status_check`);
    await q.query(`
      ALTER TABLE opportunities ADD CONSTRAINT opportunities_status_check
        CHECK (status IN ('draft', 'open', 'closed', 'filled'))`);
  }
}
