/**
 * `npm run eval:skills`: the skill-extraction benchmark (TECH and HOUSE validation splits of
 * Decorte et al., see apps/cli/src/bench/skill-extraction-benchmark.ts) through the HTTP API,
 * exactly as a client calls it: each sentence is POSTed to /api/skills/extract (limit 10) on
 * embedded PostgreSQL and Meilisearch booted like the tests, and the answer's names are ranked
 * against the gold ESCO labels. Prints RP@5, RP@10 and MRR per split.
 */
import { afterAll, beforeAll, it } from '@jest/globals';
import {
  loadSplit,
  scoreRankings,
  SPLITS,
  type RankingScores,
} from '../../apps/cli/src/bench/skill-extraction-benchmark.js';
import { registerTrainee, type SignedIn } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let caller: SignedIn;

beforeAll(async () => {
  t = await createTestApp();
  caller = await registerTrainee(t);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

it('ranks the gold ESCO skills of the benchmark sentences', async () => {
  const rows: [string, RankingScores][] = [];
  for (const split of SPLITS) {
    const cases: { gold: string[]; ranked: string[] }[] = [];
    for (const { sentence, gold } of loadSplit(split)) {
      const res = await t.http
        .post('/api/skills/extract')
        .auth(caller.accessToken, { type: 'bearer' })
        .send({ text: sentence, limit: 10 });
      if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
      cases.push({ gold, ranked: (res.body.items as { name: string }[]).map((i) => i.name) });
    }
    rows.push([split.toUpperCase(), scoreRankings(cases)]);
  }
  process.stdout.write(
    [
      '',
      `${'split'.padEnd(6)} ${'sentences'.padStart(9)} ${'RP@5'.padStart(6)} ${'RP@10'.padStart(6)} ${'MRR'.padStart(6)}`,
      ...rows.map(
        ([name, s]) =>
          `${name.padEnd(6)} ${String(s.sentences).padStart(9)} ${s.rp5.toFixed(1).padStart(6)} ${s.rp10.toFixed(1).padStart(6)} ${s.mrr.toFixed(1).padStart(6)}`,
      ),
      '',
    ].join('\n'),
  );
}, 600_000);
