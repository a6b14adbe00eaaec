import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A profile skill keeps two sources apart: the level the trainee declared and the level
 * certificates back. `level` (what search and matching read) is the higher of the two, and
 * `verified` says that a certificate backs the skill. Keeping both lets a revocation restore
 * exactly what the trainee declared, and lets a trainee's edit never erase evidence.
 */
export class ProfileSkillEvidence1764350000000 implements MigrationInterface {
  name = 'ProfileSkillEvidence1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE profile_skills
        ADD COLUMN declared_level smallint CHECK (declared_level BETWEEN 1 AND 5),
        ADD COLUMN certified_level smallint CHECK (certified_level BETWEEN 1 AND 5)`);
    await q.query(`UPDATE profile_skills SET declared_level = level`);
    await q.query(`
      ALTER TABLE profile_skills ADD CONSTRAINT profile_skills_level_from_sources
        CHECK (COALESCE(declared_level, certified_level) IS NOT NULL
               AND level = GREATEST(declared_level, certified_level))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE profile_skills DROP CONSTRAINT profile_skills_level_from_sources`);
    await q.query(
      `ALTER TABLE profile_skills DROP COLUMN certified_level, DROP COLUMN declared_level`,
    );
  }
}
