/**
 * `npm run bench:import`: imports 5,000 listings built from the vendored real postings (full
 * descriptions, real skill labels) as one CSV, then the same file again (all updates), and
 * prints the time and rows per second of each run. Figures are recorded in docs/opportunities.md.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboxRelay } from '@app/search';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { loginAdmin, makeBroker, type SignedIn } from '../support/factories.js';
import { bearer, loadPostings, makeImportRow, toCsv } from '../support/opportunity-factories.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 5_000);

describe('listing import benchmark', () => {
  let t: TestApp;
  let broker: SignedIn;

  beforeAll(async () => {
    t = await createTestApp();
    broker = await makeBroker(t, await loginAdmin(t));
  });

  afterAll(async () => {
    await t.close();
  });

  it(`imports ${ROWS} rows`, async () => {
    const postings = loadPostings();
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const p = postings[i % postings.length];
      return makeImportRow(p, p.skillLabels, {
        title: `${p.title} #${i + 1}`.slice(0, 200),
        sourceUrl: `https://www.upwork.com/jobs/~bench${i + 1}`,
      });
    });
    const csv = toCsv(rows);
    const mb = (Buffer.byteLength(csv) / 1024 / 1024).toFixed(1);

    const say = (line: string) => process.stdout.write(`${line}\n`);
    for (const run of ['first (creates)', 'second (updates)']) {
      const started = performance.now();
      const res = await t.http
        .post('/api/listings/import')
        .auth(...bearer(broker))
        .set('Content-Type', 'text/csv')
        .send(csv);
      const seconds = (performance.now() - started) / 1000;
      expect(res.status).toBe(200);
      expect(
        res.body.created +
          res.body.updated +
          new Set(res.body.errors.map((e: { row: number }) => e.row)).size,
      ).toBe(ROWS);
      say(
        `${run}: ${ROWS} rows (${mb} MB CSV) in ${seconds.toFixed(2)} s = ${Math.round(ROWS / seconds)} rows/s ` +
          `(created ${res.body.created}, updated ${res.body.updated}, errors ${res.body.errors.length}, warnings ${res.body.warnings.length})`,
      );
    }
    const relayStarted = performance.now();
    const relayed = await t.app.get(OutboxRelay).drain();
    const relaySeconds = (performance.now() - relayStarted) / 1000;
    say(`outbox relay to Meilisearch: ${relayed.processed} rows in ${relaySeconds.toFixed(2)} s`);
  }, 1_800_000);
});
