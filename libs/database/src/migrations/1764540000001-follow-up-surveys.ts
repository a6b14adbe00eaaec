import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Follow-up surveys: one row per trigger (a completed enrolment or a hired match) and follow-up
 * (the position of its offset in FOLLOW_UP_OFFSETS), written in the trigger's transaction; the
 * worker makes due rows live (token hash, notification, e-mail), reminds once and lets them
 * expire; the answer is stored on the row. Erasure withdraws unsent rows and wipes the token.
 */
export class FollowUpSurveys1764540000001 implements MigrationInterface {
  name = 'FollowUpSurveys1764540000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE surveys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        profile_id uuid NOT NULL REFERENCES profiles (id),
        trigger_kind text NOT NULL CHECK (trigger_kind IN ('training', 'hire')),
        enrolment_id uuid REFERENCES enrolments (id),
        match_id uuid REFERENCES matches (id),
        follow_up smallint NOT NULL CHECK (follow_up BETWEEN 1 AND 12),
        offset_iso text NOT NULL,
        triggered_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        sent_at timestamptz,
        reminded_at timestamptz,
        expires_at timestamptz,
        withdrawn_at timestamptz,
        token_hash text UNIQUE,
        reminder_token_hash text UNIQUE,
        answered_at timestamptz,
        answered_via text CHECK (answered_via IN ('link', 'account')),
        work_status text CHECK (work_status IN
          ('employed', 'self_employed', 'freelance', 'in_training', 'not_working')),
        monthly_income_eur numeric(9, 2) CHECK (monthly_income_eur BETWEEN 0 AND 100000),
        hours_per_week numeric(5, 2) CHECK (hours_per_week BETWEEN 0 AND 168),
        sector text CHECK (sector IN ('ict', 'bpo', 'other')),
        same_engagement boolean,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT surveys_trigger_check CHECK (
          (trigger_kind = 'training' AND enrolment_id IS NOT NULL AND match_id IS NULL)
          OR (trigger_kind = 'hire' AND match_id IS NOT NULL AND enrolment_id IS NULL)),
        CONSTRAINT surveys_answer_check CHECK ((answered_at IS NULL) = (work_status IS NULL)),
        CONSTRAINT surveys_income_check CHECK (
          monthly_income_eur IS NULL OR work_status IN ('employed', 'self_employed', 'freelance'))
      )`);
    // exactly once per trigger and follow-up, whoever writes it
    await q.query(
      `CREATE UNIQUE INDEX surveys_enrolment_follow_up_key ON surveys (enrolment_id, follow_up)
        WHERE enrolment_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX surveys_match_follow_up_key ON surveys (match_id, follow_up)
        WHERE match_id IS NOT NULL`,
    );
    // the worker's scans: due and unsent; sent, unanswered (reminders)
    await q.query(
      `CREATE INDEX surveys_due_idx ON surveys (due_at)
        WHERE sent_at IS NULL AND withdrawn_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX surveys_open_idx ON surveys (sent_at)
        WHERE sent_at IS NOT NULL AND answered_at IS NULL AND reminded_at IS NULL`,
    );
    await q.query(`CREATE INDEX surveys_profile_idx ON surveys (profile_id, due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS surveys`);
  }
}
