/**
 * `npm run bench:towns`: town autocomplete through the API (`GET /api/geo/cities?country=&q=`)
 * next to a direct Meilisearch query, on embedded services booted like the tests, with the
 * production town set (TOWNS_ABROAD_MIN_POPULATION=50000: the six countries whole, 11,365 towns);
 * one request at a time, keep-alive, after a warm-up, BENCH_SECONDS per side (default 5). Also
 * prints what the town catalogue adds to a fresh process's memory (test/bench/towns-memory.ts:
 * RSS and heap after full collections, before and after loading it), how long a rebuild of the
 * `towns` index takes, and the HTTP stack's own latency (`/health/live`) as a baseline.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { SearchIndexRegistry } from '@app/search';
import { foldQuery } from '@app/text';
import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import {
  LATENCY_HEADER,
  expectOk,
  latencyRow,
  percentile,
  sampleFor,
} from '../../apps/cli/src/bench/latency.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ABROAD_MIN_POPULATION = 50_000;
const QUERIES: [string, string][] = [
  ['XK', 'prisht'],
  ['RS', 'Београд'],
  ['MK', 'shkup'],
  ['BA', 'sara'],
  ['AL', 'tiran'],
  ['ME', 'podg'],
  ['RS', 'novi'],
  ['DE', 'berl'],
  ['RS', 'kragujevc'],
  ['XK', 'prizren'],
];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_REQUESTS = 200;

const measure = (call: (query: [string, string]) => Promise<void>): Promise<number[]> =>
  sampleFor(SECONDS, WARMUP_REQUESTS, (i) => call(QUERIES[i % QUERIES.length]));

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

let t: TestApp;
let bootMs = 0;

beforeAll(async () => {
  const started = Date.now();
  t = await createTestApp({ TOWNS_ABROAD_MIN_POPULATION: String(ABROAD_MIN_POPULATION) });
  bootMs = Date.now() - started;
}, 600_000);

afterAll(async () => {
  await t?.close();
});

it('town catalogue memory, index build, and autocomplete: API vs direct Meilisearch', async () => {
  // Memory, in a fresh process (this one holds the whole test app): the catalogue alone.
  const memory = JSON.parse(
    execFileSync(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        'test/bench/towns-memory.ts',
        String(ABROAD_MIN_POPULATION),
      ],
      { encoding: 'utf8' },
    ),
  ) as {
    towns: number;
    loadMs: number;
    before: NodeJS.MemoryUsage;
    peak: NodeJS.MemoryUsage;
    after: NodeJS.MemoryUsage;
  };
  const { before, peak, after } = memory;
  expect(memory.towns).toBeGreaterThan(10_000);

  const buildStarted = Date.now();
  const built = await t.app.get(SearchIndexRegistry).reindex('towns');
  const buildMs = Date.now() - buildStarted;

  await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
  const port = (t.app.getHttpServer().address() as AddressInfo).port;
  const api = `http://127.0.0.1:${port}/api/geo/cities`;
  const meili = `${process.env.MEILI_HOST}/indexes/${t.indexPrefix}towns/search`;
  const headers = {
    authorization: `Bearer ${process.env.MEILI_MASTER_KEY}`,
    'content-type': 'application/json',
    'accept-encoding': 'identity',
  };
  const viaApi = await measure(async ([country, q]) =>
    expectOk(await fetch(`${api}?country=${country}&q=${encodeURIComponent(q)}&limit=10`)),
  );
  const direct = await measure(async ([country, q]) =>
    expectOk(
      await fetch(meili, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          q: foldQuery(q),
          limit: 10,
          filter: `country = "${country}"`,
          attributesToRetrieve: ['id', 'name', 'country', 'population', 'lat', 'lng', 'localNames'],
        }),
      }),
    ),
  );
  // The HTTP stack alone (no search), to tell framework overhead from search work.
  const baseline = await measure(async () =>
    expectOk(await fetch(`http://127.0.0.1:${port}/health/live`)),
  );
  const ratio = (p: number) => (percentile(viaApi, p) / percentile(direct, p)).toFixed(2);
  process.stdout.write(
    [
      '',
      `towns: ${memory.towns} (abroad from ${ABROAD_MIN_POPULATION} people); app boot ${bootMs} ms`,
      `catalogue in a fresh process: load ${memory.loadMs} ms (rows cached); RSS ${mb(before.rss)} → ${mb(after.rss)} MB (+${mb(after.rss - before.rss)}), heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB (+${mb(after.heapUsed - before.heapUsed)}); right after loading RSS ${mb(peak.rss)} MB`,
      `towns index rebuild: ${built.documents} documents in ${buildMs} ms`,
      LATENCY_HEADER,
      latencyRow('GET /api/geo/cities?country=&q=', viaApi),
      latencyRow('Meilisearch POST /search', direct),
      latencyRow('GET /health/live (baseline)', baseline),
      `ratio API/Meilisearch: p50 ${ratio(50)}x, p99 ${ratio(99)}x`,
      '',
    ].join('\n'),
  );
}, 600_000);
