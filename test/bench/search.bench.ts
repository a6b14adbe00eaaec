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
import { performance } from 'node:perf_hooks';
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(call: (term: string) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < WARMUP_REQUESTS; i++) await call(TERMS[i % TERMS.length]);
  const samples: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  for (let i = 0; performance.now() < end; i++) {
    const start = performance.now();
    await call(TERMS[i % TERMS.length]);
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

async function expectOk(res: Response): Promise<void> {
  if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

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

  const row = (name: string, s: number[]) =>
    `${name.padEnd(28)} ${String(s.length).padStart(7)} ${percentile(s, 50).toFixed(2).padStart(8)} ${percentile(s, 99).toFixed(2).padStart(8)}`;
  const ratio = (p: number) => (percentile(viaApi, p) / percentile(direct, p)).toFixed(2);
  process.stdout.write(
    [
      '',
      `${'path'.padEnd(28)} ${'requests'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`,
      row('GET /api/skills?q=', viaApi),
      row('Meilisearch POST /search', direct),
      row('GET /health/live (baseline)', baseline),
      `ratio API/Meilisearch: p50 ${ratio(50)}x, p99 ${ratio(99)}x`,
      '',
    ].join('\n'),
  );
}, 120_000);
