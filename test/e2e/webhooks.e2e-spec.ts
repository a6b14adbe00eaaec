import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifySignatureHeader, WebhookDispatcher } from '@app/webhooks';
import { DataSource } from 'typeorm';
import {
  createOpenWorkRequest,
  registerWebhook,
  startReceiver,
  WEBHOOK_TEST_ENV,
  type Receiver,
} from '../support/brokering-factories.js';
import {
  createMember,
  makeBroker,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Delivery {
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('webhooks (HTTP)', () => {
  let t: TestApp;
  let company: SignedIn;
  let broker: SignedIn;
  let skill: string;
  const as = (u: SignedIn) => ({ Authorization: `Bearer ${u.accessToken}` });

  const deliveries = async (who: SignedIn, id: string): Promise<Delivery[]> => {
    const res = await t.http.get(`/api/webhooks/${id}/deliveries`).set(as(who)).expect(200);
    return res.body.items as Delivery[];
  };

  /** Drains the dispatcher until `done` holds, waiting out the (short) backoff between passes. */
  async function dispatchUntil(done: () => Promise<boolean>): Promise<void> {
    for (let pass = 0; pass < 100; pass += 1) {
      await t.app.get(WebhookDispatcher).drain();
      if (await done()) return;
      await sleep(25);
    }
    throw new Error('deliveries did not settle');
  }

  beforeAll(async () => {
    t = await createTestApp(WEBHOOK_TEST_ENV);
    company = await registerCompany(t);
    broker = await makeBroker(t);
    skill = (await skillIds(t, ['JavaScript'])).JavaScript;
  });

  afterAll(async () => {
    await t.close();
  });

  describe('registrations', () => {
    it('shows the secret once and never again', async () => {
      const receiver = await startReceiver();
      try {
        const created = await t.http
          .post('/api/webhooks')
          .set(as(broker))
          .send({ url: receiver.url, events: ['match.invited', 'match.hired'] })
          .expect(201);
        expect(created.body).toMatchObject({
          url: receiver.url,
          events: ['match.invited', 'match.hired'],
          organisationId: broker.organisationId,
          secret: expect.stringMatching(/^whsec_[0-9a-f]{64}$/),
        });
        const one = await t.http.get(`/api/webhooks/${created.body.id}`).set(as(broker));
        expect(one.body.secret).toBeUndefined();
        const list = await t.http.get('/api/webhooks').set(as(broker)).expect(200);
        expect(list.body.items.map((w: { id: string }) => w.id)).toContain(created.body.id);
        expect(JSON.stringify(list.body)).not.toContain(created.body.secret);

        // another organisation neither sees nor deletes it
        const other = await makeBroker(t);
        await t.http.get(`/api/webhooks/${created.body.id}`).set(as(other)).expect(404);
        await t.http.delete(`/api/webhooks/${created.body.id}`).set(as(other)).expect(404);
        await t.http.get(`/api/webhooks/${created.body.id}/deliveries`).set(as(other)).expect(404);
        await t.http.delete(`/api/webhooks/${created.body.id}`).set(as(broker)).expect(204);
        await t.http.get(`/api/webhooks/${created.body.id}`).set(as(broker)).expect(404);
      } finally {
        await receiver.close();
      }
    });

    it('validates the body, naming each field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ events: ['match.hired'] }, 'url'],
        [{ url: 'ftp://example.org/hook', events: ['match.hired'] }, 'url'],
        [{ url: 'not a url', events: ['match.hired'] }, 'url'],
        [{ url: 'https://user:pw@example.org/hook', events: ['match.hired'] }, 'url'],
        [{ url: 'https://example.org/hook', events: [] }, 'events'],
        [{ url: 'https://example.org/hook', events: ['match.exploded'] }, 'events'],
        [{ url: 'https://example.org/hook' }, 'events'],
        [{ url: 'https://example.org/hook', events: ['match.hired'], secret: 'mine' }, 'secret'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http.post('/api/webhooks').set(as(broker)).send(body).expect(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.errors.map((e: { field: string }) => e.field.split('[')[0])).toContain(
          field,
        );
      }
      const [{ n }] = (await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM webhooks WHERE organisation_id = $1`, [
          broker.organisationId,
        ])) as { n: number }[];
      expect(n).toBe(0);
    });

    it('refuses a malformed webhook id with a 400 naming it', async () => {
      for (const call of [
        t.http.get('/api/webhooks/not-an-id'),
        t.http.delete('/api/webhooks/not-an-id'),
        t.http.get('/api/webhooks/not-an-id/deliveries'),
      ]) {
        const res = await call.set(as(broker)).expect(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['id']);
      }
    });

    it('is for brokers and company owners only', async () => {
      const body = { url: 'https://example.org/hook', events: ['match.hired'] };
      const trainee = await registerTrainee(t);
      await t.http.post('/api/webhooks').set(as(trainee)).send(body).expect(403);
      await t.http.get('/api/webhooks').set(as(trainee)).expect(403);
      const member = await createMember(t, company, company.organisationId as string, 'company');
      await t.http.post('/api/webhooks').set(as(member)).send(body).expect(403);
      await t.http.post('/api/webhooks').send(body).expect(401);
    });
  });

  describe('deliveries', () => {
    let good: Receiver;
    let failing: Receiver;

    beforeAll(async () => {
      [good, failing] = await Promise.all([startReceiver(204), startReceiver(500)]);
    });

    afterAll(async () => {
      await Promise.all([good.close(), failing.close()]);
    });

    it('retries a failing endpoint with backoff, then marks it failed; the other is delivered', async () => {
      const ok = await registerWebhook(t, company, good.url, ['work_request.published']);
      const bad = await registerWebhook(t, company, failing.url, ['work_request.published']);
      const requestId = await createOpenWorkRequest(t, company, skill, 1);

      await dispatchUntil(async () => (await deliveries(company, bad.id))[0]?.status === 'failed');

      expect(good.received).toHaveLength(1);
      expect(good.received[0].json).toMatchObject({
        event: 'work_request.published',
        data: { workRequestId: requestId },
      });
      expect(
        verifySignatureHeader(
          ok.secret,
          good.received[0].headers['x-talentbridge-signature'] as string,
          good.received[0].body,
        ),
      ).toBe(true);
      const [delivered] = await deliveries(company, ok.id);
      expect(delivered).toMatchObject({
        event: 'work_request.published',
        status: 'delivered',
        attempts: 1,
        lastStatusCode: 204,
        lastError: null,
        deliveredAt: expect.any(String),
      });

      // WEBHOOK_MAX_ATTEMPTS=3: three POSTs, each signed with the same secret and delivery id
      expect(failing.received).toHaveLength(3);
      const ids = new Set(failing.received.map((h) => h.headers['x-talentbridge-delivery']));
      expect(ids.size).toBe(1);
      for (const hook of failing.received) {
        const header = hook.headers['x-talentbridge-signature'] as string;
        expect(verifySignatureHeader(bad.secret, header, hook.body)).toBe(true);
      }
      const [failed] = await deliveries(company, bad.id);
      expect(failed).toMatchObject({
        status: 'failed',
        attempts: 3,
        lastStatusCode: 500,
        lastError: 'HTTP 500',
        failedAt: expect.any(String),
        deliveredAt: null,
      });

      // nothing is left for the dispatcher, and later events still flow to the good endpoint
      expect(await t.app.get(WebhookDispatcher).drain()).toEqual({
        delivered: 0,
        retried: 0,
        failed: 0,
      });
      await createOpenWorkRequest(t, company, skill, 1);
      await t.app.get(WebhookDispatcher).drain();
      expect(good.received).toHaveLength(2);
    });

    it('sends nothing for events an organisation did not subscribe to, or to others', async () => {
      const receiver = await startReceiver();
      try {
        const other = await registerCompany(t, { organisationName: 'Other Co' });
        await registerWebhook(t, other, receiver.url, ['match.hired']);
        await registerWebhook(t, company, receiver.url, ['match.completed']);
        await createOpenWorkRequest(t, company, skill, 1);
        await t.app.get(WebhookDispatcher).drain();
        expect(receiver.received).toHaveLength(0);
      } finally {
        await receiver.close();
      }
    });
  });
});

describe('webhooks: SSRF guard (private targets not allowed)', () => {
  let t: TestApp;
  let broker: SignedIn;

  beforeAll(async () => {
    t = await createTestApp({ ...WEBHOOK_TEST_ENV, WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'false' });
    broker = await makeBroker(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://localhost/hook',
    'http://10.1.2.3/hook',
    'http://192.168.1.10/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.0.1/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[fd00::1]/hook',
    'http://0.0.0.0/hook',
  ])('refuses %s with 400 naming url', async (url) => {
    const res = await t.http
      .post('/api/webhooks')
      .set({ Authorization: `Bearer ${broker.accessToken}` })
      .send({ url, events: ['match.hired'] })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'url', message: expect.any(String) }]);
  });

  it('re-checks at delivery: a target that became private is never called', async () => {
    const receiver = await startReceiver();
    try {
      const company = await registerCompany(t);
      const skill = (await skillIds(t, ['JavaScript'])).JavaScript;
      // as if DNS had changed since registration: the stored URL now leads to loopback
      const [hook] = (await t.app.get(DataSource).query(
        `INSERT INTO webhooks (organisation_id, url, events, secret)
         VALUES ($1, $2, '{work_request.published}', 'whsec_test') RETURNING id`,
        [company.organisationId, receiver.url],
      )) as { id: string }[];
      await createOpenWorkRequest(t, company, skill, 1);
      for (let i = 0; i < 100; i += 1) {
        await t.app.get(WebhookDispatcher).drain();
        const [row] = (await t.app
          .get(DataSource)
          .query(`SELECT status, last_error FROM webhook_deliveries WHERE webhook_id = $1`, [
            hook.id,
          ])) as { status: string; last_error: string }[];
        if (row?.status === 'failed') {
          expect(row.last_error).toMatch(/private, loopback or reserved/);
          expect(receiver.received).toHaveLength(0);
          return;
        }
        await sleep(25);
      }
      throw new Error('delivery did not fail');
    } finally {
      await receiver.close();
    }
  });
});
