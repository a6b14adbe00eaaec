import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training: donor programmes, courses of training providers, cohorts, enrolments and the
 * certificates that completions issue. Certificates keep a copy of the skills and levels they
 * certify, so a later change to a course never changes what was certified.
 *
 * `created_at` keeps milliseconds only (timestamptz(3)): lists page by (created_at, id) and the
 * cursor carries a JavaScript Date, which would otherwise lose the microseconds.
 */
export class Training1764351000000 implements MigrationInterface {
  name = 'Training1764351000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE programmes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        -- stored upper-case, so uniqueness ignores case
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$'),
        donor text CHECK (length(donor) <= 200),
        countries char(2)[] NOT NULL CHECK (cardinality(countries) >= 1),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        priorities jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT programmes_dates CHECK (ends_on >= starts_on)
      )`);
    await q.query(`
      CREATE TABLE programme_partners (
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        PRIMARY KEY (programme_id, organisation_id)
      )`);
    await q.query(
      `CREATE INDEX programme_partners_organisation_id_idx ON programme_partners (organisation_id)`,
    );
    await q.query(`
      CREATE TABLE courses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid REFERENCES programmes (id),
        provider_id uuid NOT NULL REFERENCES organisations (id),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        hours smallint NOT NULL CHECK (hours BETWEEN 1 AND 2000),
        mode text NOT NULL CHECK (mode IN ('online', 'in_person', 'blended')),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX courses_provider_id_idx ON courses (provider_id, created_at, id)`);
    await q.query(`CREATE INDEX courses_programme_id_idx ON courses (programme_id)`);
    await q.query(`
      CREATE TABLE course_skills (
        course_id uuid NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
        skill_id uuid NOT NULL REFERENCES skills (id),
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
        PRIMARY KEY (course_id, skill_id)
      )`);
    await q.query(`
      CREATE TABLE cohorts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL REFERENCES courses (id),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        location text CHECK (length(location) <= 200),
        capacity smallint NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cohorts_dates CHECK (ends_on >= starts_on)
      )`);
    await q.query(`CREATE INDEX cohorts_course_id_idx ON cohorts (course_id, created_at, id)`);
    await q.query(`
      CREATE TABLE enrolments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        cohort_id uuid NOT NULL REFERENCES cohorts (id),
        profile_id uuid NOT NULL REFERENCES profiles (id),
        status text NOT NULL DEFAULT 'enrolled'
          CHECK (status IN ('enrolled', 'completed', 'dropped')),
        score smallint CHECK (score BETWEEN 0 AND 100),
        enrolled_by uuid REFERENCES users (id),
        finished_at timestamptz,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT enrolments_one_per_cohort UNIQUE (cohort_id, profile_id),
        CONSTRAINT enrolments_finished CHECK ((status = 'enrolled') = (finished_at IS NULL)),
        CONSTRAINT enrolments_score_on_completion CHECK (score IS NULL OR status = 'completed')
      )`);
    await q.query(`CREATE INDEX enrolments_profile_id_idx ON enrolments (profile_id)`);
    await q.query(`
      CREATE TABLE certificates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enrolment_id uuid NOT NULL UNIQUE REFERENCES enrolments (id),
        profile_id uuid NOT NULL REFERENCES profiles (id),
        -- 160 random bits in base32: unguessable, safe in a URL, easy to read aloud
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z2-7]{32}$'),
        issued_at timestamptz(3) NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users (id),
        revocation_reason text CHECK (length(revocation_reason) BETWEEN 1 AND 1000),
        CONSTRAINT certificates_revocation CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX certificates_profile_id_idx ON certificates (profile_id)`);
    await q.query(`
      CREATE TABLE certificate_skills (
        certificate_id uuid NOT NULL REFERENCES certificates (id) ON DELETE CASCADE,
        skill_id uuid NOT NULL REFERENCES skills (id),
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
        PRIMARY KEY (certificate_id, skill_id)
      )`);
    for (const table of ['programmes', 'courses', 'cohorts', 'enrolments']) {
      await q.query(`
        CREATE TRIGGER ${table}_set_updated_at BEFORE UPDATE ON ${table}
          FOR EACH ROW EXECUTE FUNCTION set_updated_at()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'certificate_skills',
      'certificates',
      'enrolments',
      'cohorts',
      'course_skills',
      'courses',
      'programme_partners',
      'programmes',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
