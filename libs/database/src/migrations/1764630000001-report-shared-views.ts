import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The views through which reporting reads other libs' rows (docs/data-model.md, "Owners"). Each
 * view belongs to the lib that owns its rows and is listed in that lib's `SHARED_VIEWS`:
 *
 * - training: `programme_report_frames` (a programme's period, countries and partners) and
 *   `programme_enrolment_facts` (each enrolment in a programme's courses with its unrevoked
 *   certificate);
 * - brokering: `programme_partner_matches` (the matches that count for a programme: its
 *   opportunity's, from a partner, docs/reporting.md "Whom a programme counts") and
 *   `profile_hires` (every hire, on any opportunity);
 * - surveys: `survey_report_facts` (follow-up surveys with what an answer says about work);
 * - profiles: `profile_report_facts` (registration, country and the inclusion data of people who
 *   consented to reporting).
 */
export class ReportSharedViews1764630000001 implements MigrationInterface {
  name = 'ReportSharedViews1764630000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW programme_report_frames AS
      SELECT p.id, p.starts_on, p.ends_on,
             array(SELECT trim(c) FROM unnest(p.countries) AS c ORDER BY 1) AS countries,
             array(SELECT pp.organisation_id FROM programme_partners pp
                   WHERE pp.programme_id = p.id ORDER BY 1) AS partners
      FROM programmes p`);
    await q.query(`
      CREATE VIEW programme_enrolment_facts AS
      SELECT co.programme_id, e.id AS enrolment_id, e.profile_id, e.status, e.finished_at,
             c.issued_at AS certified_at
      FROM courses co
      JOIN cohorts ch ON ch.course_id = co.id
      JOIN enrolments e ON e.cohort_id = ch.id
      LEFT JOIN certificates c ON c.enrolment_id = e.id AND c.revoked_at IS NULL
      WHERE co.programme_id IS NOT NULL`);
    // the partner rule: a partner's listing, a request an admin or a partner's broker attached,
    // a match a partner brokered, or a match platform staff made
    await q.query(`
      CREATE VIEW programme_partner_matches AS
      SELECT o.programme_id, m.id AS match_id, m.profile_id, m.state, m.applied_at,
             m.shortlisted_at, m.hired_at, m.completed_at, m.income_eur, m.hours_worked,
             o.engagement_type
      FROM opportunities o
      JOIN matches m ON m.opportunity_id = o.id
      WHERE o.programme_id IS NOT NULL
        AND (EXISTS (SELECT 1 FROM programme_partners pp
                     WHERE pp.programme_id = o.programme_id
                       AND pp.organisation_id = o.organisation_id)
             OR EXISTS (SELECT 1 FROM users u
                        WHERE u.id = o.programme_attached_by
                          AND (u.role = 'admin'
                               OR EXISTS (SELECT 1 FROM programme_partners pp
                                          WHERE pp.programme_id = o.programme_id
                                            AND pp.organisation_id = u.organisation_id)))
             OR EXISTS (SELECT 1 FROM programme_partners pp
                        WHERE pp.programme_id = o.programme_id
                          AND pp.organisation_id = m.organisation_id)
             OR (m.organisation_id IS NULL
                 AND EXISTS (SELECT 1 FROM users u
                             WHERE u.id = m.created_by AND u.role = 'admin')))`);
    await q.query(`
      CREATE VIEW profile_hires AS
      SELECT m.profile_id, m.hired_at FROM matches m WHERE m.hired_at IS NOT NULL`);
    await q.query(`
      CREATE VIEW survey_report_facts AS
      SELECT s.id AS survey_id, s.profile_id, s.enrolment_id, s.match_id, s.follow_up,
             s.trigger_kind, s.due_at, s.sent_at, s.answered_at,
             s.work_status IN ('employed', 'self_employed', 'freelance') AS working,
             s.monthly_income_eur AS income
      FROM surveys s`);
    // no inclusion row: never consented, withdrew, or erased
    await q.query(`
      CREATE VIEW profile_report_facts AS
      SELECT p.id AS profile_id, p.created_at, p.country, i.profile_id IS NOT NULL AS consented,
             i.sex, i.birth_year, coalesce(i.groups, '{}') AS groups
      FROM profiles p
      LEFT JOIN profile_inclusion i ON i.profile_id = p.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const view of [
      'profile_report_facts',
      'survey_report_facts',
      'profile_hires',
      'programme_partner_matches',
      'programme_enrolment_facts',
      'programme_report_frames',
    ]) {
      await q.query(`DROP VIEW ${view}`);
    }
  }
}
