import { describe, expect, it } from '@jest/globals';
import type { Meilisearch } from 'meilisearch';
import type { DataSource } from 'typeorm';
import { TASK_TIMEOUT_MS } from './meili-tasks.js';
import { LEASE_MS, PASS_TASK_WAIT_MS } from './outbox-relay.js';
import { LAST_TASK_WAIT_MS, SearchDocumentSync, remainingWait } from './search-document-sync.js';
import type { SearchDocument, SearchIndexDefinition } from './search-index.js';

interface Wait {
  kind: 'add' | 'delete';
  size: number;
  timeout: number;
  interval: number;
  /** When the wait began (`performance.now()`). */
  at: number;
}

/**
 * A Meilisearch stand-in that records every task wait; an upsert holding `bad` fails for a
 * document-level reason (as a malformed document would), after `taskMs` of engine time.
 */
function engine(bad: string, taskMs: number) {
  const waits: Wait[] = [];
  const task = (kind: Wait['kind'], size: number, fails: boolean) => ({
    waitTask: async (options: { timeout: number; interval: number }) => {
      waits.push({ kind, size, ...options, at: performance.now() });
      await new Promise((resolve) => setTimeout(resolve, taskMs));
      return fails
        ? {
            uid: waits.length,
            status: 'failed',
            type: 'documentAdditionOrUpdate',
            error: { code: 'invalid_document_id', message: 'bad id' },
          }
        : { uid: waits.length, status: 'succeeded', type: 'documentAdditionOrUpdate' };
    },
  });
  const meili = {
    index: () => ({
      addDocuments: (docs: SearchDocument[]) =>
        task(
          'add',
          docs.length,
          docs.some((d) => d.id === bad),
        ),
      deleteDocuments: (ids: string[]) => task('delete', ids.length, false),
    }),
  } as unknown as Meilisearch;
  return { meili, waits };
}

const definition = (present: string[]): SearchIndexDefinition =>
  ({
    name: 'things',
    settings: {},
    loadDocuments: async () => present.map((id) => ({ id })),
  }) as unknown as SearchIndexDefinition;

const dataSource = { manager: {} } as unknown as DataSource;

describe('SearchDocumentSync: one time budget for every task of a sync', () => {
  it('gives each task what is left of the budget, at the relay pace', async () => {
    const { meili, waits } = engine('b', 40);
    const sync = new SearchDocumentSync(meili, dataSource);
    const budget = 5_000;
    const started = performance.now();
    const outcomes = await sync.sync(
      definition(['a', 'b', 'c', 'd']),
      'things',
      ['a', 'b', 'c', 'd', 'gone'],
      budget,
    );

    // the whole batch, then its halves (the bad one halved again), then the delete
    expect(waits.map((w) => `${w.kind}:${w.size}`)).toEqual([
      'add:4',
      'add:2',
      'add:1',
      'add:1',
      'add:2',
      'delete:1',
    ]);
    for (const w of waits) expect(w.interval).toBe(25);
    // each later wait gets less: the budget is spent as the engine works, not granted afresh
    for (let i = 1; i < waits.length; i += 1) {
      expect(waits[i].timeout).toBeLessThan(waits[i - 1].timeout);
    }
    // …exactly what is left: the budget less the time since the sync began (however slow the
    // machine, so no fixed allowance)
    for (const w of waits) {
      expect(Math.abs(w.timeout - (budget - (w.at - started)))).toBeLessThan(20);
    }
    expect(outcomes.get('b')).toMatchObject({ ok: false, unavailable: false });
    expect(outcomes.get('a')).toEqual({ ok: true, action: 'upserted' });
    expect(outcomes.get('gone')).toEqual({ ok: true, action: 'deleted' });
  });

  it('waits for bulk work at the bulk pace', async () => {
    const { meili, waits } = engine('none', 1);
    await new SearchDocumentSync(meili, dataSource).sync(
      definition(['a']),
      'things',
      ['a'],
      TASK_TIMEOUT_MS.bulk,
    );
    expect(waits).toEqual([
      expect.objectContaining({ kind: 'add', interval: 100, timeout: expect.any(Number) }),
    ]);
    expect(waits[0].timeout).toBeGreaterThan(TASK_TIMEOUT_MS.bulk - 1_000);
  });
});

describe('remainingWait', () => {
  it('is the time left, and once it is spent still one status request', () => {
    expect(remainingWait(10_000, 4_000)).toBe(6_000);
    expect(remainingWait(10_000, 9_999.6)).toBe(LAST_TASK_WAIT_MS);
    expect(remainingWait(10_000, 60_000)).toBe(LAST_TASK_WAIT_MS);
  });

  it("leaves a relay pass's waits inside its rows' lease, far longer than one task wait", () => {
    expect(PASS_TASK_WAIT_MS).toBeGreaterThan(3 * TASK_TIMEOUT_MS.relay);
    // the pass ends (its rows settled) before another relay may claim them
    expect(PASS_TASK_WAIT_MS + LAST_TASK_WAIT_MS).toBeLessThan(LEASE_MS);
  });
});
