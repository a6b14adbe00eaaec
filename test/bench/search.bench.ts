/**
 * `npm run bench:search`: latency of skill autocomplete through the API (`GET /api/skills?q=`)
 * next to a direct Meilisearch query for the same folded terms, in the same run, on embedded
 * PostgreSQL and Meilisearch booted like the tests do. A measured loop (one request at a time,
 * keep-alive), after a warm-up, bounded by BENCH_SECONDS per side (default 5). Runs under jest
 * (its global setup boots the services; ts-jest keeps the decorator metadata Nest needs).
 */
import { afterAll, beforeAll, it } from '@jest/globals';
import { foldQuery } from '@app/text';
import type { AddressInfo } from 'node:net';
import {
  LATENCY_HEADER,
  expectOk,
  latencyRow,
  percentile,
  sampleFor,
} from '../../apps/cli/src/bench/latency.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TERMS = [
  'javscript',
  'js',
  'excel',
  'python',
  'docker',
  'customer serv',
  'јаваскрипт',
  'sql',
  'react',
  'comm',
];
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_REQUESTS = 200;

/** Latencies of `call` over the terms in turn, BENCH_SECONDS after the warm-up. */
const measure = (call: (term: string) => Promise<void>): Promise<number[]> =>
  sampleFor(SECONDS, WARMUP_REQUESTS, (i) => call(TERMS[i % TERMS.length]));

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});

afterAll(async () => {
  await t?.close();
});

it('skill autocomplete: API vs direct Meilisearch', async () => {
  await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
  const port = (t.app.getHttpServer().address() as AddressInfo).port;
  const api = `http://127.0.0.1:${port}/api/skills`;
  const meili = `${process.env.MEILI_HOST}/indexes/${t.indexPrefix}skills/search`;
  const headers = {
    authorization: `Bearer ${process.env.MEILI_MASTER_KEY}`,
    'content-type': 'application/json',
    'accept-encoding': 'identity',
  };

  const viaApi = await measure(async (term) =>
    expectOk(await fetch(`${api}?q=${encodeURIComponent(term)}&limit=10`)),
  );
  const direct = await measure(async (term) =>
    expectOk(
      await fetch(meili, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          q: foldQuery(term),
          limit: 10,
          attributesToRetrieve: ['id', 'name', 'category', 'escoUri', 'aliases'],
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
      LATENCY_HEADER,
      latencyRow('GET /api/skills?q=', viaApi),
      latencyRow('Meilisearch POST /search', direct),
      latencyRow('GET /health/live (baseline)', baseline),
      `ratio API/Meilisearch: p50 ${ratio(50)}x, p99 ${ratio(99)}x`,
      '',
    ].join('\n'),
  );
}, 120_000);
