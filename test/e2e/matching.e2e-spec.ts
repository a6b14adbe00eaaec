import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TransactionRunner } from '@app/database';
import { ProfilesService } from '@app/profiles';
import { OutboxRelay } from '@app/search';
import { DataSource } from 'typeorm';
import {
  loginAdmin,
  makeBroker,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { inDays, uniqueSourceUrl } from '../support/opportunity-factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Match {
  profile: { id: string; displayName: string; [k: string]: unknown };
  score: number;
  explanation: {
    matchedSkills: { skillId: string; name: string; verified: boolean; has: number }[];
    missingSkills: { skillId: string }[];
    priorityBoost?: { applied: boolean; category?: string };
    components: Record<string, number>;
  };
}

describe('matching (HTTP)', () => {
  let t: TestApp;
  let skills: Record<string, string>;
  let company: SignedIn;
  let otherCompany: SignedIn;
  let broker: SignedIn;
  let otherBroker: SignedIn;
  let traineeB: SignedIn;
  const ids: Record<string, string> = {};
  let requestId: string;
  let listingId: string;

  const auth = (u: SignedIn) => ({ Authorization: `Bearer ${u.accessToken}` });
  const get = async (who: SignedIn, path: string): Promise<Match[]> => {
    const res = await t.http.get(path).set(auth(who));
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
    return res.body as Match[];
  };

  const baseProfile = (js: number, extra: Record<string, unknown> = {}) => ({
    country: 'RS',
    city: 'Novi Sad',
    skills: [
      { skillId: skills.JavaScript, level: js, years: 2 },
      { skillId: skills.SQL, level: 3 },
    ],
    languages: [{ code: 'en', level: 'C1' }],
    workModes: ['remote', 'hybrid'],
    engagementTypes: ['freelance'],
    hoursPerWeek: 30,
    availableFrom: '2026-01-01',
    hourlyRateEur: 15,
    visibility: 'companies',
    openToWork: true,
    ...extra,
  });

  async function person(key: string, displayName: string, body: Record<string, unknown>) {
    const trainee = await registerTrainee(t, { displayName });
    ids[key] = (await putProfile(t, trainee, body)).id;
    return trainee;
  }

  beforeAll(async () => {
    t = await createTestApp();
    skills = await skillIds(t, ['JavaScript', 'SQL', 'Python (computer programming)']);
    [company, otherCompany] = await Promise.all([
      registerCompany(t),
      registerCompany(t, { organisationName: 'Tirana Soft' }),
    ]);
    broker = await makeBroker(t);
    otherBroker = await makeBroker(t);
    await person('verified', 'Ana Verified', baseProfile(4));
    traineeB = await person('declared', 'Bojan Declared', baseProfile(4));
    await person('weak', 'Cvetan Weak', baseProfile(2));
    await person('brokersOnly', 'Dragan Brokers', baseProfile(5, { visibility: 'brokers' }));
    await person('closed', 'Elena Busy', baseProfile(5, { openToWork: false }));
    await person('onsiteOnly', 'Filip Onsite', baseProfile(5, { workModes: ['onsite'] }));
    await person('python', 'Goran Python', {
      ...baseProfile(1),
      skills: [{ skillId: skills['Python (computer programming)'], level: 5 }],
    });
    await t.app
      .get(TransactionRunner)
      .run((m) =>
        t.app.get(ProfilesService).markSkillsVerified(m, ids.verified, [skills.JavaScript]),
      );

    const request = await t.http
      .post('/api/work-requests')
      .set(auth(company))
      .send({
        title: 'Front-end developer',
        description: 'React and plain JavaScript for a shop',
        skills: [
          { skillId: skills.JavaScript, minLevel: 3, mustHave: true },
          { skillId: skills.SQL, minLevel: 2, mustHave: false },
        ],
        languages: [{ code: 'en', minLevel: 'B2' }],
        engagementType: 'freelance',
        workMode: 'remote',
        hoursPerWeek: 20,
        budget: { type: 'hourly', minEur: 10, maxEur: 20 },
        openings: 1,
        deadline: inDays(30),
      })
      .expect(201);
    requestId = request.body.id;
    await t.http.post(`/api/work-requests/${requestId}/publish`).set(auth(company)).expect(200);

    const imported = await t.http
      .post('/api/listings/import')
      .set(auth(broker))
      .send([
        {
          title: 'JS widget fixes',
          description: 'Small fixes to a widget',
          skills: 'JS',
          source: 'upwork',
          sourceUrl: uniqueSourceUrl(),
          engagementType: 'freelance',
          workMode: 'remote',
          languages: 'en:B1',
          budgetType: 'hourly',
          budgetMaxEur: 25,
          openings: 1,
          deadline: inDays(20),
        },
      ])
      .expect(200);
    expect(imported.body.created).toBe(1);
    const listings = await t.http.get('/api/listings').set(auth(broker)).expect(200);
    listingId = listings.body.items[0].id;
    await t.app.get(OutboxRelay).drain();
  });

  afterAll(async () => {
    await t.close();
  });

  it('ranks eligible candidates; must-have skills, work mode and openness are honoured', async () => {
    const body = await get(company, `/api/work-requests/${requestId}/candidates`);
    expect(body.map((m) => m.profile.id)).toEqual([ids.verified, ids.declared]);
    expect(body[0].score).toBeGreaterThan(body[1].score);
  });

  it('a verified skill outranks the same self-declared level, and the explanation says so', async () => {
    const [first, second] = await get(company, `/api/work-requests/${requestId}/candidates`);
    const js = (m: Match) =>
      m.explanation.matchedSkills.find((s) => s.skillId === skills.JavaScript);
    expect(js(first)).toMatchObject({ name: 'JavaScript', has: 4, verified: true });
    expect(js(second)).toMatchObject({ name: 'JavaScript', has: 4, verified: false });
    expect(first.explanation.components.verified).toBeGreaterThan(
      second.explanation.components.verified,
    );
  });

  it('explanation components add up to the score', async () => {
    const body = await get(broker, `/api/work-requests/${requestId}/candidates`);
    expect(body.length).toBeGreaterThan(0);
    for (const m of body) {
      const sum = Object.values(m.explanation.components).reduce((s, v) => s + v, 0);
      expect(sum).toBeCloseTo(m.score, 5);
    }
  });

  it('a company never sees brokers-only profiles; a broker does', async () => {
    const forCompany = await get(company, `/api/work-requests/${requestId}/candidates`);
    expect(forCompany.map((m) => m.profile.id)).not.toContain(ids.brokersOnly);
    const forBroker = await get(broker, `/api/work-requests/${requestId}/candidates`);
    expect(forBroker.map((m) => m.profile.id)).toEqual(
      expect.arrayContaining([ids.brokersOnly, ids.verified, ids.declared]),
    );
    expect(forBroker).toHaveLength(3);
  });

  it('honours limit: the first k of the full ranking', async () => {
    const all = await get(broker, `/api/work-requests/${requestId}/candidates`);
    for (const k of [1, 2]) {
      const body = await get(broker, `/api/work-requests/${requestId}/candidates?limit=${k}`);
      expect(body.map((m) => m.profile.id)).toEqual(all.slice(0, k).map((m) => m.profile.id));
    }
  });

  it('a listing imported with the label "JS" finds JavaScript profiles', async () => {
    const body = await get(broker, `/api/listings/${listingId}/candidates`);
    expect(body.map((m) => m.profile.id).sort()).toEqual(
      [ids.verified, ids.declared, ids.brokersOnly, ids.weak].sort(),
    );
    expect(body.map((m) => m.profile.id)).not.toContain(ids.python);
  });

  it('never returns e-mail addresses or inclusion data', async () => {
    const body = JSON.stringify(await get(broker, `/api/listings/${listingId}/candidates`));
    expect(body).not.toMatch(/@example\.org|"email"|birthYear|"sex"|"groups"/);
  });

  it('recommends open requests and listings to a trainee, best first', async () => {
    const res = await t.http.get('/api/profiles/me/recommendations').set(auth(traineeB));
    expect(res.status).toBe(200);
    const got = res.body as { opportunity: { id: string }; score: number }[];
    expect(got.map((r) => r.opportunity.id).sort()).toEqual([requestId, listingId].sort());
    expect(got[0].score).toBeGreaterThanOrEqual(got[1].score);
  });

  it('closed and past-deadline opportunities are never recommended', async () => {
    const expired = await t.http
      .post('/api/listings')
      .set(auth(broker))
      .send({
        title: 'Old JavaScript gig',
        description: 'Expired',
        skills: [{ skillId: skills.JavaScript, minLevel: 1, mustHave: true }],
        languages: [],
        engagementType: 'freelance',
        workMode: 'remote',
        openings: 1,
        deadline: inDays(30),
        source: 'upwork',
        sourceUrl: uniqueSourceUrl(),
      })
      .expect(201);
    await t.app.get(OutboxRelay).drain();
    const before = await t.http.get('/api/profiles/me/recommendations').set(auth(traineeB));
    expect(before.body.map((r: { opportunity: { id: string } }) => r.opportunity.id)).toContain(
      expired.body.id,
    );
    // the deadline passes (moved back in the database; the index still says "open")
    await t.app
      .get(DataSource)
      .query(`UPDATE opportunities SET deadline = now() - interval '1 hour' WHERE id = $1`, [
        expired.body.id,
      ]);
    await t.http.post(`/api/work-requests/${requestId}/close`).set(auth(company)).expect(200);
    await t.app.get(OutboxRelay).drain();
    const after = await t.http.get('/api/profiles/me/recommendations').set(auth(traineeB));
    const afterIds = after.body.map((r: { opportunity: { id: string } }) => r.opportunity.id);
    expect(afterIds).toEqual([listingId]);
  });

  it('refuses the wrong role with 403', async () => {
    await t.http.get(`/api/work-requests/${requestId}/candidates`).set(auth(traineeB)).expect(403);
    await t.http.get(`/api/listings/${listingId}/candidates`).set(auth(company)).expect(403);
    await t.http.get('/api/profiles/me/recommendations').set(auth(company)).expect(403);
    await t.http.get(`/api/work-requests/${requestId}/candidates`).expect(401);
  });

  it("another company's request and another organisation's listing are 404", async () => {
    await t.http
      .get(`/api/work-requests/${requestId}/candidates`)
      .set(auth(otherCompany))
      .expect(404);
    await t.http.get(`/api/listings/${listingId}/candidates`).set(auth(otherBroker)).expect(404);
  });

  it.each(['0', '101', 'ten', '-1', '2.5'])('refuses limit=%s naming limit', async (limit) => {
    const res = await t.http
      .get(`/api/listings/${listingId}/candidates?limit=${limit}`)
      .set(auth(broker))
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain('limit');
    const rec = await t.http
      .get(`/api/profiles/me/recommendations?limit=${limit}`)
      .set(auth(traineeB))
      .expect(400);
    expect((rec.body.errors as { field: string }[]).map((e) => e.field)).toContain('limit');
  });

  it('a programme priority boosts only people who consented; companies never see it', async () => {
    const admin = await loginAdmin(t);
    const programme = await t.http
      .post('/api/programmes')
      .set(auth(admin))
      .send({
        name: 'Women in Digital Work',
        code: 'WB-WOMEN-DIGITAL',
        countries: ['RS'],
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
        partners: [broker.organisationId],
        priorities: [{ kind: 'sex', value: 'female' }],
      })
      .expect(201);
    const python = [{ skillId: skills['Python (computer programming)'], level: 4 }];
    const consented = await person('consented', 'Jelena Consented', {
      ...baseProfile(1),
      skills: python,
    });
    const withdrawn = await person('withdrawn', 'Katarina Withdrawn', {
      ...baseProfile(1),
      skills: python,
    });
    await t.http
      .put('/api/profiles/me/inclusion')
      .set(auth(consented))
      .send({ sex: 'female', birthYear: 2000, consentToReporting: true })
      .expect(204);
    await t.http
      .put('/api/profiles/me/inclusion')
      .set(auth(withdrawn))
      .send({ sex: 'female', birthYear: 2000, consentToReporting: false })
      .expect(204);
    const created = await t.http
      .post('/api/work-requests')
      .set(auth(company))
      .send({
        title: 'Python data clean-up',
        description: 'Scripts for a data entry team',
        skills: [{ skillId: skills['Python (computer programming)'], minLevel: 3, mustHave: true }],
        languages: [],
        engagementType: 'freelance',
        workMode: 'remote',
        budget: { type: 'hourly', minEur: 10, maxEur: 20 },
        openings: 1,
        deadline: inDays(30),
      })
      .expect(201);
    await t.http
      .post(`/api/work-requests/${created.body.id}/publish`)
      .set(auth(company))
      .expect(200);
    // a broker of a partner organisation attaches the request to the programme
    await t.http
      .put(`/api/work-requests/${created.body.id}/programme`)
      .set(auth(broker))
      .send({ programmeId: programme.body.id })
      .expect(200);
    await t.app.get(OutboxRelay).drain();
    const path = `/api/work-requests/${created.body.id}/candidates`;

    const forBroker = await get(broker, path);
    const boost = (body: Match[], id: string) =>
      body.find((m) => m.profile.id === id)?.explanation.priorityBoost;
    expect(boost(forBroker, ids.consented)).toMatchObject({ applied: true, category: 'women' });
    expect(boost(forBroker, ids.withdrawn)).toMatchObject({ applied: false, contribution: 0 });
    const order = forBroker.map((m) => m.profile.id);
    expect(order.indexOf(ids.consented)).toBeLessThan(order.indexOf(ids.withdrawn));
    for (const m of forBroker) {
      const sum = Object.values(m.explanation.components).reduce((a, v) => a + v, 0);
      expect(sum).toBeCloseTo(m.score, 5);
    }

    // the company's ranking is computed without priorities: no per-person boost to read
    const forCompany = await get(company, path);
    expect(boost(forCompany, ids.consented)).toBeUndefined();
    expect(JSON.stringify(forCompany)).not.toMatch(
      /women|female|"category"|birthYear|priority|applied/,
    );
  });

  it('refuses a malformed id naming id', async () => {
    const res = await t.http
      .get('/api/work-requests/not-a-uuid/candidates')
      .set(auth(company))
      .expect(400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain('id');
  });
});
