import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `opportunities.created_at` keeps milliseconds only (timestamptz(3)), as training's tables do:
 * the lists of work requests and listings page by (created_at, id) with the shared page cursor,
 * which carries a JavaScript Date and would otherwise lose the microseconds. Existing values are
 * cut to the millisecond they already showed in answers and search documents.
 */
export class OpportunityCreatedAtMilliseconds1764600000001 implements MigrationInterface {
  name = 'OpportunityCreatedAtMilliseconds1764600000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE opportunities
        ALTER COLUMN created_at TYPE timestamptz(3) USING date_trunc('milliseconds', created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE opportunities ALTER COLUMN created_at TYPE timestamptz`);
  }
}
