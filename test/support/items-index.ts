import { Injectable, Module } from '@nestjs/common';
import type { Settings } from 'meilisearch';
import type { EntityManager } from 'typeorm';
import { RegisterSearchIndex, type SearchDocument, type SearchIndexDefinition } from '@app/search';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import type { TestDatabase } from '../setup/test-databases.js';
import pg from 'pg';

/**
 * A test-only search index over a tiny table, `test_items`. Every load is recorded in
 * `test_item_loads`, so tests can count how often the pipeline read each document.
 */
export interface ItemDocument extends SearchDocument {
  title: string;
}

export const ITEMS_SETTINGS: Settings = {
  searchableAttributes: ['title'],
  filterableAttributes: ['id'],
  sortableAttributes: ['title'],
  pagination: { maxTotalHits: 100_000 },
};

@RegisterSearchIndex()
@Injectable()
export class ItemsIndex implements SearchIndexDefinition<ItemDocument> {
  readonly name = 'items';
  settings: Settings = ITEMS_SETTINGS;

  async loadDocuments(manager: EntityManager, ids: string[]): Promise<ItemDocument[]> {
    await manager.query(`INSERT INTO test_item_loads (document_id) SELECT unnest($1::text[])`, [
      ids,
    ]);
    const rows = (await manager.query(
      `SELECT id, title, version FROM test_items WHERE id = ANY($1::text[]) AND NOT hidden`,
      [ids],
    )) as ItemRow[];
    return rows.map(toItemDocument);
  }

  async loadPage(
    manager: EntityManager,
    afterId: string | undefined,
    limit: number,
  ): Promise<ItemDocument[]> {
    const rows = (await manager.query(
      `SELECT id, title, version FROM test_items
        WHERE NOT hidden AND ($1::text IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [afterId ?? null, limit],
    )) as ItemRow[];
    return rows.map(toItemDocument);
  }

  async countDocuments(manager: EntityManager): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n FROM test_items WHERE NOT hidden`,
    )) as { n: number }[];
    return row.n;
  }
}

interface ItemRow {
  id: string;
  title: string;
  version: number;
}

function toItemDocument(row: ItemRow): ItemDocument {
  return { id: row.id, title: row.title, _version: row.version };
}

/** The worker's own module plus the test index. */
@Module({ imports: [WorkerModule], providers: [ItemsIndex] })
export class ItemsWorkerModule {}

/** Creates the test tables (and optionally `seed` rows) before an application boots. */
export async function createItemTables(db: TestDatabase, seed = 0): Promise<void> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query(`
      CREATE TABLE test_items (
        id text PRIMARY KEY,
        title text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        hidden boolean NOT NULL DEFAULT false
      );
      CREATE TABLE test_item_loads (
        document_id text NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    if (seed > 0) {
      await client.query(
        `INSERT INTO test_items (id, title)
         SELECT 'item-' || lpad(n::text, 6, '0'), 'Item number ' || n FROM generate_series(1, $1) n`,
        [seed],
      );
    }
  } finally {
    await client.end();
  }
}
