import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The skills taxonomy: canonical skills (ESCO or curated) and every label they are known by.
 * `name_key` / `folded_label` hold the folded form (lower-case ASCII, see @app/text) used for
 * exact lookups; skills without an ESCO URI are keyed by `name_key` when seeded.
 */
export class SkillsTaxonomy1764320000000 implements MigrationInterface {
  name = 'SkillsTaxonomy1764320000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE skills (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        esco_uri text UNIQUE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        name_key text NOT NULL,
        category text NOT NULL
          CHECK (category IN ('digital', 'transversal', 'language', 'bpo', 'other')),
        description text,
        source text NOT NULL CHECK (source IN ('esco', 'curated')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Skills without an ESCO URI (curated, BPO labels) are unique by folded name.
    await q.query(
      `CREATE UNIQUE INDEX skills_name_key_without_uri ON skills (name_key) WHERE esco_uri IS NULL`,
    );
    await q.query(`CREATE INDEX skills_name_key ON skills (name_key)`);
    await q.query(`
      CREATE TRIGGER skills_set_updated_at BEFORE UPDATE ON skills
      FOR EACH ROW EXECUTE FUNCTION set_updated_at()`);
    await q.query(`
      CREATE TABLE skill_aliases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        skill_id uuid NOT NULL REFERENCES skills (id) ON DELETE CASCADE,
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
        lang text NOT NULL DEFAULT 'en',
        kind text NOT NULL CHECK (kind IN ('preferred', 'alternative', 'curated')),
        folded_label text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT skill_aliases_skill_folded UNIQUE (skill_id, folded_label)
      )`);
    await q.query(`CREATE INDEX skill_aliases_folded_label ON skill_aliases (folded_label)`);
    await q.query(`
      CREATE TABLE taxonomy_seed_runs (
        name text PRIMARY KEY,
        fingerprint text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE taxonomy_seed_runs`);
    await q.query(`DROP TABLE skill_aliases`);
    await q.query(`DROP TABLE skills`);
  }
}
