import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerWebhook, WEBHOOK_TEST_ENV } from '../support/brokering-factories.js';
import { makeBroker, registerCompany, type SignedIn } from '../support/factories.js';
import { bearer } from '../support/opportunity-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** An organisation holds at most WEBHOOKS_PER_ORGANISATION registrations. */
describe('webhooks per organisation', () => {
  let t: TestApp;
  const url = (n: number) => `http://127.0.0.1:9/hooks/${n}`;
  const register = (as: SignedIn, n: number) =>
    t.http
      .post('/api/webhooks')
      .auth(...bearer(as))
      .send({ url: url(n), events: ['match.hired'] });
  const countOf = async (as: SignedIn) =>
    (await t.http.get('/api/webhooks?limit=100').auth(...bearer(as))).body.items.length as number;

  beforeAll(async () => {
    t = await createTestApp({ ...WEBHOOK_TEST_ENV, WEBHOOKS_PER_ORGANISATION: '2' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('refuses one more with 409 WEBHOOK_LIMIT_REACHED, until one is deleted', async () => {
    const company = await registerCompany(t);
    const first = await registerWebhook(t, company, url(1), ['match.hired']);
    await registerWebhook(t, company, url(2), ['match.hired']);

    const refused = await register(company, 3);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'WEBHOOK_LIMIT_REACHED', limit: 2 });
    expect(refused.body.secret).toBeUndefined();
    expect(await countOf(company)).toBe(2);

    // another organisation has its own allowance
    const other = await registerCompany(t, { organisationName: 'Other Org' });
    expect((await register(other, 1)).status).toBe(201);

    await t.http
      .delete(`/api/webhooks/${first.id}`)
      .auth(...bearer(company))
      .expect(204);
    expect((await register(company, 4)).status).toBe(201);
    expect((await register(company, 5)).status).toBe(409);
  });

  it('holds under concurrent registrations: never more than the limit', async () => {
    const broker = await makeBroker(t);
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => register(broker, n)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 201, 409, 409, 409, 409]);
    expect(await countOf(broker)).toBe(2);
  });
});
