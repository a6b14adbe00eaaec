import { startEmbeddedMeilisearch, type EmbeddedMeilisearchHandle } from '@app/embedded';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Response } from 'supertest';
import { createListing, createOpenWorkRequest } from '../support/brokering-factories.js';
import {
  makeBroker,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { bearer } from '../support/opportunity-factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every route that asks the engine answers 503 problem+json with Retry-After while Meilisearch
 * is down, and no answer names the engine's address.
 */
describe('search engine down', () => {
  const dir = mkdtempSync(join(tmpdir(), 'talentbridge-search-down-'));
  let meili: EmbeddedMeilisearchHandle;
  let t: TestApp;
  let trainee: SignedIn;
  let company: SignedIn;
  let broker: SignedIn;
  let requestId: string;
  let listingId: string;

  beforeAll(async () => {
    meili = await startEmbeddedMeilisearch({ dir });
    t = await createTestApp({ MEILI_HOST: meili.host, MEILI_MASTER_KEY: meili.masterKey });
    const skills = await skillIds(t, ['JavaScript']);
    [trainee, company, broker] = await Promise.all([
      registerTrainee(t, { displayName: 'Ana Down' }),
      registerCompany(t),
      makeBroker(t),
    ]);
    await putProfile(t, trainee, { skills: [{ skillId: skills.JavaScript, level: 3 }] });
    requestId = await createOpenWorkRequest(t, company, skills.JavaScript);
    listingId = await createListing(t, broker, skills.JavaScript);
    await meili.stop();
  });

  const restart = async () => {
    meili = await startEmbeddedMeilisearch({ dir, port: meili.port, masterKey: meili.masterKey });
  };

  afterAll(async () => {
    // up again, so the test app can remove its indexes
    if (meili.process.exitCode !== null || meili.process.signalCode !== null) await restart();
    await t.close();
    await meili.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const expectUnavailable = (res: Response, code: string) => {
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 503, body: { code } });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    const { type, ...rest } = res.body as { type: string };
    expect(type).toMatch(/^https:\/\/talentbridge\.dev\/problems\//);
    const text = JSON.stringify(rest);
    for (const internal of [meili.host, `:${meili.port}`, '127.0.0.1', 'localhost', '://']) {
      expect(text).not.toContain(internal);
    }
  };

  it('talent search: 503 SEARCH_UNAVAILABLE', async () => {
    const res = await t.http.get('/api/talent?q=ana').auth(...bearer(company));
    expectUnavailable(res, 'SEARCH_UNAVAILABLE');
  });

  it('skills autocomplete: 503 SEARCH_UNAVAILABLE', async () => {
    expectUnavailable(await t.http.get('/api/skills?q=java'), 'SEARCH_UNAVAILABLE');
  });

  it('candidates of a work request and of a listing: 503 SEARCH_UNAVAILABLE', async () => {
    expectUnavailable(
      await t.http.get(`/api/work-requests/${requestId}/candidates`).auth(...bearer(company)),
      'SEARCH_UNAVAILABLE',
    );
    expectUnavailable(
      await t.http.get(`/api/listings/${listingId}/candidates`).auth(...bearer(broker)),
      'SEARCH_UNAVAILABLE',
    );
  });

  it('recommendations: 503 SEARCH_UNAVAILABLE', async () => {
    const res = await t.http.get('/api/profiles/me/recommendations').auth(...bearer(trainee));
    expectUnavailable(res, 'SEARCH_UNAVAILABLE');
  });

  it('readiness: 503 naming meilisearch, without its address', async () => {
    const res = await t.http.get('/health/ready');
    expectUnavailable(res, 'DEPENDENCY_UNAVAILABLE');
    expect(res.body.unavailable).toEqual(['meilisearch']);
  });

  it('erasure: the database part stands, 503 without the address, and the person is gone', async () => {
    const res = await t.http.delete('/api/profiles/me').auth(...bearer(trainee));
    expectUnavailable(res, 'SEARCH_ERASURE_FAILED');
    const after = await t.http.get('/api/profiles/me').auth(...bearer(trainee));
    expect(after.status).not.toBe(200);
  });

  it('answers again once the engine is back, with nothing to restart in the API', async () => {
    await restart();
    await t.http.get('/api/skills?q=java').expect(200);
    await t.http
      .get('/api/talent?q=ana')
      .auth(...bearer(company))
      .expect(200);
    await t.http.get('/health/ready').expect(200);
  });
});
