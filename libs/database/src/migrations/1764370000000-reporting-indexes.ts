import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for programme results reports: a programme's opportunities (and through the existing
 * `matches_opportunity_idx` their matches), and each person's hires in time order, which the
 * "paid work after training" indicator looks up for every trained person.
 */
export class ReportingIndexes1764370000000 implements MigrationInterface {
  name = 'ReportingIndexes1764370000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE INDEX opportunities_programme_idx ON opportunities (programme_id)
        WHERE programme_id IS NOT NULL`);
    await q.query(`
      CREATE INDEX matches_profile_hired_idx ON matches (profile_id, hired_at)
        WHERE hired_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX matches_profile_hired_idx`);
    await q.query(`DROP INDEX opportunities_programme_idx`);
  }
}
