import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `programme_partnerships`, a view training declares over its programmes for the libs below it:
 * every programme with each partner organisation, and a programme without partners once with
 * `organisation_id` null. Opportunities reads it to check who may attach work to a programme and
 * which requests count as a programme's partner work (it may not import training, which sits
 * above it).
 */
export class ProgrammePartnershipsView1764600000002 implements MigrationInterface {
  name = 'ProgrammePartnershipsView1764600000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE VIEW programme_partnerships AS
        SELECT p.id AS programme_id, pp.organisation_id
          FROM programmes p LEFT JOIN programme_partners pp ON pp.programme_id = p.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW programme_partnerships`);
  }
}
