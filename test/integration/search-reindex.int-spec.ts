import { afterAll, beforeAll, jest, describe, expect, it } from '@jest/globals';
import { TransactionRunner } from '@app/database';
import { OutboxRelay, OutboxWriter, SearchIndexRegistry, type ReindexProgress } from '@app/search';
import type { Meilisearch } from 'meilisearch';
import {
  createItemTables,
  ItemsIndex,
  ItemsWorkerModule,
  ITEMS_SETTINGS,
  type ItemDocument,
} from '../support/items-index.js';
import { createTestContext, testMeili, type TestContext } from '../support/test-context.js';

// Real servers on a shared machine: Meilisearch tasks can queue for seconds under load.
jest.setTimeout(240_000);

const SEEDED = 7_000;

describe('full reindex with atomic swap', () => {
  let t: TestContext;
  let meili: Meilisearch;
  let registry: SearchIndexRegistry;
  let uid: string;

  beforeAll(async () => {
    t = await createTestContext(ItemsWorkerModule, {
      prepare: (db) => createItemTables(db, SEEDED),
    });
    meili = testMeili();
    registry = t.app.get(SearchIndexRegistry);
    uid = registry.uidOf('items');
  });

  afterAll(async () => {
    await t.close();
  });

  /** Searches in a loop until stopped; returns every total seen and every error. */
  function searchMeanwhile(): { stop: () => Promise<{ totals: number[]; errors: unknown[] }> } {
    let running = true;
    const totals: number[] = [];
    const errors: unknown[] = [];
    const loop = (async () => {
      while (running) {
        try {
          const res = await meili.index(uid).search('', { hitsPerPage: 1, page: 1 });
          totals.push(res.totalHits);
        } catch (error) {
          errors.push(error);
        }
      }
    })();
    return {
      stop: async () => {
        running = false;
        await loop;
        return { totals, errors };
      },
    };
  }

  async function writeDuringReindex(): Promise<void> {
    await t.app.get(TransactionRunner).run(async (manager) => {
      await manager.query(
        `UPDATE test_items SET title = 'Changed during reindex', version = version + 1
          WHERE id = 'item-000100'`,
      );
      await manager.query(`INSERT INTO test_items (id, title) VALUES ('zz-new', 'Arrived late')`);
      await manager.query(`DELETE FROM test_items WHERE id = 'item-000200'`);
      await t.app
        .get(OutboxWriter)
        .enqueueSearchSync(manager, 'items', ['item-000100', 'zz-new', 'item-000200']);
    });
  }

  it('swaps in a complete new index while searches keep answering with full results', async () => {
    expect((await meili.index(uid).getStats()).numberOfDocuments).toBe(SEEDED);
    const searches = searchMeanwhile();
    const progress: ReindexProgress[] = [];
    let relaying: Promise<unknown> | undefined;
    const result = await registry.reindex('items', async (p) => {
      progress.push(p);
      // After the first page (which holds item-000100) has been read into the new index: the
      // relay writes the change to the index that is live now, the old one.
      if (p.indexed > 0 && relaying === undefined) {
        await writeDuringReindex();
        relaying = t.app.get(OutboxRelay).drain();
      }
    });
    await relaying;
    const { totals, errors } = await searches.stop();

    expect(errors).toEqual([]);
    expect(totals.length).toBeGreaterThan(5);
    // Never empty or half-built; +1 only between the relay's upsert of zz-new and its deletion
    // of item-000200 (two tasks), a moment that exists with or without a reindex.
    expect(Math.min(...totals)).toBe(SEEDED);
    expect(Math.max(...totals)).toBeLessThanOrEqual(SEEDED + 1);
    // The second page may have been read before or after zz-new was inserted (pages are read
    // while the previous one is indexed): the catch-up below covers both cases.
    expect(progress.map((p) => p.indexed).slice(0, 2)).toEqual([0, 5000]);
    expect([SEEDED, SEEDED + 1]).toContain(progress.at(-1)?.indexed);
    expect(progress.at(-1)?.total).toBe(SEEDED);
    expect(result).toMatchObject({ index: 'items', uid });

    // The change made while the new index was being built is in it (caught up before the swap).
    const live = meili.index<ItemDocument>(uid);
    expect(await live.getDocument('item-000100')).toMatchObject({
      title: 'Changed during reindex',
      _version: 2,
    });
    expect(await live.getDocument('zz-new')).toMatchObject({ title: 'Arrived late' });
    await expect(live.getDocument('item-000200')).rejects.toThrow(/not found/i);
    await t.app.get(OutboxRelay).drain();
    await expect(registry.checkDrift('items')).resolves.toMatchObject({
      missing: 0,
      stale: 0,
      extra: 0,
      expected: SEEDED,
    });
    const { results } = await meili.getIndexes({ limit: 1000 });
    // Other registered indexes (e.g. skills) live beside it; only the items index is under test.
    expect(results.map((i) => i.uid).filter((u) => u.startsWith(uid))).toEqual([uid]);
  });

  it('rebuilds and swaps when the declared settings change, and only then', async () => {
    const definition = t.app.get(ItemsIndex);
    expect(await registry.ensureIndexes()).toMatchObject({ items: 'unchanged' });
    definition.settings = { ...ITEMS_SETTINGS, filterableAttributes: ['id', 'title'] };
    try {
      expect(await registry.ensureIndexes()).toMatchObject({ items: 'built' });
      const settings = await meili.index(uid).getSettings();
      expect(settings.filterableAttributes).toEqual(['id', 'title']);
      expect((await meili.index(uid).getStats()).numberOfDocuments).toBe(SEEDED);
      const filtered = await meili.index(uid).search('', { filter: `title = 'Arrived late'` });
      expect(filtered.hits.map((h) => h.id)).toEqual(['zz-new']);
      expect(await registry.ensureIndexes()).toMatchObject({ items: 'unchanged' });
    } finally {
      definition.settings = ITEMS_SETTINGS;
    }
  });

  it('rebuilds an index deleted behind its back', async () => {
    await meili.deleteIndex(uid).waitTask();
    expect(await registry.ensureIndexes()).toMatchObject({ items: 'built' });
    expect((await meili.index(uid).getStats()).numberOfDocuments).toBe(SEEDED);
  });
});
