import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who attached an opportunity to its programme. A programme's report counts only partner work:
 * a company's request counts when an admin or a partner's broker attached it on its behalf, and
 * this column is how the report knows. Rows attached before it existed are credited to their
 * creator when that creator was an admin or a broker of a partner organisation.
 */
export class ProgrammeAttachment1764490000001 implements MigrationInterface {
  name = 'ProgrammeAttachment1764490000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE opportunities
        ADD COLUMN programme_attached_by uuid REFERENCES users (id) ON DELETE SET NULL`);
    await q.query(`
      UPDATE opportunities o SET programme_attached_by = o.created_by
        FROM users u
       WHERE o.programme_id IS NOT NULL AND u.id = o.created_by
         AND (u.role = 'admin'
              OR EXISTS (SELECT 1 FROM programme_partners pp
                          WHERE pp.programme_id = o.programme_id
                            AND pp.organisation_id = u.organisation_id))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE opportunities DROP COLUMN programme_attached_by`);
  }
}
