import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OPPORTUNITIES_INDEX } from '@app/opportunities';
import { OutboxRelay, OutboxWriter } from '@app/search';
import { DataSource } from 'typeorm';
import {
  loginAdmin,
  makeBroker,
  makeTrainer,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { inDays, uniqueSourceUrl } from '../support/opportunity-factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Item {
  id: string;
  kind: 'work_request' | 'listing';
  title: string;
  status: string;
  risk?: unknown;
  fit?: { score: number; eligible: boolean } | null;
  [k: string]: unknown;
}
interface Facet {
  value: string;
  count: number;
  name?: string;
}
interface SearchBody {
  items: Item[];
  facets: Record<'skills' | 'countries' | 'workModes' | 'engagementTypes' | 'kinds', Facet[]>;
  nextCursor: string | null;
}

describe('opportunity search (HTTP)', () => {
  let t: TestApp;
  let skills: Record<string, string>;
  let company: SignedIn;
  let broker: SignedIn;
  let otherBroker: SignedIn;
  let trainee: SignedIn;
  const ids: Record<string, string> = {};

  const auth = (u: SignedIn) => ({ Authorization: `Bearer ${u.accessToken}` });
  const search = async (who: SignedIn, query: Record<string, string> = {}) => {
    const res = await t.http.get('/api/opportunities').query(query).set(auth(who));
    if (res.status !== 200) throw new Error(`search: ${res.status} ${res.text}`);
    return res.body as SearchBody;
  };
  const idsOf = (body: SearchBody) => body.items.map((i) => i.id);
  const relay = () => t.app.get(OutboxRelay).drain();

  const requestBody = (over: Record<string, unknown>) => ({
    title: 'Placeholder',
    description: 'Work for a small team',
    skills: [{ skillId: skills.JavaScript, minLevel: 2, mustHave: true }],
    languages: [],
    engagementType: 'part_time',
    workMode: 'remote',
    openings: 1,
    deadline: inDays(30),
    ...over,
  });
  const createRequest = async (over: Record<string, unknown>, publish = true) => {
    const res = await t.http
      .post('/api/work-requests')
      .set(auth(company))
      .send(requestBody(over))
      .expect(201);
    if (publish) {
      await t.http.post(`/api/work-requests/${res.body.id}/publish`).set(auth(company)).expect(200);
    }
    return res.body.id as string;
  };
  const createListing = async (by: SignedIn, over: Record<string, unknown>) => {
    const res = await t.http
      .post('/api/listings')
      .set(auth(by))
      .send({
        ...requestBody({ engagementType: 'freelance' }),
        source: 'upwork',
        sourceUrl: uniqueSourceUrl(),
        ...over,
      })
      .expect(201);
    return res.body as { id: string; status: string };
  };

  beforeAll(async () => {
    t = await createTestApp();
    skills = await skillIds(t, ['JavaScript', 'SQL', 'Python (computer programming)']);
    const admin = await loginAdmin(t);
    [company, broker, otherBroker, trainee] = await Promise.all([
      registerCompany(t),
      makeBroker(t, admin),
      makeBroker(t, admin),
      registerTrainee(t, { displayName: 'Ana Search' }),
    ]);
    await putProfile(t, trainee, {
      country: 'RS',
      city: 'Novi Sad',
      skills: [
        { skillId: skills.JavaScript, level: 4, years: 3 },
        { skillId: skills.SQL, level: 2 },
      ],
      languages: [{ code: 'en', level: 'C1' }],
      workModes: ['remote', 'hybrid'],
      engagementTypes: ['part_time', 'freelance'],
    });

    ids.programer = await createRequest({
      title: 'Programer za veb aplikacije',
      description: 'Razvoj i održavanje internih alata',
      workMode: 'hybrid',
      countries: ['RS'],
      city: 'Belgrade',
      radiusKm: 100,
      deadline: inDays(10),
    });
    ids.analyst = await createRequest({
      title: 'Data analyst',
      description: 'Reports from the sales database',
      skills: [{ skillId: skills.SQL, minLevel: 2, mustHave: true }],
      engagementType: 'freelance',
      deadline: inDays(20),
    });
    ids.cyrillic = await createRequest({
      title: 'Оператер корисничке подршке',
      description: 'Одговори на питања купаца',
      countries: ['RS', 'ME'],
      deadline: inDays(25),
    });
    ids.draft = await createRequest({ title: 'Programer nacrt (draft)' }, false);
    ids.closed = await createRequest({ title: 'Programer zatvoren (closed)' });
    await t.http.post(`/api/work-requests/${ids.closed}/close`).set(auth(company)).expect(200);
    ids.expired = await createRequest({ title: 'Programer istekao (past deadline)' });

    ids.widget = (
      await createListing(broker, {
        title: 'JavaScript widget fixes',
        countries: ['XK', 'AL'],
        deadline: inDays(15),
      })
    ).id;
    const held = await createListing(broker, {
      title: 'Programer, hitno',
      description: 'A small registration fee applies.',
    });
    expect(held.status).toBe('review');
    ids.review = held.id;
    ids.python = (
      await createListing(otherBroker, {
        title: 'Python scripts for a shop',
        skills: [{ skillId: skills['Python (computer programming)'], minLevel: 3, mustHave: true }],
        deadline: inDays(40),
      })
    ).id;
    await pastDeadline(ids.expired);
    await relay();
  });

  /** The deadline passes (moved back in the database), as the index will hear on its next sync. */
  async function pastDeadline(id: string, sync = true): Promise<void> {
    await t.app.get(DataSource).transaction(async (m) => {
      await m.query(`UPDATE opportunities SET deadline = now() - interval '1 hour' WHERE id = $1`, [
        id,
      ]);
      if (sync) await t.app.get(OutboxWriter).enqueueSearchSync(m, OPPORTUNITIES_INDEX, [id]);
    });
  }

  afterAll(async () => {
    await t.close();
  });

  const visible = () => [ids.programer, ids.analyst, ids.cyrillic, ids.widget, ids.python];

  it('lists open work and listings: never a draft, closed, past-deadline or review one', async () => {
    const body = await search(trainee, { limit: '100' });
    expect(idsOf(body).sort()).toEqual(visible().sort());
    const withText = await search(trainee, { q: 'programer', limit: '100' });
    expect(idsOf(withText)).toEqual([ids.programer]);
  });

  it('never shows a row the index has not caught up with (read back from PostgreSQL)', async () => {
    const stale = await createRequest({ title: 'Programer, brzo zatvoren' });
    await relay();
    expect(idsOf(await search(trainee, { q: 'programer' })).sort()).toEqual(
      [ids.programer, stale].sort(),
    );
    await pastDeadline(stale, false);
    expect(idsOf(await search(trainee, { q: 'programer' }))).toEqual([ids.programer]);
    await t.http.post(`/api/work-requests/${stale}/close`).set(auth(company)).expect(200);
    await relay();
  });

  it('orders by relevance, then the nearest deadline', async () => {
    const body = await search(trainee, { limit: '100' });
    expect(idsOf(body)).toEqual([ids.programer, ids.widget, ids.analyst, ids.cyrillic, ids.python]);
  });

  it('a Cyrillic query finds Latin-script text and a Latin query Cyrillic text, with typos', async () => {
    expect(idsOf(await search(trainee, { q: 'програмер' }))).toEqual([ids.programer]);
    expect(idsOf(await search(trainee, { q: 'Programmer' }))).toEqual([ids.programer]);
    expect(idsOf(await search(trainee, { q: 'Београд' }))).toEqual([ids.programer]);
    expect(idsOf(await search(trainee, { q: 'Beograd' }))).toEqual([ids.programer]);
    expect(idsOf(await search(trainee, { q: 'operater podrske' }))).toEqual([ids.cyrillic]);
    expect(idsOf(await search(trainee, { q: 'одржавање' }))).toEqual([ids.programer]);
  });

  it('shapes items like the opportunity responses, plus kind', async () => {
    const body = await search(broker, { limit: '100' });
    const request = body.items.find((i) => i.id === ids.programer);
    expect(request).toMatchObject({
      kind: 'work_request',
      status: 'open',
      title: 'Programer za veb aplikacije',
      city: 'Belgrade',
      cityLocalName: 'Београд',
      countries: ['RS'],
      skills: [{ skillId: skills.JavaScript, minLevel: 2, mustHave: true }],
    });
    expect(request).not.toHaveProperty('fit');
    const listing = body.items.find((i) => i.id === ids.widget);
    expect(listing).toMatchObject({ kind: 'listing', source: 'upwork' });
    expect(listing).toHaveProperty('risk.level');
  });

  it('counts facets over every hit of the current filters', async () => {
    const all = await search(trainee, { limit: '1' });
    expect(all.facets.kinds).toEqual([
      { value: 'work_request', count: 3 },
      { value: 'listing', count: 2 },
    ]);
    expect(all.facets.workModes).toEqual([
      { value: 'remote', count: 4 },
      { value: 'hybrid', count: 1 },
    ]);
    expect(all.facets.engagementTypes).toEqual([
      { value: 'freelance', count: 3 },
      { value: 'part_time', count: 2 },
    ]);
    expect(all.facets.countries).toEqual([
      { value: 'RS', count: 2 },
      { value: 'AL', count: 1 },
      { value: 'ME', count: 1 },
      { value: 'XK', count: 1 },
    ]);
    const js = all.facets.skills.find((s) => s.value === skills.JavaScript);
    expect(js).toEqual({ value: skills.JavaScript, count: 3, name: 'JavaScript' });
    const remote = await search(trainee, { workModes: 'remote' });
    expect(remote.facets.workModes).toEqual([{ value: 'remote', count: 4 }]);
    expect(remote.facets.kinds).toEqual([
      { value: 'listing', count: 2 },
      { value: 'work_request', count: 2 },
    ]);
  });

  it('each filter narrows', async () => {
    const sorted = async (query: Record<string, string>) =>
      idsOf(await search(trainee, { ...query, limit: '100' })).sort();
    expect(await sorted({ skills: skills.SQL })).toEqual([ids.analyst]);
    expect(await sorted({ skills: `${skills.JavaScript},${skills.SQL}` })).toEqual([]);
    expect(await sorted({ kind: 'listing' })).toEqual([ids.widget, ids.python].sort());
    expect(await sorted({ kind: 'work_request' })).toEqual(
      [ids.programer, ids.analyst, ids.cyrillic].sort(),
    );
    expect(await sorted({ workModes: 'hybrid' })).toEqual([ids.programer]);
    expect(await sorted({ engagementTypes: 'part_time' })).toEqual(
      [ids.programer, ids.cyrillic].sort(),
    );
    // work open to every country passes a country filter
    expect(await sorted({ countries: 'ME' })).toEqual(
      [ids.cyrillic, ids.analyst, ids.python].sort(),
    );
    expect(await sorted({ countries: 'XK', kind: 'listing' })).toEqual(
      [ids.widget, ids.python].sort(),
    );
    expect(await sorted({ q: 'programer', workModes: 'remote' })).toEqual([]);
  });

  it('brokers see every open request and only their own listings; risk is for them only', async () => {
    expect(idsOf(await search(broker, { limit: '100' })).sort()).toEqual(
      [ids.programer, ids.analyst, ids.cyrillic, ids.widget].sort(),
    );
    expect(idsOf(await search(otherBroker, { kind: 'listing' }))).toEqual([ids.python]);
    const admin = await loginAdmin(t);
    expect(idsOf(await search(admin, { limit: '100' })).sort()).toEqual(visible().sort());
    const forTrainee = await search(trainee, { kind: 'listing' });
    for (const item of forTrainee.items) expect(item).not.toHaveProperty('risk');
  });

  it('companies and trainers get 403 problem+json; nobody signed in 401', async () => {
    const trainer = await makeTrainer(t);
    for (const who of [company, trainer]) {
      const res = await t.http.get('/api/opportunities').set(auth(who));
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    await t.http.get('/api/opportunities').expect(401);
  });

  it("gives a trainee each item's fit, the score recommendations give", async () => {
    const body = await search(trainee, { limit: '100' });
    const recommended = (
      await t.http.get('/api/profiles/me/recommendations?limit=50').set(auth(trainee)).expect(200)
    ).body as { opportunity: { id: string }; score: number }[];
    expect(recommended.length).toBeGreaterThan(1);
    const byId = new Map(body.items.map((i) => [i.id, i]));
    for (const r of recommended) {
      const item = byId.get(r.opportunity.id);
      expect(item?.fit?.eligible).toBe(true);
      // "now" moves between the two requests: the activity component may differ in the 6th place
      expect(item?.fit?.score).toBeCloseTo(r.score, 4);
    }
    const recommendedIds = new Set(recommended.map((r) => r.opportunity.id));
    for (const item of body.items.filter((i) => !recommendedIds.has(i.id))) {
      expect(item.fit).toMatchObject({ eligible: false });
      expect(typeof item.fit?.score).toBe('number');
    }
    // the Python listing needs a skill the trainee lacks
    expect(byId.get(ids.python)?.fit?.eligible).toBe(false);
  });

  it('a trainee without a profile gets items with fit null', async () => {
    const erased = await registerTrainee(t, { displayName: 'No Profile' });
    await t.app.get(DataSource).query(`DELETE FROM profiles WHERE user_id = $1`, [erased.id]);
    const body = await search(erased, { limit: '100' });
    expect(body.items.length).toBe(visible().length);
    for (const item of body.items) expect(item.fit).toBeNull();
  });

  describe('pages', () => {
    beforeAll(async () => {
      // an import commits in one transaction: equal created_at, equal deadlines, order by id
      const deadline = inDays(12);
      const rows = Array.from({ length: 9 }, (_, i) => ({
        title: `Support shift ${i + 1}`,
        description: 'Chat support in English',
        skills: 'JavaScript',
        source: 'upwork',
        sourceUrl: uniqueSourceUrl(),
        engagementType: 'freelance',
        workMode: 'remote',
        openings: 1,
        deadline: i < 6 ? deadline : inDays(13 + i),
      }));
      const res = await t.http.post('/api/listings/import').set(auth(broker)).send(rows);
      expect(res.status).toBe(200);
      expect(res.body.created).toBe(9);
      await relay();
    });

    const walk = async (query: Record<string, string>, limit: number) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const body = await search(trainee, {
          ...query,
          limit: String(limit),
          ...(cursor === null ? {} : { cursor }),
        });
        expect(body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...idsOf(body));
        cursor = body.nextCursor;
      } while (cursor !== null);
      return seen;
    };

    it('walks every hit once, in the order of one big page, with and without text', async () => {
      const queries: Record<string, string>[] = [
        {},
        { q: 'support' },
        { q: 'support shift', kind: 'listing' },
      ];
      for (const query of queries) {
        const whole = idsOf(await search(trainee, { ...query, limit: '100' }));
        expect(whole.length).toBeGreaterThan(3);
        for (const limit of [1, 2, 4]) {
          const walked = await walk(query, limit);
          expect(walked).toEqual(whole);
          expect(new Set(walked).size).toBe(walked.length);
        }
      }
    });

    it('continues in place when the last item of a page closed meanwhile', async () => {
      const whole = idsOf(await search(trainee, { kind: 'listing', limit: '100' }));
      const first = await search(trainee, { kind: 'listing', limit: '3' });
      expect(idsOf(first)).toEqual(whole.slice(0, 3));
      const last = first.items[2];
      const owner = last.id === ids.python ? otherBroker : broker;
      await t.http.post(`/api/listings/${last.id}/close`).set(auth(owner)).expect(200);
      await relay();
      const next = await search(trainee, {
        kind: 'listing',
        limit: '3',
        cursor: first.nextCursor as string,
      });
      expect(idsOf(next)).toEqual(whole.slice(3, 6));
    });
  });

  it('bad input is a 400 naming the parameter', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ skills: 'javascript' }, 'skills'],
      [{ skills: '6f1c0d3e-1b7a-4c55-9a0e-2f4b8d9c1e77' }, 'skills'],
      [{ countries: 'ZZ' }, 'countries'],
      [{ countries: 'Serbia' }, 'countries'],
      [{ workModes: 'remote,space' }, 'workModes'],
      [{ engagementTypes: 'gig' }, 'engagementTypes'],
      [{ kind: 'job' }, 'kind'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '101' }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ sort: 'rate' }, 'sort'],
    ];
    for (const [query, field] of cases) {
      const res = await t.http.get('/api/opportunities').query(query).set(auth(trainee));
      expect([res.status, JSON.stringify(query)]).toEqual([400, JSON.stringify(query)]);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});
