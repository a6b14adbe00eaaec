import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OPPORTUNITIES_INDEX } from '@app/opportunities';
import { OutboxRelay, SearchIndexRegistry } from '@app/search';
import { Meilisearch } from 'meilisearch';
import { skillNamesById } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  loginAdmin,
  makeBroker,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import {
  bearer,
  inDays,
  makeWorkRequestBody,
  resolvedPostings,
  type ResolvedPosting,
} from '../support/opportunity-factories.js';

describe('work requests (HTTP)', () => {
  let t: TestApp;
  let companyA: SignedIn;
  let companyB: SignedIn;
  let broker: SignedIn;
  let trainee: SignedIn;
  let admin: SignedIn;
  let postings: ResolvedPosting[];

  const create = (who: SignedIn, body: Record<string, unknown>) =>
    t.http
      .post('/api/work-requests')
      .auth(...bearer(who))
      .send(body);

  async function draft(who: SignedIn, overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await create(who, makeWorkRequestBody(postings[0], overrides));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function indexedIds(): Promise<string[]> {
    await t.app.get(OutboxRelay).drain();
    const uid = t.app.get(SearchIndexRegistry).uidOf(OPPORTUNITIES_INDEX);
    const docs = await t.app.get(Meilisearch).index(uid).getDocuments({ limit: 1000 });
    return docs.results.map((d) => d.id as string);
  }

  beforeAll(async () => {
    t = await createTestApp();
    [companyA, companyB, trainee] = await Promise.all([
      registerCompany(t),
      registerCompany(t, { organisationName: 'Skopje Soft' }),
      registerTrainee(t),
    ]);
    admin = await loginAdmin(t);
    broker = await makeBroker(t, admin);
    postings = await resolvedPostings(t, admin, 3);
  });

  afterAll(async () => {
    await t.close();
  });

  it('a company creates a draft of its own organisation, located in the town it named', async () => {
    const body = makeWorkRequestBody(postings[0]);
    const res = await create(companyA, body).expect(201);
    expect(res.body).toMatchObject({
      organisationId: companyA.organisationId,
      status: 'draft',
      title: postings[0].title,
      skills: body.skills,
      languages: [{ code: 'en', minLevel: 'B2' }],
      countries: ['RS'],
      city: 'Novi Sad',
      radiusKm: 30,
      budget: { type: 'hourly', minEur: 12, maxEur: 20 },
      openings: 2,
      version: 1,
      publishedAt: null,
    });
    expect(res.body.location.lat).toBeCloseTo(45.25, 1);
    const read = await t.http
      .get(`/api/work-requests/${res.body.id}`)
      .auth(...bearer(companyA))
      .expect(200);
    expect(read.body).toEqual(res.body);
  });

  it('names every skill it asks for, in each answer: create, read, list, edit', async () => {
    const body = makeWorkRequestBody(postings[1]);
    const ids = (body.skills as { skillId: string }[]).map((s) => s.skillId);
    const names = await skillNamesById(t, ids);
    const named = (body.skills as { skillId: string }[]).map((s) => ({
      ...s,
      name: names[s.skillId],
    }));
    expect(Object.keys(names)).toHaveLength(ids.length);
    const created = await create(companyA, body).expect(201);
    expect(created.body.skills).toEqual(named);
    const read = await t.http
      .get(`/api/work-requests/${created.body.id}`)
      .auth(...bearer(companyA))
      .expect(200);
    expect(read.body.skills).toEqual(named);
    const list = await t.http
      .get('/api/work-requests')
      .query({ limit: 100 })
      .auth(...bearer(companyA))
      .expect(200);
    for (const item of list.body.items as { skills: { skillId: string; name: string }[] }[]) {
      for (const s of item.skills)
        expect(s.name).toBe((await skillNamesById(t, [s.skillId]))[s.skillId]);
    }
    const patched = await t.http
      .patch(`/api/work-requests/${created.body.id}`)
      .auth(...bearer(companyA))
      .send({ skills: [{ skillId: ids[0], minLevel: 2, mustHave: true }] })
      .expect(200);
    expect(patched.body.skills).toEqual([
      { skillId: ids[0], name: names[ids[0]], minLevel: 2, mustHave: true },
    ]);
  });

  it('takes a deadline given as a day as the end of that day, UTC, as the import does', async () => {
    const day = inDays(10).slice(0, 10);
    const res = await create(companyA, makeWorkRequestBody(postings[0], { deadline: day }));
    expect(res.status).toBe(201);
    expect(res.body.deadline).toBe(`${day}T23:59:59.000Z`);
    const patched = await t.http
      .patch(`/api/work-requests/${res.body.id}`)
      .auth(...bearer(companyA))
      .send({ deadline: inDays(12).slice(0, 10) })
      .expect(200);
    expect(patched.body.deadline).toBe(`${inDays(12).slice(0, 10)}T23:59:59.000Z`);
  });

  it('names the town canonically whichever of its names was sent, with its local name', async () => {
    const res = await create(
      companyA,
      makeWorkRequestBody(postings[0], { countries: ['MK'], city: 'Shkup' }),
    ).expect(201);
    expect(res.body).toMatchObject({ city: 'Skopje', cityId: 785842, cityLocalName: 'Скопје' });
    expect(res.body.location).toMatchObject({ city: 'Skopje' });
  });

  it('answers an unknown town with suggestions', async () => {
    const res = await create(companyA, makeWorkRequestBody(postings[0], { city: 'Novi Sd' }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatchObject({ field: 'city' });
    expect(res.body.errors[0].suggestions).toContain('Novi Sad');
  });

  describe('ownership and roles', () => {
    it('company B cannot read, edit, publish or close company A’s draft: 404', async () => {
      const id = await draft(companyA);
      const as = bearer(companyB);
      await t.http
        .get(`/api/work-requests/${id}`)
        .auth(...as)
        .expect(404);
      await t.http
        .patch(`/api/work-requests/${id}`)
        .auth(...as)
        .send({ title: 'Mine now' })
        .expect(404);
      await t.http
        .post(`/api/work-requests/${id}/publish`)
        .auth(...as)
        .expect(404);
      await t.http
        .post(`/api/work-requests/${id}/close`)
        .auth(...as)
        .expect(404);
      const still = await t.http
        .get(`/api/work-requests/${id}`)
        .auth(...bearer(companyA))
        .expect(200);
      expect(still.body).toMatchObject({ status: 'draft', title: postings[0].title, version: 1 });
    });

    it('a broker cannot create work requests: 403; a trainee cannot list them: 403', async () => {
      const res = await create(broker, makeWorkRequestBody(postings[0])).expect(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      await t.http
        .get('/api/work-requests')
        .auth(...bearer(trainee))
        .expect(403);
      await t.http.get('/api/work-requests').expect(401);
    });

    it('a malformed id is a 400 naming id', async () => {
      const res = await t.http
        .get('/api/work-requests/not-a-uuid')
        .auth(...bearer(companyA))
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    });

    it('lists: a company its own in any status, brokers only open ones, admins all', async () => {
      const mineDraft = await draft(companyB);
      const mineOpen = await draft(companyB);
      await t.http
        .post(`/api/work-requests/${mineOpen}/publish`)
        .auth(...bearer(companyB))
        .expect(200);
      const othersDraft = await draft(companyA);

      const own = await t.http
        .get('/api/work-requests?limit=100')
        .auth(...bearer(companyB))
        .expect(200);
      const ownIds = own.body.items.map((i: { id: string }) => i.id);
      expect(ownIds).toEqual(expect.arrayContaining([mineDraft, mineOpen]));
      expect(ownIds).not.toContain(othersDraft);
      expect(
        own.body.items.every(
          (i: { organisationId: string }) => i.organisationId === companyB.organisationId,
        ),
      ).toBe(true);

      const brokerView = await t.http
        .get('/api/work-requests?limit=100')
        .auth(...bearer(broker))
        .expect(200);
      expect(brokerView.body.items.map((i: { id: string }) => i.id)).toContain(mineOpen);
      expect(brokerView.body.items.every((i: { status: string }) => i.status === 'open')).toBe(
        true,
      );
      await t.http
        .get(`/api/work-requests/${mineDraft}`)
        .auth(...bearer(broker))
        .expect(404);
      await t.http
        .get(`/api/work-requests/${mineOpen}`)
        .auth(...bearer(broker))
        .expect(200);

      const all = await t.http
        .get('/api/work-requests?limit=100')
        .auth(...bearer(admin))
        .expect(200);
      expect(all.body.items.map((i: { id: string }) => i.id)).toEqual(
        expect.arrayContaining([mineDraft, mineOpen, othersDraft]),
      );

      const drafts = await t.http
        .get('/api/work-requests?status=draft&limit=100')
        .auth(...bearer(companyB))
        .expect(200);
      expect(drafts.body.items.map((i: { id: string }) => i.id)).toEqual([mineDraft]);
    });

    it('pages with a cursor, newest first, without gaps or repeats', async () => {
      const company = await registerCompany(t, { organisationName: 'Paging Ltd' });
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1)
        ids.push(await draft(company, { title: `Request number ${i}` }));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/work-requests?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`;
        const res = await t.http
          .get(url)
          .auth(...bearer(company))
          .expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((i: { id: string }) => i.id));
        cursor = res.body.nextCursor;
      } while (cursor !== null);
      expect(seen).toEqual([...ids].reverse());
      const badCursor = await t.http
        .get('/api/work-requests?cursor=zzz')
        .auth(...bearer(company))
        .expect(400);
      expect(badCursor.body.errors).toEqual([
        { field: 'cursor', message: 'cursor is not one this list returned' },
      ]);
      const badStatus = await t.http
        .get('/api/work-requests?status=open,gone')
        .auth(...bearer(company))
        .expect(400);
      expect(badStatus.body.errors.map((e: { field: string }) => e.field)).toEqual(['status']);
    });
  });

  describe('lifecycle', () => {
    it('cannot publish without skills or deadline: 409 naming what is missing', async () => {
      const id = await draft(companyA, { skills: [], deadline: undefined });
      const res = await t.http
        .post(`/api/work-requests/${id}/publish`)
        .auth(...bearer(companyA))
        .expect(409);
      expect(res.body.code).toBe('OPPORTUNITY_NOT_PUBLISHABLE');
      expect(res.body.missing.map((m: { field: string }) => m.field)).toEqual([
        'skills',
        'deadline',
      ]);
    });

    it('publishing makes it searchable after the relay runs; closing removes it', async () => {
      const id = await draft(companyA);
      expect(await indexedIds()).not.toContain(id);
      const published = await t.http
        .post(`/api/work-requests/${id}/publish`)
        .auth(...bearer(companyA))
        .expect(200);
      expect(published.body.status).toBe('open');
      expect(published.body.publishedAt).not.toBeNull();
      expect(await indexedIds()).toContain(id);

      const uid = t.app.get(SearchIndexRegistry).uidOf(OPPORTUNITIES_INDEX);
      const doc = await t.app.get(Meilisearch).index(uid).getDocument(id);
      expect(doc).toMatchObject({
        kind: 'work_request',
        status: 'open',
        organisationId: companyA.organisationId,
        engagementType: 'full_time',
        workMode: 'hybrid',
        countries: ['RS'],
        languageMinLevels: ['en:B2'],
        radiusKm: 30,
      });
      expect(doc.mustHaveSkills).toHaveLength(2);
      expect(doc.skillMinLevels[0]).toMatch(/^[0-9a-f-]{36}:3$/);
      expect(typeof doc.deadline).toBe('number');
      expect(doc._geo.lat).toBeCloseTo(45.25, 1);

      // A found request is found by its words, folded
      const hits = await t.app
        .get(Meilisearch)
        .index(uid)
        .search(postings[0].title.split(' ')[1], {
          filter: `organisationId = "${companyA.organisationId}"`,
        });
      expect(hits.hits.map((h) => h.id)).toContain(id);
      // folded helper fields serve matching but are never displayed
      expect(hits.hits[0].descriptionFolded).toBeUndefined();
      expect(hits.hits[0].titleFolded).toBeUndefined();

      await t.http
        .post(`/api/work-requests/${id}/publish`)
        .auth(...bearer(companyA))
        .expect(409);
      const closed = await t.http
        .post(`/api/work-requests/${id}/close`)
        .auth(...bearer(companyA))
        .expect(200);
      expect(closed.body.status).toBe('closed');
      expect(await indexedIds()).not.toContain(id);
      await t.http
        .post(`/api/work-requests/${id}/close`)
        .auth(...bearer(companyA))
        .expect(409);
    });

    it('cannot edit a closed request: 409', async () => {
      const id = await draft(companyA);
      await t.http
        .post(`/api/work-requests/${id}/close`)
        .auth(...bearer(companyA))
        .expect(200);
      const res = await t.http
        .patch(`/api/work-requests/${id}`)
        .auth(...bearer(companyA))
        .send({ title: 'Too late' })
        .expect(409);
      expect(res.body.code).toBe('OPPORTUNITY_NOT_EDITABLE');
    });

    it('edits to an open request re-index it; an open request keeps its skills', async () => {
      const id = await draft(companyA);
      await t.http
        .post(`/api/work-requests/${id}/publish`)
        .auth(...bearer(companyA))
        .expect(200);
      await indexedIds();
      const res = await t.http
        .patch(`/api/work-requests/${id}`)
        .auth(...bearer(companyA))
        .send({
          title: 'Junior Đorđe-friendly QA role',
          city: null,
          radiusKm: null,
          hoursPerWeek: 20,
        })
        .expect(200);
      expect(res.body).toMatchObject({ version: 3, city: null, location: null, hoursPerWeek: 20 });
      expect(await indexedIds()).toContain(id);
      const uid = t.app.get(SearchIndexRegistry).uidOf(OPPORTUNITIES_INDEX);
      const doc = await t.app.get(Meilisearch).index(uid).getDocument(id);
      expect(doc).toMatchObject({
        title: 'Junior Đorđe-friendly QA role',
        _version: 3,
        hoursPerWeek: 20,
      });
      expect(doc._geo).toBeUndefined();
      const hits = await t.app
        .get(Meilisearch)
        .index(uid)
        .search('djordje', { filter: `organisationId = "${companyA.organisationId}"` });
      expect(hits.hits.map((h) => h.id)).toContain(id);

      const emptied = await t.http
        .patch(`/api/work-requests/${id}`)
        .auth(...bearer(companyA))
        .send({ skills: [] })
        .expect(400);
      expect(emptied.body.errors).toEqual([
        { field: 'skills', message: 'an open request needs at least one skill' },
      ]);
    });

    it('a PATCH keeps absent fields and refuses to clear required ones', async () => {
      const id = await draft(companyA);
      const res = await t.http
        .patch(`/api/work-requests/${id}`)
        .auth(...bearer(companyA))
        .send({ openings: 5 })
        .expect(200);
      expect(res.body).toMatchObject({
        openings: 5,
        city: 'Novi Sad',
        title: postings[0].title,
        version: 2,
      });
      const bad = await t.http
        .patch(`/api/work-requests/${id}`)
        .auth(...bearer(companyA))
        .send({ title: null })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('title');
    });
  });

  describe('validation names every field', () => {
    const UNKNOWN_SKILL = '00000000-0000-4000-8000-000000000000';
    const cases: [string, string, (p: ResolvedPosting) => Record<string, unknown>][] = [
      ['title too short', 'title', () => ({ title: 'ab' })],
      ['title too long', 'title', () => ({ title: 'x'.repeat(201) })],
      ['description too long', 'description', () => ({ description: 'x'.repeat(20_001) })],
      [
        'unknown skill id',
        'skills[1].skillId',
        (p) => ({
          skills: [
            { skillId: p.known[0].skillId, minLevel: 2, mustHave: true },
            { skillId: UNKNOWN_SKILL, minLevel: 2, mustHave: true },
          ],
        }),
      ],
      [
        'duplicate skill',
        'skills[1].skillId',
        (p) => ({
          skills: [
            { skillId: p.known[0].skillId, minLevel: 2, mustHave: true },
            { skillId: p.known[0].skillId, minLevel: 4, mustHave: false },
          ],
        }),
      ],
      [
        'skill id not a uuid',
        'skills[0].skillId',
        () => ({ skills: [{ skillId: 'js', minLevel: 2, mustHave: true }] }),
      ],
      [
        'skill level 6',
        'skills[0].minLevel',
        (p) => ({ skills: [{ skillId: p.known[0].skillId, minLevel: 6, mustHave: true }] }),
      ],
      [
        'mustHave missing',
        'skills[0].mustHave',
        (p) => ({ skills: [{ skillId: p.known[0].skillId, minLevel: 2 }] }),
      ],
      [
        '31 skills',
        'skills',
        (p) => ({
          skills: Array.from({ length: 31 }, () => ({
            skillId: p.known[0].skillId,
            minLevel: 1,
            mustHave: true,
          })),
        }),
      ],
      [
        'language code',
        'languages[0].code',
        () => ({ languages: [{ code: 'english', minLevel: 'B2' }] }),
      ],
      [
        'language level',
        'languages[0].minLevel',
        () => ({ languages: [{ code: 'en', minLevel: 'D1' }] }),
      ],
      [
        'duplicate language',
        'languages[1].code',
        () => ({
          languages: [
            { code: 'en', minLevel: 'B1' },
            { code: 'EN', minLevel: 'C1' },
          ],
        }),
      ],
      ['engagement type', 'engagementType', () => ({ engagementType: 'gig' })],
      ['work mode', 'workMode', () => ({ workMode: 'moon' })],
      [
        'country code',
        'countries',
        () => ({ countries: ['Serbia'], city: undefined, radiusKm: undefined }),
      ],
      ['city without one country', 'city', () => ({ countries: ['RS', 'ME'] })],
      ['unknown city', 'city', () => ({ city: 'Atlantis' })],
      ['radius without city', 'radiusKm', () => ({ city: undefined })],
      ['radius 501', 'radiusKm', () => ({ radiusKm: 501 })],
      ['hours 81', 'hoursPerWeek', () => ({ hoursPerWeek: 81 })],
      ['hours 0', 'hoursPerWeek', () => ({ hoursPerWeek: 0 })],
      ['duration 261', 'durationWeeks', () => ({ durationWeeks: 261 })],
      ['budget type', 'budget.type', () => ({ budget: { type: 'weekly' } })],
      ['budget negative', 'budget.minEur', () => ({ budget: { type: 'fixed', minEur: -1 } })],
      [
        'budget max below min',
        'budget.maxEur',
        () => ({ budget: { type: 'hourly', minEur: 20, maxEur: 10 } }),
      ],
      ['openings 0', 'openings', () => ({ openings: 0 })],
      ['openings 501', 'openings', () => ({ openings: 501 })],
      ['deadline in the past', 'deadline', () => ({ deadline: '2020-01-01T00:00:00Z' })],
      ['deadline not a date-time', 'deadline', () => ({ deadline: 'next friday' })],
      ['deadline a day that does not exist', 'deadline', () => ({ deadline: '2031-02-30' })],
      ['deadline a past day', 'deadline', () => ({ deadline: '2020-01-01' })],
      ['programme id', 'programmeId', () => ({ programmeId: 'P-1' })],
      ['unknown field', 'salary', () => ({ salary: 100 })],
    ];

    it.each(cases)('%s → 400 naming %s', async (_name, field, over) => {
      const res = await create(companyA, makeWorkRequestBody(postings[1], over(postings[1])));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    });

    it('the same rules hold on PATCH', async () => {
      const id = await draft(companyA);
      const res = await t.http
        .patch(`/api/work-requests/${id}`)
        .auth(...bearer(companyA))
        .send({ countries: ['RS', 'BA'] })
        .expect(400);
      expect(res.body.errors).toEqual([
        { field: 'city', message: 'city needs exactly one country in countries' },
      ]);
    });
  });
});
