import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Saved searches with alerts, and the items each one has already told its owner about (so an
 * item is alerted at most once per saved search, whichever worker runs it).
 */
export class SavedSearches1764560000001 implements MigrationInterface {
  name = 'SavedSearches1764560000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE saved_searches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        -- the owner's role when saved: what the search may see when it runs without them
        owner_role text NOT NULL,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('talent', 'opportunities')),
        query jsonb NOT NULL DEFAULT '{}'::jsonb,
        alert text NOT NULL CHECK (alert IN ('instant', 'daily', 'weekly', 'off')),
        matches_since timestamptz NOT NULL,
        last_run_at timestamptz,
        next_run_at timestamptz,
        lease_until timestamptz,
        lease_token uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TRIGGER saved_searches_set_updated_at BEFORE UPDATE ON saved_searches
        FOR EACH ROW EXECUTE FUNCTION set_updated_at()`);
    // "my saved searches, newest first" and the per-owner limit
    await q.query(
      `CREATE INDEX saved_searches_owner_idx ON saved_searches (owner_id, created_at DESC, id DESC)`,
    );
    // the alerts job: due searches in order
    await q.query(
      `CREATE INDEX saved_searches_due_idx ON saved_searches (next_run_at) WHERE next_run_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE saved_search_seen (
        saved_search_id uuid NOT NULL REFERENCES saved_searches (id) ON DELETE CASCADE,
        item_id uuid NOT NULL,
        item_updated_at timestamptz NOT NULL,
        alerted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (saved_search_id, item_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS saved_search_seen`);
    await q.query(`DROP TABLE IF EXISTS saved_searches`);
  }
}
