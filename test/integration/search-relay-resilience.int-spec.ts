import { afterAll, beforeAll, jest, describe, expect, it } from '@jest/globals';
import { TransactionRunner } from '@app/database';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearchHandle } from '@app/embedded';
import { OutboxRelay, OutboxWriter, SearchIndexRegistry } from '@app/search';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createItemTables, ItemsWorkerModule } from '../support/items-index.js';
import { createTestContext, testMeili, type TestContext } from '../support/test-context.js';

// Real servers on a shared machine: Meilisearch tasks can queue for seconds under load.
jest.setTimeout(240_000);

async function insertItems(t: TestContext, ids: string[]): Promise<void> {
  await t.app.get(TransactionRunner).run(async (manager) => {
    await manager.query(
      `INSERT INTO test_items (id, title) SELECT id, 'Fresh ' || id FROM unnest($1::text[]) id`,
      [ids],
    );
    await t.app.get(OutboxWriter).enqueueSearchSync(manager, 'items', ids);
  });
}

/** Stands in for time passing: makes rows waiting for their backoff available now. */
const skipBackoff = (t: TestContext): Promise<unknown> =>
  t.sql(`UPDATE outbox SET available_at = now() WHERE processed_at IS NULL`);

describe('outbox relay while Meilisearch is down', () => {
  let dir: string;
  let port: number;
  let masterKey: string;
  let meiliServer: EmbeddedMeilisearchHandle;
  let t: TestContext;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'talentbridge-meili-outage-'));
    meiliServer = await startEmbeddedMeilisearch({ dir });
    ({ port, masterKey } = meiliServer);
    t = await createTestContext(ItemsWorkerModule, {
      prepare: (db) => createItemTables(db, 5),
      env: { MEILI_HOST: meiliServer.host, MEILI_MASTER_KEY: masterKey, OUTBOX_MAX_ATTEMPTS: '3' },
    });
  });

  afterAll(async () => {
    await t.close().catch(() => undefined);
    await meiliServer.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps writes, records errors without dead-lettering, and drains everything on return', async () => {
    const relay = t.app.get(OutboxRelay);
    const uid = t.app.get(SearchIndexRegistry).uidOf('items');
    const meili = testMeili(meiliServer.host, masterKey);
    expect((await meili.index(uid).getStats()).numberOfDocuments).toBe(5);

    await meiliServer.stop();
    const ids = Array.from({ length: 40 }, (_, i) => `outage-${i}`);
    for (let i = 0; i < ids.length; i += 10) await insertItems(t, ids.slice(i, i + 10));

    // Many more passes than OUTBOX_MAX_ATTEMPTS: connectivity never dead-letters.
    for (let pass = 0; pass < 5; pass += 1) {
      await skipBackoff(t);
      expect(await relay.drain()).toEqual({ processed: 0, failed: 0 });
    }
    const rows = await t.sql<{ attempts: number; last_error: string; failed_at: Date | null }>(
      `SELECT attempts, last_error, failed_at FROM outbox`,
    );
    expect(rows).toHaveLength(40);
    for (const row of rows) {
      // At least one attempt per pass; more when a pass outlasts the first short backoffs.
      expect(row.attempts).toBeGreaterThanOrEqual(5);
      expect(row.failed_at).toBeNull();
      expect(row.last_error).toMatch(/^search unavailable: /);
    }
    // Backing off: nothing is available right away.
    expect(await relay.drain()).toEqual({ processed: 0, failed: 0 });

    meiliServer = await startEmbeddedMeilisearch({ dir, port, masterKey });
    await skipBackoff(t);
    expect(await relay.drain()).toEqual({ processed: 40, failed: 0 });
    const { results } = await meili.index(uid).getDocuments({ ids, fields: ['id'], limit: 100 });
    expect(results.map((d) => d.id).sort()).toEqual([...ids].sort());
    await expect(t.app.get(SearchIndexRegistry).checkDrift('items')).resolves.toMatchObject({
      expected: 45,
      indexed: 45,
      missing: 0,
      stale: 0,
      extra: 0,
    });
  });
});

describe('two relays on one database', () => {
  let a: TestContext;
  let b: TestContext;

  beforeAll(async () => {
    a = await createTestContext(ItemsWorkerModule, {
      prepare: (db) => createItemTables(db),
      env: { OUTBOX_BATCH_SIZE: '10' },
    });
    b = await createTestContext(ItemsWorkerModule, {
      db: a.db,
      indexPrefix: a.indexPrefix,
      env: { OUTBOX_BATCH_SIZE: '10' },
    });
  });

  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('process every outbox row exactly once, each document loaded and written once', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `pair-${String(i).padStart(3, '0')}`);
    for (let i = 0; i < ids.length; i += 20) await insertItems(a, ids.slice(i, i + 20));
    // A second change for every tenth document: coalesced, still one load.
    await a.app.get(TransactionRunner).run((manager) =>
      a.app.get(OutboxWriter).enqueueSearchSync(
        manager,
        'items',
        ids.filter((_, i) => i % 10 === 0),
      ),
    );

    const [fromA, fromB] = await Promise.all([
      a.app.get(OutboxRelay).drain(),
      b.app.get(OutboxRelay).drain(),
    ]);
    expect(fromA.processed + fromB.processed).toBe(110);
    expect(fromA.processed).toBeGreaterThan(0);
    expect(fromB.processed).toBeGreaterThan(0);
    expect(fromA.failed + fromB.failed).toBe(0);

    const loads = await a.sql<{ document_id: string; n: number }>(
      `SELECT document_id, count(*)::int AS n FROM test_item_loads GROUP BY document_id`,
    );
    expect(loads).toHaveLength(100);
    expect(loads.filter((l) => l.n !== 1)).toEqual([]);

    const meili = testMeili();
    const uid = a.app.get(SearchIndexRegistry).uidOf('items');
    const tasks = await meili.tasks.getTasks({
      indexUids: [uid],
      types: ['documentAdditionOrUpdate'],
      statuses: ['succeeded'],
      limit: 1000,
    });
    const sent = tasks.results.reduce((n, task) => n + (task.details?.receivedDocuments ?? 0), 0);
    expect(sent).toBe(100);
    expect((await meili.index(uid).getStats()).numberOfDocuments).toBe(100);
  });
});
