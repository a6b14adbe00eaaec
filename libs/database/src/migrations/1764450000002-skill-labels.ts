import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Local labels of skills (sq, sr, sr-Cyrl, mk, bs), one per skill and locale, each unreviewed
 * until an admin confirms it; and where every alias comes from (`skill_aliases.source`: `esco`,
 * `curated`, an everyday-alias source, `admin`).
 */
export class SkillLabels1764450000002 implements MigrationInterface {
  name = 'SkillLabels1764450000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE skill_aliases ADD COLUMN source text`);
    await q.query(`
      UPDATE skill_aliases a
         SET source = CASE a.kind
               WHEN 'alternative' THEN 'esco'
               WHEN 'curated' THEN 'curated'
               ELSE (SELECT s.source FROM skills s WHERE s.id = a.skill_id) END`);
    await q.query(`
      CREATE TABLE skill_labels (
        skill_id uuid NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
        locale text NOT NULL CHECK (locale IN ('sq', 'sr', 'sr-Cyrl', 'mk', 'bs')),
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
        folded_label text NOT NULL,
        reviewed boolean NOT NULL DEFAULT false,
        source text NOT NULL,
        reviewed_by uuid REFERENCES users (id) ON DELETE SET NULL,
        reviewed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (skill_id, locale)
      )`);
    await q.query(`CREATE INDEX skill_labels_folded_label ON skill_labels (folded_label)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE skill_labels`);
    await q.query(`ALTER TABLE skill_aliases DROP COLUMN source`);
  }
}
