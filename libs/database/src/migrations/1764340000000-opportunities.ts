import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work requests (companies) and brokered listings (membership organisations) in one table.
 * `programme_id` has no foreign key yet: programmes arrive later and will add it.
 */
export class Opportunities1764340000000 implements MigrationInterface {
  name = 'Opportunities1764340000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE opportunities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('work_request', 'listing')),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        status text NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'filled')),
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
        description text NOT NULL CHECK (length(description) <= 20000),
        engagement_type text NOT NULL
          CHECK (engagement_type IN ('freelance', 'part_time', 'full_time', 'internship')),
        work_mode text NOT NULL CHECK (work_mode IN ('remote', 'onsite', 'hybrid')),
        countries text[] NOT NULL DEFAULT '{}',
        city text,
        lat double precision,
        lng double precision,
        radius_km integer CHECK (radius_km BETWEEN 1 AND 500),
        hours_per_week integer CHECK (hours_per_week BETWEEN 1 AND 80),
        duration_weeks integer CHECK (duration_weeks BETWEEN 1 AND 260),
        budget_type text CHECK (budget_type IN ('hourly', 'fixed')),
        budget_min_eur numeric(12, 2) CHECK (budget_min_eur >= 0),
        budget_max_eur numeric(12, 2) CHECK (budget_max_eur >= 0),
        openings integer NOT NULL DEFAULT 1 CHECK (openings BETWEEN 1 AND 500),
        deadline timestamptz,
        programme_id uuid,
        source text,
        source_url text CHECK (length(source_url) <= 2000),
        client_country text CHECK (client_country ~ '^[A-Z]{2}$'),
        version integer NOT NULL DEFAULT 1,
        created_by uuid,
        published_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT opportunities_listing_provenance
          CHECK ((kind = 'listing') = (source IS NOT NULL AND source_url IS NOT NULL)),
        CONSTRAINT opportunities_client_country_listing
          CHECK (client_country IS NULL OR kind = 'listing'),
        CONSTRAINT opportunities_city_located
          CHECK ((city IS NULL) = (lat IS NULL) AND (lat IS NULL) = (lng IS NULL)),
        CONSTRAINT opportunities_radius_needs_city CHECK (radius_km IS NULL OR city IS NOT NULL),
        CONSTRAINT opportunities_budget_range
          CHECK (budget_min_eur IS NULL OR budget_max_eur IS NULL OR budget_min_eur <= budget_max_eur),
        CONSTRAINT opportunities_budget_typed
          CHECK (budget_type IS NOT NULL OR (budget_min_eur IS NULL AND budget_max_eur IS NULL)),
        -- re-importing a listing from the same page updates it instead of duplicating it
        CONSTRAINT opportunities_organisation_source_url_key UNIQUE (organisation_id, source_url)
      )`);
    // lists: an organisation's own, and everyone's open ones, newest first (keyset pagination)
    await q.query(`
      CREATE INDEX opportunities_organisation_idx
        ON opportunities (organisation_id, kind, created_at DESC, id DESC)`);
    await q.query(`
      CREATE INDEX opportunities_kind_status_idx
        ON opportunities (kind, status, created_at DESC, id DESC)`);
    await q.query(`
      CREATE TRIGGER opportunities_set_updated_at BEFORE UPDATE ON opportunities
        FOR EACH ROW EXECUTE FUNCTION set_updated_at()`);

    await q.query(`
      CREATE TABLE opportunity_skills (
        opportunity_id uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
        skill_id uuid NOT NULL REFERENCES skills (id),
        min_level smallint NOT NULL CHECK (min_level BETWEEN 1 AND 5),
        must_have boolean NOT NULL,
        position smallint NOT NULL,
        PRIMARY KEY (opportunity_id, skill_id)
      )`);
    await q.query(`CREATE INDEX opportunity_skills_skill_idx ON opportunity_skills (skill_id)`);

    await q.query(`
      CREATE TABLE opportunity_languages (
        opportunity_id uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
        code text NOT NULL CHECK (code ~ '^[a-z]{2}$'),
        min_level text NOT NULL CHECK (min_level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
        position smallint NOT NULL,
        PRIMARY KEY (opportunity_id, code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE opportunity_languages`);
    await q.query(`DROP TABLE opportunity_skills`);
    await q.query(`DROP TABLE opportunities`);
  }
}
