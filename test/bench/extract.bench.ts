/**
 * `npm run bench:extract`: latency of POST /api/skills/extract on loopback (one request at a
 * time, keep-alive, after a warm-up) for benchmark sentences and for 2,000-character windows of
 * real postings, and the memory the extractor adds to the API process (RSS and heap, after a
 * full GC, before and after it is built over the whole taxonomy). Runs under jest in band with
 * --expose-gc (see package.json), on embedded PostgreSQL and Meilisearch booted like the tests.
 */
import { afterAll, beforeAll, it } from '@jest/globals';
import { SkillExtractionService } from '@app/taxonomy';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import {
  LATENCY_HEADER,
  expectOk,
  latencyRow,
  sampleFor,
} from '../../apps/cli/src/bench/latency.js';
import { loadSplit, SPLITS } from '../../apps/cli/src/bench/skill-extraction-benchmark.js';
import { registerTrainee, type SignedIn } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const POSTINGS =
  process.env.SKILLSPAN_POSTINGS ?? '/work/shared/data/postings/skillspan_train_dev.jsonl';
const WINDOW = 2_000;

let t: TestApp;
let caller: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  caller = await registerTrainee(t);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function settledMemory(): NodeJS.MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with --expose-gc (npm run bench:extract)');
  gc();
  gc();
  return process.memoryUsage();
}

/** 2,000-character windows of the postings, one per posting. */
function postingWindows(): string[] {
  return readFileSync(POSTINGS, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { text: string }).text)
    .filter((text) => text.length >= WINDOW)
    .map((text) => text.slice(0, WINDOW));
}

it('extraction latency and memory', async () => {
  const before = settledMemory();
  const started = Date.now();
  await t.app.get(SkillExtractionService).warmUp();
  const buildMs = Date.now() - started;
  const after = settledMemory();

  await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
  const port = (t.app.getHttpServer().address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/api/skills/extract`;
  const headers = {
    authorization: `Bearer ${caller.accessToken}`,
    'content-type': 'application/json',
  };
  const post = async (text: string) =>
    expectOk(
      await fetch(url, { method: 'POST', headers, body: JSON.stringify({ text, limit: 20 }) }),
    );

  const sentences = SPLITS.flatMap((s) => loadSplit(s).map((c) => c.sentence));
  const windows = postingWindows();
  const perSentence = await sampleFor(SECONDS, 200, (i) => post(sentences[i % sentences.length]));
  const perPosting = await sampleFor(SECONDS, 50, (i) => post(windows[i % windows.length]));
  const baseline = await sampleFor(SECONDS, 200, async () =>
    expectOk(await fetch(`http://127.0.0.1:${port}/health/live`)),
  );
  const end = settledMemory();

  process.stdout.write(
    [
      '',
      LATENCY_HEADER,
      latencyRow('extract: one sentence', perSentence),
      latencyRow(`extract: ${WINDOW}-char posting`, perPosting),
      latencyRow('GET /health/live (baseline)', baseline),
      '',
      `extractor built in ${buildMs} ms`,
      `RSS  before ${mb(before.rss)} MB, after build ${mb(after.rss)} MB (+${mb(after.rss - before.rss)}), after the runs ${mb(end.rss)} MB (+${mb(end.rss - before.rss)})`,
      `heap before ${mb(before.heapUsed)} MB, after build ${mb(after.heapUsed)} MB (+${mb(after.heapUsed - before.heapUsed)}); array buffers +${mb(after.arrayBuffers - before.arrayBuffers)} MB`,
      '',
    ].join('\n'),
  );
}, 600_000);
