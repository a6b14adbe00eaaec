import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The facts a follow-up survey is scheduled from, as views their owners declare for the surveys
 * lib (which sits below training and brokering and may not read their tables): a completed
 * enrolment and when it finished (training), a hire and when it happened (brokering).
 */
export class FollowUpTriggerViews1764660000001 implements MigrationInterface {
  name = 'FollowUpTriggerViews1764660000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW completed_enrolments AS
        SELECT id, profile_id, finished_at FROM enrolments
         WHERE status = 'completed' AND finished_at IS NOT NULL`);
    await q.query(`
      CREATE VIEW hired_matches AS
        SELECT id, profile_id, hired_at FROM matches WHERE hired_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW IF EXISTS hired_matches`);
    await q.query(`DROP VIEW IF EXISTS completed_enrolments`);
  }
}
