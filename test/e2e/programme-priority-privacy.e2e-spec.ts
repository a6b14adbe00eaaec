import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboxRelay } from '@app/search';
import { DataSource } from 'typeorm';
import {
  loginAdmin,
  makeBroker,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { bearer, inDays, uniqueSourceUrl } from '../support/opportunity-factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createProgramme } from '../support/training-factories.js';

interface Candidate {
  profile: { id: string };
  score: number;
  explanation: {
    priorityBoost?: { applied: boolean; category?: string; contribution: number };
    components: Record<string, number>;
    componentDetails: Record<string, { weight: number; value: number; note: string }>;
  };
}

/**
 * A company that could tag its own request with any programme, and see per person whether a
 * priority applied, could switch between programmes and learn who is a woman, young or in a
 * named group. Only partners of a programme attach opportunities to it, and only partners (and
 * admins) see per-person boosts; everyone else gets the ranking computed as if no priority
 * applied.
 */
describe('programme priorities do not reveal inclusion data (HTTP)', () => {
  let t: TestApp;
  let python: string;
  let admin: SignedIn;
  let company: SignedIn;
  let partnerBroker: SignedIn;
  let otherBroker: SignedIn;
  let women: string; // priority: women
  let youth: string; // priority: youth 15–29, the same partner
  const ids: Record<string, string> = {};

  const sql = <T = Record<string, unknown>>(q: string, p: unknown[] = []) =>
    t.app.get(DataSource).query(q, p) as Promise<T[]>;

  const requestBody = (extra: Record<string, unknown> = {}) => ({
    title: 'Python data clean-up',
    description: 'Scripts for a data entry team',
    skills: [{ skillId: python, minLevel: 3, mustHave: true }],
    languages: [],
    engagementType: 'freelance',
    workMode: 'remote',
    budget: { type: 'hourly', minEur: 10, maxEur: 20 },
    openings: 1,
    deadline: inDays(30),
    ...extra,
  });

  async function openRequest(extra: Record<string, unknown> = {}): Promise<string> {
    const created = await t.http
      .post('/api/work-requests')
      .auth(...bearer(company))
      .send(requestBody(extra))
      .expect(201);
    await t.http
      .post(`/api/work-requests/${created.body.id}/publish`)
      .auth(...bearer(company))
      .expect(200);
    return created.body.id as string;
  }

  const setProgramme = (who: SignedIn, requestId: string, body: unknown) =>
    t.http
      .put(`/api/work-requests/${requestId}/programme`)
      .auth(...bearer(who))
      .send(body as object);

  async function candidates(who: SignedIn, requestId: string): Promise<Candidate[]> {
    await t.app.get(OutboxRelay).drain();
    const res = await t.http
      .get(`/api/work-requests/${requestId}/candidates?limit=20`)
      .auth(...bearer(who))
      .expect(200);
    return res.body as Candidate[];
  }

  function expectForbidden(res: { status: number; body: Record<string, unknown> }): void {
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ status: 403, code: 'PROGRAMME_PARTNERS_ONLY' });
  }

  async function person(
    key: string,
    level: number,
    years: number,
    inclusion?: Record<string, unknown>,
  ) {
    const trainee = await registerTrainee(t, { displayName: `Person ${key}` });
    ids[key] = (
      await putProfile(t, trainee, {
        country: 'RS',
        skills: [{ skillId: python, level, years }],
        languages: [{ code: 'en', level: 'C1' }],
        workModes: ['remote'],
        engagementTypes: ['freelance'],
        hoursPerWeek: 30,
        availableFrom: '2026-01-01',
        hourlyRateEur: 15,
        visibility: 'companies',
        openToWork: true,
      })
    ).id;
    if (inclusion !== undefined) {
      await t.http
        .put('/api/profiles/me/inclusion')
        .auth(...bearer(trainee))
        .send(inclusion)
        .expect(204);
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    python = (await skillIds(t, ['Python (computer programming)']))[
      'Python (computer programming)'
    ];
    admin = await loginAdmin(t);
    company = await registerCompany(t);
    partnerBroker = await makeBroker(t, admin);
    otherBroker = await makeBroker(t, admin);
    women = (
      await createProgramme(t, admin, {
        partners: [partnerBroker.organisationId],
        priorities: [{ kind: 'sex', value: 'female' }],
      })
    ).id;
    youth = (
      await createProgramme(t, admin, {
        partners: [partnerBroker.organisationId],
        priorities: [{ kind: 'age', min: 15, max: 29 }],
      })
    ).id;
    // the strongest is a man; a consenting woman is a little weaker, so the boost reorders them
    await person('man', 5, 5, { sex: 'male', birthYear: 1980, consentToReporting: true });
    await person('woman', 4, 2, { sex: 'female', birthYear: 1985, consentToReporting: true });
    await person('young', 4, 1, { sex: 'male', birthYear: 2003, consentToReporting: true });
    await person('unconsented', 3, 2, {
      sex: 'female',
      birthYear: 2001,
      consentToReporting: false,
    });
  }, 180_000);

  afterAll(async () => {
    await t.close();
  });

  it('a company may not tag its request with a programme, on create or by PATCH', async () => {
    const before = await sql(`SELECT count(*)::int AS n FROM opportunities`);
    expectForbidden(
      await t.http
        .post('/api/work-requests')
        .auth(...bearer(company))
        .send(requestBody({ programmeId: women })),
    );
    expect(await sql(`SELECT count(*)::int AS n FROM opportunities`)).toEqual(before);

    const requestId = await openRequest();
    const patch = (body: Record<string, unknown>) =>
      t.http
        .patch(`/api/work-requests/${requestId}`)
        .auth(...bearer(company))
        .send(body);
    expectForbidden(await patch({ programmeId: women }));
    expectForbidden(await patch({ title: 'Renamed', programmeId: youth }));
    const row = await sql(`SELECT programme_id, title FROM opportunities WHERE id = $1`, [
      requestId,
    ]);
    expect(row[0]).toEqual({ programme_id: null, title: 'Python data clean-up' });
    // the attack needs a second programme; neither is reachable
    await patch({ programmeId: null }).expect(200);
    // a malformed id is still a 400 naming the field, before any permission question
    const bad = await patch({ programmeId: 'P-1' });
    expect(bad.status).toBe(400);
    expect((bad.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['programmeId']);
  });

  it('a partner broker attaches a company request; the company can neither change nor remove it', async () => {
    const requestId = await openRequest();
    expectForbidden(await setProgramme(otherBroker, requestId, { programmeId: women }));
    const tagged = await setProgramme(partnerBroker, requestId, { programmeId: women }).expect(200);
    expect(tagged.body).toMatchObject({ id: requestId, programmeId: women });

    const patch = (body: Record<string, unknown>) =>
      t.http
        .patch(`/api/work-requests/${requestId}`)
        .auth(...bearer(company))
        .send(body);
    expectForbidden(await patch({ programmeId: youth }));
    expectForbidden(await patch({ programmeId: null }));
    // other edits keep the tag; repeating the current tag changes nothing and is allowed
    const edited = await patch({ title: 'Python clean-up, urgent', programmeId: women });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Python clean-up, urgent', programmeId: women });
    expect((await patch({ hoursPerWeek: 10 }).expect(200)).body.programmeId).toBe(women);

    // a non-partner broker may not take it off either; the partner and an admin may move it
    expectForbidden(await setProgramme(otherBroker, requestId, { programmeId: null }));
    await setProgramme(partnerBroker, requestId, { programmeId: youth }).expect(200);
    const byAdmin = await setProgramme(admin, requestId, { programmeId: null }).expect(200);
    expect(byAdmin.body.programmeId).toBeNull();
  });

  it('PUT …/programme: wrong role, unseen request, malformed input, unknown programme, closed request', async () => {
    const requestId = await openRequest();
    for (const who of [company, await registerTrainee(t)]) {
      expect((await setProgramme(who, requestId, { programmeId: women })).status).toBe(403);
    }
    // a draft is not visible to brokers: 404, as for reading it
    const draft = await t.http
      .post('/api/work-requests')
      .auth(...bearer(company))
      .send(requestBody())
      .expect(201);
    expect((await setProgramme(partnerBroker, draft.body.id, { programmeId: women })).status).toBe(
      404,
    );
    const malformed: [unknown, string][] = [
      [{ programmeId: 'P-1' }, 'programmeId'],
      [{}, 'programmeId'],
      [{ programmeId: women, extra: 1 }, 'extra'],
    ];
    for (const [body, field] of malformed) {
      const res = await setProgramme(partnerBroker, requestId, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    }
    const unknown = await setProgramme(admin, requestId, {
      programmeId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(400);
    expect((unknown.body.errors as { field: string }[]).map((e) => e.field)).toEqual([
      'programmeId',
    ]);
    const notId = await t.http
      .put('/api/work-requests/not-a-uuid/programme')
      .auth(...bearer(admin))
      .send({ programmeId: women });
    expect(notId.status).toBe(400);
    await t.http
      .post(`/api/work-requests/${requestId}/close`)
      .auth(...bearer(company))
      .expect(200);
    // brokers see open requests only; an admin sees it, and a closed request is history
    expect((await setProgramme(partnerBroker, requestId, { programmeId: women })).status).toBe(404);
    const closed = await setProgramme(admin, requestId, { programmeId: women });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('OPPORTUNITY_NOT_EDITABLE');
  });

  it('brokers tag listings only with programmes their organisation is a partner of', async () => {
    const listing = (extra: Record<string, unknown>) => ({
      ...requestBody(extra),
      source: 'upwork',
      sourceUrl: uniqueSourceUrl(),
    });
    const ok = await t.http
      .post('/api/listings')
      .auth(...bearer(partnerBroker))
      .send(listing({ programmeId: women }));
    expect(ok.status).toBe(201);
    expect(ok.body.programmeId).toBe(women);
    // the import carries no programme: re-importing the listing keeps it
    const reimport = await t.http
      .post('/api/listings/import')
      .auth(...bearer(partnerBroker))
      .send([
        {
          title: 'Python data clean-up, updated',
          description: 'Scripts for a data entry team',
          skills: 'Python (computer programming)',
          source: 'upwork',
          sourceUrl: ok.body.sourceUrl,
          clientCountry: 'US',
          engagementType: 'freelance',
          workMode: 'remote',
          countries: 'XK;AL',
          languages: 'en:B2',
          hoursPerWeek: 20,
          durationWeeks: 4,
          budgetType: 'hourly',
          budgetMinEur: 10,
          budgetMaxEur: 20,
          openings: 1,
          deadline: inDays(20),
        },
      ]);
    expect(reimport.status).toBe(200);
    expect(reimport.body).toMatchObject({ created: 0, updated: 1, errors: [] });
    const relisted = await t.http
      .get(`/api/listings/${ok.body.id}`)
      .auth(...bearer(partnerBroker))
      .expect(200);
    expect(relisted.body).toMatchObject({
      title: 'Python data clean-up, updated',
      programmeId: women,
    });
    expectForbidden(
      await t.http
        .post('/api/listings')
        .auth(...bearer(otherBroker))
        .send(listing({ programmeId: women })),
    );
    const own = await t.http
      .post('/api/listings')
      .auth(...bearer(otherBroker))
      .send(listing({}))
      .expect(201);
    expectForbidden(
      await t.http
        .patch(`/api/listings/${own.body.id}`)
        .auth(...bearer(otherBroker))
        .send({ programmeId: youth }),
    );
  });

  it('the company’s candidates carry no priority and equal those of the same request without a programme; the partner broker sees the boost', async () => {
    const tagged = await openRequest();
    await setProgramme(partnerBroker, tagged, { programmeId: women }).expect(200);
    const plain = await openRequest();

    const forCompany = await candidates(company, tagged);
    const order = forCompany.map((c) => c.profile.id);
    expect(order.slice(0, 2)).toEqual([ids.man, ids.woman]);
    expect(JSON.stringify(forCompany)).not.toMatch(/priority|applied|women|female|category/i);
    // the same set, order, scores and explanations as a request with no programme at all
    expect(forCompany).toEqual(await candidates(company, plain));
    for (const c of forCompany) {
      const sum = Object.values(c.explanation.components).reduce((a, v) => a + v, 0);
      expect(sum).toBeCloseTo(c.score, 5);
      const weights = Object.values(c.explanation.componentDetails).reduce(
        (a, d) => a + d.weight,
        0,
      );
      expect(weights).toBeCloseTo(1, 5);
    }

    // a broker of an organisation that is not a partner gets the unboosted ranking too
    const forOther = await candidates(otherBroker, tagged);
    expect(JSON.stringify(forOther)).not.toMatch(/priority|applied|women|female|category/i);
    expect(forOther).toEqual(await candidates(otherBroker, plain));

    // the partner broker (and an admin would) sees who the priority lifted, and by how much
    const forPartner = await candidates(partnerBroker, tagged);
    expect(forPartner.map((c) => c.profile.id).slice(0, 2)).toEqual([ids.woman, ids.man]);
    const boostOf = (id: string) =>
      forPartner.find((c) => c.profile.id === id)?.explanation.priorityBoost;
    expect(boostOf(ids.woman)).toEqual({ applied: true, category: 'women', contribution: 0.1 });
    expect(boostOf(ids.man)).toEqual({ applied: false, contribution: 0 });
    expect(boostOf(ids.unconsented)).toEqual({ applied: false, contribution: 0 });
    for (const c of forPartner) {
      expect(c.explanation.components).toHaveProperty('priority');
      const sum = Object.values(c.explanation.components).reduce((a, v) => a + v, 0);
      expect(sum).toBeCloseTo(c.score, 5);
    }

    // switching the programme shows the company nothing new
    await setProgramme(partnerBroker, tagged, { programmeId: youth }).expect(200);
    expect(await candidates(company, tagged)).toEqual(forCompany);
    const youthView = await candidates(partnerBroker, tagged);
    expect(
      youthView.find((c) => c.profile.id === ids.young)?.explanation.priorityBoost,
    ).toMatchObject({ applied: true, category: 'youth 15–29' });
  });

  it('reading a programme’s policy stays open: the priorities are explicit, not per person', async () => {
    const res = await t.http
      .get(`/api/programmes/${women}`)
      .auth(...bearer(company))
      .expect(200);
    expect(res.body.priorities).toEqual([{ kind: 'sex', value: 'female' }]);
  });
});
