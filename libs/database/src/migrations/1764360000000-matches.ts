import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matches link one profile to one opportunity (work request or listing) and move through
 * shortlisted → invited → accepted | declined → hired → completed | cancelled.
 * Every transition is a row in `match_events`, which is append-only (a trigger refuses
 * UPDATE and DELETE). Erasing a trainee keeps the profile row as an anonymous anchor, so
 * matches and their events survive as facts for reporting.
 */
export class Matches1764360000000 implements MigrationInterface {
  name = 'Matches1764360000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE matches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        profile_id uuid NOT NULL REFERENCES profiles (id),
        opportunity_id uuid NOT NULL REFERENCES opportunities (id),
        state text NOT NULL CHECK (state IN
          ('shortlisted', 'invited', 'accepted', 'declined', 'hired', 'completed', 'cancelled')),
        -- the organisation that created (brokered) the match, and the person who did
        -- null when platform staff (admin) created it
        organisation_id uuid REFERENCES organisations (id),
        created_by uuid REFERENCES users (id),
        note text CHECK (length(note) <= 2000),
        agreed_rate_eur numeric(8, 2) CHECK (agreed_rate_eur >= 0),
        agreed_hours_per_week smallint CHECK (agreed_hours_per_week BETWEEN 1 AND 80),
        hours_worked numeric(8, 2) CHECK (hours_worked >= 0),
        income_eur numeric(12, 2) CHECK (income_eur >= 0),
        -- ratings both ways: the hiring party rates the trainee and the trainee rates the work
        trainee_rating smallint CHECK (trainee_rating BETWEEN 1 AND 5),
        trainee_rating_comment text CHECK (length(trainee_rating_comment) <= 2000),
        employer_rating smallint CHECK (employer_rating BETWEEN 1 AND 5),
        employer_rating_comment text CHECK (length(employer_rating_comment) <= 2000),
        shortlisted_at timestamptz NOT NULL DEFAULT now(),
        invited_at timestamptz,
        answered_at timestamptz,
        hired_at timestamptz,
        completed_at timestamptz,
        cancelled_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT matches_hired_has_terms
          CHECK (hired_at IS NULL OR agreed_rate_eur IS NOT NULL)
      )`);
    // at most one live match per (profile, opportunity); ended ones may be followed by a new one
    await q.query(`
      CREATE UNIQUE INDEX matches_live_pair_key ON matches (profile_id, opportunity_id)
        WHERE state NOT IN ('declined', 'completed', 'cancelled')`);
    await q.query(`CREATE INDEX matches_opportunity_idx ON matches (opportunity_id, state)`);
    await q.query(`CREATE INDEX matches_profile_idx ON matches (profile_id, created_at DESC, id)`);
    await q.query(
      `CREATE INDEX matches_organisation_idx ON matches (organisation_id, created_at DESC, id)`,
    );
    await q.query(`
      CREATE TRIGGER matches_set_updated_at BEFORE UPDATE ON matches
        FOR EACH ROW EXECUTE FUNCTION set_updated_at()`);

    await q.query(`
      CREATE TABLE match_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        match_id uuid NOT NULL REFERENCES matches (id),
        actor_user_id uuid REFERENCES users (id),
        actor_role text NOT NULL CHECK (actor_role IN ('trainee', 'company', 'broker', 'admin', 'system')),
        from_state text,
        to_state text NOT NULL,
        note text CHECK (length(note) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX match_events_match_idx ON match_events (match_id, id)`);
    await q.query(`CREATE INDEX match_events_to_state_idx ON match_events (to_state, created_at)`);
    await q.query(`
      CREATE FUNCTION match_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'match_events is append-only' USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER match_events_no_update_or_delete BEFORE UPDATE OR DELETE ON match_events
        FOR EACH ROW EXECUTE FUNCTION match_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE match_events`);
    await q.query(`DROP FUNCTION match_events_append_only()`);
    await q.query(`DROP TABLE matches`);
  }
}
