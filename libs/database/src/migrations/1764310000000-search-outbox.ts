import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox (rows written in the same transaction as the change they announce,
 * relayed by the worker) and the state of each Meilisearch index (which settings it was built with).
 */
export class SearchOutbox1764310000000 implements MigrationInterface {
  name = 'SearchOutbox1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        kind text NOT NULL,
        target text NOT NULL DEFAULT '',
        document_id text NOT NULL,
        payload jsonb,
        attempts integer NOT NULL DEFAULT 0,
        available_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        failed_at timestamptz
      )`);
    // The claim query: pending rows in order of availability.
    await q.query(`
      CREATE INDEX outbox_pending_idx ON outbox (available_at, id)
      WHERE processed_at IS NULL AND failed_at IS NULL`);
    // Rows of one document (coalescing, "is this document leased by another relay?").
    await q.query(`
      CREATE INDEX outbox_pending_document_idx ON outbox (kind, target, document_id)
      WHERE processed_at IS NULL AND failed_at IS NULL`);
    // Retention purge and "what changed since the reindex started".
    await q.query(`
      CREATE INDEX outbox_processed_idx ON outbox (target, processed_at)
      WHERE processed_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE search_index_state (
        uid text PRIMARY KEY,
        settings_hash text NOT NULL,
        documents integer NOT NULL DEFAULT 0,
        built_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS search_index_state`);
    await q.query(`DROP TABLE IF EXISTS outbox`);
  }
}
