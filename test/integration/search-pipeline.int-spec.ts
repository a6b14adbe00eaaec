import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { TransactionRunner } from '@app/database';
import { OutboxRelay, OutboxWriter, SearchIndexRegistry } from '@app/search';
import type { Meilisearch } from 'meilisearch';
import { createItemTables, ItemsWorkerModule, type ItemDocument } from '../support/items-index.js';
import { createTestContext, testMeili, type TestContext } from '../support/test-context.js';

describe('search pipeline: outbox → relay → Meilisearch', () => {
  let t: TestContext;
  let meili: Meilisearch;
  let relay: OutboxRelay;
  let registry: SearchIndexRegistry;
  let uid: string;

  /** Changes rows and records their outbox rows in one transaction, as domain code does. */
  async function write(sql: string, ids: string[], params: unknown[] = []): Promise<void> {
    await t.app.get(TransactionRunner).run(async (manager) => {
      await manager.query(sql, params);
      await t.app.get(OutboxWriter).enqueueSearchSync(manager, 'items', ids);
    });
  }

  const loadsOf = async (id: string): Promise<number> =>
    (
      await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM test_item_loads WHERE document_id = $1`,
        [id],
      )
    )[0].n;

  beforeAll(async () => {
    t = await createTestContext(ItemsWorkerModule, { prepare: (db) => createItemTables(db, 25) });
    meili = testMeili();
    relay = t.app.get(OutboxRelay);
    registry = t.app.get(SearchIndexRegistry);
    uid = registry.uidOf('items');
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(async () => {
    await relay.drain();
  });

  it('creates a missing index at boot with its settings and fills it from PostgreSQL', async () => {
    const settings = await meili.index(uid).getSettings();
    expect(settings.searchableAttributes).toEqual(['title']);
    expect(settings.filterableAttributes).toEqual(['id']);
    const stats = await meili.index(uid).getStats();
    expect(stats.numberOfDocuments).toBe(25);
    const state = await t.sql(`SELECT uid, documents FROM search_index_state WHERE uid = $1`, [
      uid,
    ]);
    expect(state).toEqual([{ uid, documents: 25 }]);
  });

  it('is idempotent when the settings did not change', async () => {
    expect(await registry.ensureIndexes()).toMatchObject({ items: 'unchanged' });
  });

  it('a committed change appears in Meilisearch after drain()', async () => {
    await write(`INSERT INTO test_items (id, title) VALUES ('new-1', 'Brand new widget')`, [
      'new-1',
    ]);
    expect(await relay.drain()).toEqual({ processed: 1, failed: 0 });
    const hit = await meili.index<ItemDocument>(uid).getDocument('new-1');
    expect(hit).toMatchObject({ id: 'new-1', title: 'Brand new widget', _version: 1 });
    const search = await meili.index(uid).search('widget');
    expect(search.hits.map((h) => h.id)).toEqual(['new-1']);
  });

  it('a rolled-back change leaves no outbox row', async () => {
    await expect(
      t.app.get(TransactionRunner).run(async (manager) => {
        await t.app.get(OutboxWriter).enqueueSearchSync(manager, 'items', ['ghost']);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await t.sql(`SELECT * FROM outbox WHERE document_id = 'ghost'`)).toEqual([]);
  });

  it('a deleted or hidden row is deleted from the index', async () => {
    await write(`DELETE FROM test_items WHERE id = 'item-000001'`, ['item-000001']);
    await write(`UPDATE test_items SET hidden = true WHERE id = 'item-000002'`, ['item-000002']);
    expect(await relay.drain()).toEqual({ processed: 2, failed: 0 });
    const { results } = await meili
      .index(uid)
      .getDocuments({ ids: ['item-000001', 'item-000002', 'item-000003'], fields: ['id'] });
    expect(results.map((d) => d.id)).toEqual(['item-000003']);
  });

  it('coalesces ten changes to one document into one load and one write', async () => {
    for (let i = 1; i <= 10; i += 1) {
      await write(
        `UPDATE test_items SET title = $1, version = version + 1 WHERE id = 'item-000005'`,
        ['item-000005'],
        [`Edited ${i} times`],
      );
    }
    const before = await loadsOf('item-000005');
    expect(await relay.drain()).toEqual({ processed: 10, failed: 0 });
    expect((await loadsOf('item-000005')) - before).toBe(1);
    const doc = await meili.index<ItemDocument>(uid).getDocument('item-000005');
    expect(doc).toMatchObject({ title: 'Edited 10 times', _version: 11 });
    const rows = await t.sql<{ pending: number }>(
      `SELECT count(*)::int AS pending FROM outbox WHERE processed_at IS NULL`,
    );
    expect(rows[0].pending).toBe(0);
  });

  it('dead-letters a row whose document Meilisearch keeps refusing, with the reason', async () => {
    // A primary key Meilisearch refuses ("bad id!" has a space and a "!"): a document-level error.
    await write(`INSERT INTO test_items (id, title) VALUES ('bad id!', 'Refused')`, ['bad id!']);
    await write(`INSERT INTO test_items (id, title) VALUES ('good-1', 'Accepted')`, ['good-1']);
    let failed = 0;
    let processed = 0;
    for (let pass = 0; pass < 12 && failed === 0; pass += 1) {
      await t.sql(`UPDATE outbox SET available_at = now() WHERE processed_at IS NULL`);
      const counts = await relay.drain();
      failed += counts.failed;
      processed += counts.processed;
    }
    expect({ processed, failed }).toEqual({ processed: 1, failed: 1 });
    const [row] = await t.sql<{ attempts: number; last_error: string; failed_at: Date | null }>(
      `SELECT attempts, last_error, failed_at FROM outbox WHERE document_id = 'bad id!'`,
    );
    expect(row.attempts).toBe(10);
    expect(row.failed_at).not.toBeNull();
    expect(row.last_error).toMatch(/invalid_document_id/);
    expect(await meili.index(uid).getDocument('good-1')).toMatchObject({ title: 'Accepted' });
    await t.sql(`DELETE FROM test_items WHERE id = 'bad id!'`); // not to count as drift below
  });

  it('drift check finds missing, stale and extra documents and repairs them', async () => {
    await expect(registry.checkDrift('items')).resolves.toMatchObject({
      missing: 0,
      stale: 0,
      extra: 0,
    });
    // Behind the pipeline's back: one document deleted in Meilisearch, one row changed without
    // an outbox row, one document that has no row.
    await meili.index(uid).deleteDocument('item-000010').waitTask({ timeout: 30_000 });
    await t.sql(
      `UPDATE test_items SET title = 'Silently renamed', version = 7 WHERE id = 'item-000011'`,
    );
    await meili
      .index(uid)
      .addDocuments([{ id: 'orphan', title: 'No row', _version: 1 }])
      .waitTask({ timeout: 30_000 });

    const report = await registry.checkDrift('items');
    expect(report).toMatchObject({ missing: 1, stale: 1, extra: 1, repaired: 0 });
    expect(report.indexed).toBe(report.expected + 1 - 1); // one missing, one extra

    const repaired = await registry.checkDrift('items', { repair: true });
    expect(repaired).toMatchObject({ missing: 1, stale: 1, extra: 1, repaired: 3 });
    await expect(registry.checkDrift('items')).resolves.toMatchObject({
      missing: 0,
      stale: 0,
      extra: 0,
    });
    expect(await meili.index(uid).getDocument('item-000011')).toMatchObject({
      title: 'Silently renamed',
      _version: 7,
    });
  });
});
