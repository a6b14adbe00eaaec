import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { registerCompany, registerTrainee } from '../support/factories.js';
import { bearer, makeWorkRequestBody, resolvedPostings } from '../support/opportunity-factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The hot reads are prepared statements hydrated by hand (libs/database/src/prepared-statements.ts);
 * every other read of the same rows goes through TypeORM's query builder. Both must give the
 * same answer, field for field.
 */
describe('prepared reads answer exactly as the query-builder reads of the same rows', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('a profile by id (prepared) equals the owner’s own view (query builder), public fields', async () => {
    const trainee = await registerTrainee(t, { displayName: 'Đorđe Petrović' });
    const skills = await skillIds(t, ['JavaScript', 'SQL']);
    const own = await putProfile(t, trainee, {
      skills: [
        { skillId: skills.JavaScript, level: 4, years: 3 },
        { skillId: skills.SQL, level: 2, years: null },
      ],
      languages: [
        { code: 'en', level: 'C1' },
        { code: 'de', level: 'A2' },
      ],
      hourlyRateEur: 17.25,
      availableFrom: '2027-02-28',
      visibility: 'companies',
    });
    const company = await registerCompany(t);
    const seen = await t.http
      .get(`/api/profiles/${own.id}`)
      .auth(...bearer(company))
      .expect(200);
    const {
      visibility: _v,
      location: _l,
      version: _ve,
      createdAt: _c,
      updatedAt: _u,
      ...ownPublic
    } = own as Record<string, unknown>;
    expect(seen.body).toEqual(ownPublic);
    expect(seen.body).toMatchObject({
      displayName: 'Đorđe Petrović',
      hourlyRateEur: 17.25,
      availableFrom: '2027-02-28',
    });
  });

  it('a work request by id (prepared, per scope) equals the same request in the list (not prepared)', async () => {
    const company = await registerCompany(t);
    const [posting] = await resolvedPostings(t, company, 1);
    const created = await t.http
      .post('/api/work-requests')
      .auth(...bearer(company))
      .send(
        makeWorkRequestBody(posting, { budget: { type: 'hourly', minEur: 9.5, maxEur: 20.75 } }),
      )
      .expect(201);
    const id = created.body.id as string;

    // the owner's scope sees its draft, and it reads the same both ways
    const one = await t.http
      .get(`/api/work-requests/${id}`)
      .auth(...bearer(company))
      .expect(200);
    const list = await t.http
      .get('/api/work-requests')
      .auth(...bearer(company))
      .expect(200);
    const listed = (list.body.items as { id: string }[]).find((i) => i.id === id);
    expect(one.body).toEqual(listed);
    expect(one.body).toMatchObject({ budget: { minEur: 9.5, maxEur: 20.75 } });
    expect(one.body.skills.length).toBeGreaterThan(0);

    // another company's scope does not see it
    const other = await registerCompany(t);
    await t.http
      .get(`/api/work-requests/${id}`)
      .auth(...bearer(other))
      .expect(404);

    // a write that locks the row and reads it back in its transaction sees its own change
    await t.http
      .post(`/api/work-requests/${id}/publish`)
      .auth(...bearer(company))
      .expect(200);
    const open = await t.http
      .get(`/api/work-requests/${id}`)
      .auth(...bearer(company))
      .expect(200);
    expect(open.body.status).toBe('open');
  });
});
