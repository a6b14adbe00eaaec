import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Profiles1764330000000 implements MigrationInterface {
  name = 'Profiles1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE profiles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- cut on erasure: the row then stays only as an anonymous anchor for outcome counts
        user_id uuid UNIQUE REFERENCES users (id),
        headline text CHECK (length(headline) <= 160),
        bio text CHECK (length(bio) <= 5000),
        country char(2) CHECK (country ~ '^[A-Z]{2}$'),
        city text CHECK (length(city) <= 120),
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        lng double precision CHECK (lng BETWEEN -180 AND 180),
        work_modes text[] NOT NULL DEFAULT '{}'
          CHECK (work_modes <@ ARRAY['remote', 'onsite', 'hybrid']),
        engagement_types text[] NOT NULL DEFAULT '{}'
          CHECK (engagement_types <@ ARRAY['freelance', 'part_time', 'full_time', 'internship']),
        hours_per_week smallint CHECK (hours_per_week BETWEEN 1 AND 80),
        available_from date,
        hourly_rate_eur numeric(6, 2) CHECK (hourly_rate_eur BETWEEN 0 AND 1000),
        portfolio jsonb NOT NULL DEFAULT '[]',
        open_to_work boolean NOT NULL DEFAULT true,
        visibility text NOT NULL DEFAULT 'brokers'
          CHECK (visibility IN ('private', 'brokers', 'companies')),
        version integer NOT NULL DEFAULT 1,
        last_active_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        CONSTRAINT profiles_owner_or_erased CHECK ((user_id IS NULL) = (erased_at IS NOT NULL)),
        CONSTRAINT profiles_coordinates_together CHECK ((lat IS NULL) = (lng IS NULL))
      )`);
    await q.query(`
      CREATE TRIGGER profiles_set_updated_at BEFORE UPDATE ON profiles
        FOR EACH ROW EXECUTE FUNCTION set_updated_at()`);
    await q.query(`
      CREATE TABLE profile_skills (
        profile_id uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        skill_id uuid NOT NULL REFERENCES skills (id),
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
        years smallint CHECK (years BETWEEN 0 AND 50),
        -- set from evidence (certificates), never by the trainee
        verified boolean NOT NULL DEFAULT false,
        PRIMARY KEY (profile_id, skill_id)
      )`);
    await q.query(`CREATE INDEX profile_skills_skill_id_idx ON profile_skills (skill_id)`);
    await q.query(`
      CREATE TABLE profile_languages (
        profile_id uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        code char(2) NOT NULL CHECK (code ~ '^[a-z]{2}$'),
        level text NOT NULL CHECK (level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
        PRIMARY KEY (profile_id, code)
      )`);
    // Inclusion data lives apart: it is read only for the person's export and for reporting.
    await q.query(`
      CREATE TABLE profile_inclusion (
        profile_id uuid PRIMARY KEY REFERENCES profiles (id) ON DELETE CASCADE,
        sex text CHECK (sex IN ('female', 'male', 'other')),
        birth_year smallint CHECK (birth_year BETWEEN 1900 AND 2100),
        groups text[] NOT NULL DEFAULT '{}',
        consented_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TRIGGER profile_inclusion_set_updated_at BEFORE UPDATE ON profile_inclusion
        FOR EACH ROW EXECUTE FUNCTION set_updated_at()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE profile_inclusion`);
    await q.query(`DROP TABLE profile_languages`);
    await q.query(`DROP TABLE profile_skills`);
    await q.query(`DROP TABLE profiles`);
  }
}
