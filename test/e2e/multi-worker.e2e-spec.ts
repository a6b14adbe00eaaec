import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OPPORTUNITIES_INDEX } from '@app/opportunities';
import { PROFILES_INDEX } from '@app/profiles';
import { OutboxRelay } from '@app/search';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import {
  createOpenWorkRequest,
  registerWebhook,
  startReceiver,
  WEBHOOK_TEST_ENV,
  type Receiver,
} from '../support/brokering-factories.js';
import { registerCompany, registerTrainee, type SignedIn } from '../support/factories.js';
import { startTestMailSink, type TestMailSink } from '../support/mail-sink.js';
import { makeProfileBody, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createTestContext, testMeili, type TestContext } from '../support/test-context.js';

const COMPANIES = 4;
const REQUESTS_PER_COMPANY = 3;
const TRAINEES = 12;
const UPDATES_PER_TRAINEE = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How often each value occurs. */
function tally(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/**
 * Scale-out: two API instances and two workers (their real relay, dispatcher and mail loops,
 * woken by LISTEN/NOTIFY) on one database and one Meilisearch. Everything the APIs queue is
 * handled exactly once: each search-outbox row by one relay, each webhook delivery received
 * once, each e-mail received once.
 */
describe('two APIs and two workers on one database', () => {
  let receiver: Receiver;
  let sink: TestMailSink;
  let a: TestApp;
  let b: TestApp;
  const workers: TestContext[] = [];

  beforeAll(async () => {
    receiver = await startReceiver();
    sink = await startTestMailSink();
    const env = {
      ...WEBHOOK_TEST_ENV,
      // a retry after a timed-out POST is a second attempt by design (receivers de-duplicate on
      // the delivery id); on a busy test machine 2 s is not enough to rule that out, and this test
      // is about two workers never sending one attempt twice
      WEBHOOK_TIMEOUT_MS: '30000',
      SMTP_URL: sink.url,
      MAIL_FROM: 'Talentbridge <no-reply@talentbridge.test>',
      PUBLIC_URL: 'https://talentbridge.test',
    };
    a = await createTestApp(env);
    b = await createTestApp(env, a);
    for (let i = 0; i < 2; i += 1) {
      workers.push(
        await createTestContext(WorkerModule, {
          db: a.db,
          indexPrefix: a.indexPrefix,
          env: { ...env, WORKER_RELAY_ENABLED: 'true' },
        }),
      );
    }
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) await w.close();
    await b?.close();
    await a?.close();
    await receiver?.close();
    await sink?.stop();
  });

  it('processes every outbox row, webhook delivery and e-mail exactly once', async () => {
    const apis = [a, b];
    const skill = (await skillIds(a, ['JavaScript'])).JavaScript;

    // Companies (each a verification e-mail) register webhooks and publish requests, through
    // both APIs at once; trainees (each an e-mail too) save their profiles several times.
    const companies = await Promise.all(
      Array.from({ length: COMPANIES }, (_, i) => registerCompany(apis[i % 2])),
    );
    await Promise.all(
      companies.map((c, i) =>
        registerWebhook(apis[i % 2], c, receiver.url, ['work_request.published']),
      ),
    );
    const trainees = await Promise.all(
      Array.from({ length: TRAINEES }, (_, i) => registerTrainee(apis[i % 2])),
    );
    const lastHeadline = new Map<string, string>();
    const saveProfiles = async (trainee: SignedIn, i: number): Promise<void> => {
      let etag: string | undefined;
      for (let n = 0; n < UPDATES_PER_TRAINEE; n += 1) {
        const api = apis[(i + n) % 2];
        if (etag === undefined) {
          const current = await api.http
            .get('/api/profiles/me')
            .auth(trainee.accessToken, { type: 'bearer' })
            .expect(200);
          etag = current.headers.etag as string;
        }
        const headline = `Support agent ${i} revision ${n}`;
        const saved = await api.http
          .put('/api/profiles/me')
          .auth(trainee.accessToken, { type: 'bearer' })
          .set('If-Match', etag)
          .send(makeProfileBody({ headline }))
          .expect(200);
        etag = saved.headers.etag as string;
        lastHeadline.set(saved.body.id as string, headline);
      }
    };
    const requestIds = (
      await Promise.all([
        ...trainees.map(async (trainee, i) => {
          await saveProfiles(trainee, i);
          return [];
        }),
        ...companies.map((c, i) =>
          Promise.all(
            Array.from({ length: REQUESTS_PER_COMPANY }, (_, n) =>
              createOpenWorkRequest(apis[(i + n) % 2], c, skill),
            ),
          ),
        ),
      ])
    ).flat();
    expect(requestIds).toHaveLength(COMPANIES * REQUESTS_PER_COMPANY);

    // The workers run on their own; wait until the outbox is drained.
    const pending = async () =>
      (
        await workers[0].sql<{ n: number }>(
          `SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL AND failed_at IS NULL`,
        )
      )[0].n;
    const deadline = Date.now() + 60_000;
    while ((await pending()) > 0 && Date.now() < deadline) await sleep(100);
    expect(await pending()).toBe(0);
    const rows = await workers[0].sql<{ kind: string; n: number; failed: number }>(
      `SELECT kind, count(*)::int AS n, count(failed_at)::int AS failed
         FROM outbox GROUP BY kind ORDER BY kind`,
    );
    const byKind = new Map(rows.map((r) => [r.kind, r]));
    for (const r of rows) expect(r.failed).toBe(0);

    // Search: the two relays together claimed every search row once (none twice), and the
    // index holds the last write of every profile and every published request.
    const relayStats = workers.map((w) => w.app.get(OutboxRelay).statsSummary());
    const searchRows = byKind.get('search.sync')?.n ?? 0;
    expect(searchRows).toBeGreaterThanOrEqual(TRAINEES * UPDATES_PER_TRAINEE);
    expect(relayStats.reduce((n, s) => n + s.rows, 0)).toBe(searchRows);
    expect(relayStats.reduce((n, s) => n + s.processed, 0)).toBe(searchRows);
    const meili = testMeili();
    const versions = new Map(
      (
        await workers[0].sql<{ id: string; version: number }>(
          `SELECT id, version FROM profiles WHERE id = ANY($1::uuid[])`,
          [[...lastHeadline.keys()]],
        )
      ).map((r) => [r.id, r.version]),
    );
    const profiles = await meili
      .index(`${a.indexPrefix}${PROFILES_INDEX}`)
      .getDocuments<{ id: string; _version: number; headline: string }>({
        ids: [...lastHeadline.keys()],
        fields: ['id', '_version', 'headline'],
        limit: 1000,
      });
    expect(
      Object.fromEntries(profiles.results.map((d) => [d.id, [d._version, d.headline]])),
    ).toEqual(
      Object.fromEntries(
        [...lastHeadline].map(([id, headline]) => [id, [versions.get(id), headline]]),
      ),
    );
    const requests = await meili
      .index(`${a.indexPrefix}${OPPORTUNITIES_INDEX}`)
      .getDocuments({ fields: ['id'], limit: 1000 });
    expect(requests.results.map((d) => d.id).sort()).toEqual([...requestIds].sort());

    // Webhooks: one delivery per published request, each received once, in one attempt.
    const deliveries = await workers[0].sql<{
      id: string;
      status: string;
      attempts: number;
      last_error: string | null;
    }>(`SELECT id, status, attempts, last_error FROM webhook_deliveries`);
    expect(deliveries).toHaveLength(COMPANIES * REQUESTS_PER_COMPANY);
    expect(byKind.get('webhook.delivery')?.n).toBe(deliveries.length);
    for (const d of deliveries) {
      expect(d).toMatchObject({ status: 'delivered', attempts: 1, last_error: null });
    }
    const received = tally(receiver.received.map((r) => r.json.id));
    expect([...received.keys()].sort()).toEqual(deliveries.map((d) => d.id).sort());
    expect([...received.values()].every((n) => n === 1)).toBe(true);

    // E-mail: every queued message was received once (by Message-ID), sent in one attempt.
    const mails = await workers[0].sql<{ message_id: string; status: string; attempts: number }>(
      `SELECT message_id, status, attempts FROM mail_outbox`,
    );
    expect(mails.length).toBeGreaterThanOrEqual(COMPANIES + TRAINEES);
    expect(byKind.get('mail.send')?.n).toBe(mails.length);
    for (const m of mails) expect(m).toMatchObject({ status: 'sent', attempts: 1 });
    const messages = tally(sink.messages.map((m) => (m.messageId ?? '').replace(/^<|>$/g, '')));
    expect([...messages.keys()].sort()).toEqual(
      mails.map((m) => m.message_id.replace(/^<|>$/g, '')).sort(),
    );
    expect([...messages.values()].every((n) => n === 1)).toBe(true);
  }, 180_000);
});
