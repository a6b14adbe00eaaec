import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { MailRelay } from '@app/mail';
import { SavedSearchAlerts } from '@app/saved-searches';
import { OutboxRelay } from '@app/search';
import {
  loginAdmin,
  makeBroker,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { startTestMailSink, type TestMailSink } from '../support/mail-sink.js';
import {
  makeListingBody,
  resolvedPostings,
  type ResolvedPosting,
} from '../support/opportunity-factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PROBLEM = /^application\/problem\+json/;
/** A known town per country, for profiles placed there. */
const TOWNS: Record<string, string> = {
  RS: 'Novi Sad',
  XK: 'Prishtina',
  AL: 'Tirana',
  MK: 'Skopje',
  ME: 'Podgorica',
};
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

interface SavedSearch {
  id: string;
  name: string;
  kind: string;
  query: Record<string, string>;
  alert: string;
  lastRunAt: string | null;
  nextRunAt: string | null;
}

interface Notification {
  kind: string;
  title: string;
  body: string;
  data: { savedSearchId?: string; itemIds?: string[] };
}

function fieldsOf(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}

describe('saved searches and their alerts (HTTP, real engine and SMTP)', () => {
  let t: TestApp;
  let sink: TestMailSink;
  let skills: Record<string, string>;
  let company: SignedIn;
  let otherCompany: SignedIn;
  let broker: SignedIn;
  let trainee: SignedIn;
  const bearer = (who: SignedIn) => ({ Authorization: `Bearer ${who.accessToken}` });
  const alerts = () => t.app.get(SavedSearchAlerts);
  const relay = () => t.app.get(OutboxRelay).drain();

  const save = (who: SignedIn, body: Record<string, unknown>) =>
    t.http.post('/api/saved-searches').set(bearer(who)).send(body);

  async function saved(who: SignedIn, body: Record<string, unknown>): Promise<SavedSearch> {
    const res = await save(who, body);
    if (res.status !== 201) throw new Error(`save failed: ${res.status} ${res.text}`);
    return res.body as SavedSearch;
  }

  async function alertsOf(who: SignedIn, savedSearchId: string): Promise<Notification[]> {
    const res = await t.http.get('/api/notifications?limit=100').set(bearer(who)).expect(200);
    return (res.body.items as Notification[]).filter(
      (n) => n.kind === 'search.alert' && n.data.savedSearchId === savedSearchId,
    );
  }

  /** A trainee with a profile (indexed once the relay runs). */
  async function person(displayName: string, profile: Record<string, unknown>) {
    const who = await registerTrainee(t, { displayName });
    const body = await putProfile(t, who, {
      city: TOWNS[(profile.country as string | undefined) ?? 'RS'],
      ...profile,
    });
    return { who, id: body.id };
  }

  beforeAll(async () => {
    sink = await startTestMailSink();
    t = await createTestApp({
      SMTP_URL: sink.url,
      PUBLIC_URL: 'https://talentbridge.test',
      SAVED_SEARCH_ALERT_INTERVAL_SECONDS: '60',
    });
    skills = await skillIds(t, ['JavaScript', 'SQL']);
    [company, otherCompany, broker, trainee] = await Promise.all([
      registerCompany(t),
      registerCompany(t),
      makeBroker(t),
      registerTrainee(t),
    ]);
    // a new app and four accounts: generous on a busy machine
  }, 180_000);

  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  describe('saving, reading, changing and deleting', () => {
    it('a company saves a talent search; it is listed, read, changed and deleted by its owner', async () => {
      const created = await saved(company, {
        name: 'JavaScript in Kosovo',
        kind: 'talent',
        query: { q: 'react', skills: [`${skills.JavaScript}:3`], countries: ['XK', 'AL'] },
        alert: 'daily',
      });
      expect(created).toMatchObject({
        name: 'JavaScript in Kosovo',
        kind: 'talent',
        // lists are stored as the query string has them
        query: { q: 'react', skills: `${skills.JavaScript}:3`, countries: 'XK,AL' },
        alert: 'daily',
        lastRunAt: null,
      });
      // the next 08:00 in Belgrade
      const next = new Date(created.nextRunAt as string);
      expect(next.getTime()).toBeGreaterThan(Date.now());
      expect(next.getTime() - Date.now()).toBeLessThanOrEqual(DAY);
      expect(
        new Intl.DateTimeFormat('en-GB', {
          timeZone: 'Europe/Belgrade',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(next),
      ).toBe('08:00');

      const list = await t.http.get('/api/saved-searches').set(bearer(company)).expect(200);
      expect(list.body.items.map((s: SavedSearch) => s.id)).toContain(created.id);
      await t.http.get(`/api/saved-searches/${created.id}`).set(bearer(company)).expect(200);

      const changed = await t.http
        .patch(`/api/saved-searches/${created.id}`)
        .set(bearer(company))
        .send({ name: 'JavaScript anywhere', query: { skills: skills.JavaScript }, alert: 'off' })
        .expect(200);
      expect(changed.body).toMatchObject({
        name: 'JavaScript anywhere',
        query: { skills: skills.JavaScript },
        alert: 'off',
        nextRunAt: null,
      });

      await t.http.delete(`/api/saved-searches/${created.id}`).set(bearer(company)).expect(204);
      await t.http.get(`/api/saved-searches/${created.id}`).set(bearer(company)).expect(404);
    });

    it('a bad filter is a 400 naming it (query.<parameter>), by the talent search’s own rules', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ skills: 'not-a-uuid' }, 'query.skills'],
        [{ skills: `${skills.JavaScript}:9` }, 'query.skills'],
        [{ countries: 'XX' }, 'query.countries'],
        [{ languages: 'en:Z9' }, 'query.languages'],
        [{ workModes: 'moon' }, 'query.workModes'],
        [{ near: '91,0,10' }, 'query.near'],
        [{ verified: 'maybe' }, 'query.verified'],
        [{ sort: 'random' }, 'query.sort'],
        [{ q: 'x'.repeat(201) }, 'query.q'],
        [{ colour: 'blue' }, 'query.colour'],
        [{ limit: '10' }, 'query.limit'],
        [{ cursor: 'abc' }, 'query.cursor'],
        [{ q: { nested: true } }, 'query.q'],
        [{ includeNotOpen: 'true' }, 'query.includeNotOpen'],
      ];
      for (const [query, field] of cases) {
        const res = await save(company, { name: 'Bad', kind: 'talent', query, alert: 'off' });
        expect({ query, status: res.status }).toEqual({ query, status: 400 });
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(fieldsOf(res.body)).toContain(field);
      }
      // a broker may include people not open to work, as in GET /api/talent
      await saved(broker, {
        name: 'Everyone with SQL',
        kind: 'talent',
        query: { skills: skills.SQL, includeNotOpen: true },
        alert: 'off',
      });
      for (const [body, field] of [
        [{ kind: 'people', query: {}, alert: 'off', name: 'x' }, 'kind'],
        [{ kind: 'talent', query: {}, alert: 'hourly', name: 'x' }, 'alert'],
        [{ kind: 'talent', query: [], alert: 'off', name: 'x' }, 'query'],
        [{ kind: 'talent', query: {}, alert: 'off' }, 'name'],
        [{ kind: 'talent', query: {}, alert: 'off', name: '\u202e' }, 'name'],
      ] as [Record<string, unknown>, string][]) {
        const res = await save(company, body);
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toContain(field);
      }
    });

    it('a bad filter in a PATCH is a 400 naming it, and nothing changes', async () => {
      const s = await saved(company, {
        name: 'SQL',
        kind: 'talent',
        query: { skills: skills.SQL },
        alert: 'instant',
      });
      const res = await t.http
        .patch(`/api/saved-searches/${s.id}`)
        .set(bearer(company))
        .send({ name: 'Renamed', query: { countries: 'RS,ZZ' } })
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(['query.countries']);
      const after = await t.http
        .get(`/api/saved-searches/${s.id}`)
        .set(bearer(company))
        .expect(200);
      expect(after.body).toMatchObject({ name: 'SQL', query: { skills: skills.SQL } });
      const kindChange = await t.http
        .patch(`/api/saved-searches/${s.id}`)
        .set(bearer(company))
        .send({ kind: 'opportunities' })
        .expect(400);
      expect(fieldsOf(kindChange.body)).toContain('kind');
      await t.http.delete(`/api/saved-searches/${s.id}`).set(bearer(company)).expect(204);
    });

    it('trainees save opportunities, companies and brokers talent; other pairs are a 403 naming kind', async () => {
      const admin = await loginAdmin(t);
      for (const [who, kind] of [
        [trainee, 'talent'],
        [company, 'opportunities'],
        [broker, 'opportunities'],
        [admin, 'talent'],
        [admin, 'opportunities'],
      ] as [SignedIn, string][]) {
        const res = await save(who, { name: 'Not mine to save', kind, query: {}, alert: 'off' });
        expect({ kind, status: res.status }).toEqual({ kind, status: 403 });
        expect(res.body.code).toBe('SAVED_SEARCH_KIND_FORBIDDEN');
        expect(fieldsOf(res.body)).toEqual(['kind']);
      }
      const bad = await save(trainee, {
        name: 'Remote',
        kind: 'opportunities',
        query: { workModes: 'remote,orbit', kind: 'gig' },
        alert: 'off',
      });
      expect(bad.status).toBe(400);
      expect(fieldsOf(bad.body).sort()).toEqual(['query.kind', 'query.workModes']);
      const unknownSkill = await save(trainee, {
        name: 'Unknown skill',
        kind: 'opportunities',
        query: { skills: '00000000-0000-4000-8000-000000000000' },
        alert: 'off',
      });
      expect(unknownSkill.status).toBe(400);
      expect(fieldsOf(unknownSkill.body)).toEqual(['query.skills']);
    });

    it('a person keeps at most 50; the 51st is a 409 problem until one is deleted', async () => {
      const holder = await registerCompany(t);
      const ids: string[] = [];
      for (let i = 0; i < 50; i += 1) {
        ids.push(
          (await saved(holder, { name: `S${i}`, kind: 'talent', query: {}, alert: 'off' })).id,
        );
      }
      const over = await save(holder, { name: 'S50', kind: 'talent', query: {}, alert: 'off' });
      expect(over.status).toBe(409);
      expect(over.headers['content-type']).toMatch(PROBLEM);
      expect(over.body).toMatchObject({ code: 'SAVED_SEARCH_LIMIT_REACHED', limit: 50 });
      // another person is not affected
      await saved(otherCompany, { name: 'Mine', kind: 'talent', query: {}, alert: 'off' });
      await t.http.delete(`/api/saved-searches/${ids[0]}`).set(bearer(holder)).expect(204);
      await saved(holder, { name: 'S50', kind: 'talent', query: {}, alert: 'off' });
      const list = await t.http.get('/api/saved-searches').set(bearer(holder)).expect(200);
      expect(list.body.items).toHaveLength(50);
    });

    it('only the owner reads, changes, runs or deletes a saved search: anyone else gets 404', async () => {
      const mine = await saved(company, {
        name: 'Private to me',
        kind: 'talent',
        query: { countries: 'XK' },
        alert: 'instant',
      });
      for (const who of [otherCompany, broker, trainee]) {
        const as = bearer(who);
        await t.http.get(`/api/saved-searches/${mine.id}`).set(as).expect(404);
        await t.http.get(`/api/saved-searches/${mine.id}/results`).set(as).expect(404);
        await t.http
          .patch(`/api/saved-searches/${mine.id}`)
          .set(as)
          .send({ name: 'Taken over', alert: 'off' })
          .expect(404);
        await t.http.delete(`/api/saved-searches/${mine.id}`).set(as).expect(404);
        const theirs = await t.http.get('/api/saved-searches').set(as).expect(200);
        expect(theirs.body.items.map((s: SavedSearch) => s.id)).not.toContain(mine.id);
      }
      await t.http.get('/api/saved-searches').expect(401);
      await t.http.get(`/api/saved-searches/${mine.id}`).expect(401);
      await t.http.get('/api/saved-searches/not-a-uuid').set(bearer(company)).expect(400);
      const still = await t.http
        .get(`/api/saved-searches/${mine.id}`)
        .set(bearer(company))
        .expect(200);
      expect(still.body).toMatchObject({ name: 'Private to me', alert: 'instant' });
      await t.http.delete(`/api/saved-searches/${mine.id}`).set(bearer(company)).expect(204);
    });
  });

  describe('results and alerts of a talent search', () => {
    it('runs now with the talent search’s answer and its visibility rules for the owner', async () => {
      const visible = await person('Visible Results', {
        country: 'ME',
        visibility: 'companies',
        skills: [{ skillId: skills.SQL, level: 3 }],
      });
      const brokersOnly = await person('Brokers Results', {
        country: 'ME',
        visibility: 'brokers',
        skills: [{ skillId: skills.SQL, level: 3 }],
      });
      await relay();
      const body = {
        name: 'SQL in Montenegro',
        kind: 'talent',
        query: { skills: skills.SQL, countries: 'ME' },
        alert: 'off',
      };
      const forCompany = await saved(company, body);
      const forBroker = await saved(broker, body);
      const run = async (who: SignedIn, id: string, query = '') =>
        (await t.http.get(`/api/saved-searches/${id}/results${query}`).set(bearer(who)).expect(200))
          .body as { items: { id: string }[]; facets: unknown; nextCursor: string | null };
      const companyRun = await run(company, forCompany.id);
      expect(companyRun.items.map((i) => i.id)).toEqual([visible.id]);
      expect(companyRun).toHaveProperty('facets');
      expect((await run(broker, forBroker.id)).items.map((i) => i.id).sort()).toEqual(
        [visible.id, brokersOnly.id].sort(),
      );
      const page = await run(broker, forBroker.id, '?limit=1');
      expect(page.items).toHaveLength(1);
      expect(page.nextCursor).not.toBeNull();
      const bad = await t.http
        .get(`/api/saved-searches/${forBroker.id}/results?limit=0`)
        .set(bearer(broker))
        .expect(400);
      expect(fieldsOf(bad.body)).toEqual(['limit']);
    });

    it('alerts once about a new matching profile, never about a private or unseeable one', async () => {
      const start = Date.now();
      const search = await saved(company, {
        name: 'JavaScript in Kosovo',
        kind: 'talent',
        query: { skills: skills.JavaScript, countries: 'XK' },
        alert: 'instant',
      });
      const matching = {
        country: 'XK',
        city: 'Prishtina',
        skills: [{ skillId: skills.JavaScript, level: 4 }],
      };
      const fresh = await person('Arta Krasniqi', {
        ...matching,
        visibility: 'companies',
        headline: 'React developer',
      });
      await person('Private Person', { ...matching, visibility: 'private' });
      await person('Brokers Only', { ...matching, visibility: 'brokers' });
      await person('Not Looking', { ...matching, visibility: 'companies', openToWork: false });
      await person('Elsewhere', {
        ...matching,
        country: 'AL',
        city: 'Tirana',
        visibility: 'companies',
      });
      await relay();

      // not due yet: nothing
      await alerts().runDue(new Date(start + 10_000));
      expect(await alertsOf(company, search.id)).toHaveLength(0);

      await alerts().runDue(new Date(start + 2 * MINUTE));
      const told = await alertsOf(company, search.id);
      expect(told).toHaveLength(1);
      expect(told[0].data.itemIds).toEqual([fresh.id]);
      expect(told[0].title).toBe('1 new for your saved search "JavaScript in Kosovo"');
      expect(told[0].body).toContain('Arta Krasniqi — React developer');
      expect(told[0].body).not.toContain('Private Person');
      expect(told[0].body).not.toContain('Brokers Only');

      // the same profile changes and still matches: not told again
      await putProfile(t, fresh.who, {
        ...matching,
        visibility: 'companies',
        headline: 'React and Node developer',
      });
      await relay();
      await alerts().runDue(new Date(start + 4 * MINUTE));
      await alerts().runDue(new Date(start + 6 * MINUTE));
      expect(await alertsOf(company, search.id)).toHaveLength(1);

      const after = await t.http
        .get(`/api/saved-searches/${search.id}`)
        .set(bearer(company))
        .expect(200);
      expect(after.body.lastRunAt).toBe(new Date(start + 6 * MINUTE).toISOString());
    });

    it('re-checks visibility when sending: a profile made private after it was indexed is never alerted', async () => {
      const search = await saved(company, {
        name: 'SQL in North Macedonia',
        kind: 'talent',
        query: { skills: skills.SQL, countries: 'MK' },
        alert: 'instant',
      });
      const matching = {
        country: 'MK',
        city: 'Skopje',
        skills: [{ skillId: skills.SQL, level: 2 }],
      };
      const goingPrivate = await person('Goes Private', { ...matching, visibility: 'companies' });
      await relay();
      // private in PostgreSQL, still in the index (the relay has not run)
      await putProfile(t, goingPrivate.who, { ...matching, visibility: 'private' });
      await alerts().runDue(new Date(Date.now() + 2 * MINUTE));
      expect(await alertsOf(company, search.id)).toHaveLength(0);
      await relay();
      await alerts().runDue(new Date(Date.now() + 4 * MINUTE));
      expect(await alertsOf(company, search.id)).toHaveLength(0);
    });

    it('two workers running at once tell about an item once', async () => {
      const search = await saved(broker, {
        name: 'SQL in Albania',
        kind: 'talent',
        query: { skills: skills.SQL, countries: 'AL' },
        alert: 'instant',
      });
      const p = await person('Once Only', {
        country: 'AL',
        visibility: 'brokers',
        skills: [{ skillId: skills.SQL, level: 2 }],
      });
      await relay();
      const now = new Date(Date.now() + 2 * MINUTE);
      await Promise.all([alerts().runDue(now), alerts().runDue(now)]);
      const told = await alertsOf(broker, search.id);
      expect(told).toHaveLength(1);
      expect(told[0].data.itemIds).toEqual([p.id]);
    });
    it('one batch, several owners and roles, two workers at once: each search tells each item it may see once', async () => {
      const query = { skills: skills.JavaScript, countries: 'ME' };
      const searches = [
        {
          who: company,
          search: await saved(company, { name: 'A', kind: 'talent', query, alert: 'instant' }),
        },
        {
          who: otherCompany,
          search: await saved(otherCompany, { name: 'B', kind: 'talent', query, alert: 'instant' }),
        },
        {
          who: broker,
          search: await saved(broker, { name: 'C', kind: 'talent', query, alert: 'instant' }),
        },
        {
          who: broker,
          search: await saved(broker, {
            name: 'D',
            kind: 'talent',
            query: { ...query, includeNotOpen: true },
            alert: 'instant',
          }),
        },
      ];
      const matching = {
        country: 'ME',
        city: 'Podgorica',
        skills: [{ skillId: skills.JavaScript, level: 3 }],
      };
      const forCompanies = await person('Seen By Companies', {
        ...matching,
        visibility: 'companies',
      });
      const forBrokers = await person('Seen By Brokers', { ...matching, visibility: 'brokers' });
      const notLooking = await person('Not Looking Now', {
        ...matching,
        visibility: 'brokers',
        openToWork: false,
      });
      await relay();
      const now = new Date(Date.now() + 2 * MINUTE);
      await Promise.all([alerts().runDue(now), alerts().runDue(now)]);
      await Promise.all([
        alerts().runDue(new Date(now.getTime() + 2 * MINUTE)),
        alerts().runDue(new Date(now.getTime() + 2 * MINUTE)),
      ]);

      const itemsOf = async (i: number) => {
        const told = await alertsOf(searches[i].who, searches[i].search.id);
        expect(told).toHaveLength(1);
        return [...(told[0].data.itemIds ?? [])].sort();
      };
      // companies see "companies" profiles only; brokers see both; not open to work only when asked
      expect(await itemsOf(0)).toEqual([forCompanies.id]);
      expect(await itemsOf(1)).toEqual([forCompanies.id]);
      expect(await itemsOf(2)).toEqual([forCompanies.id, forBrokers.id].sort());
      expect(await itemsOf(3)).toEqual([forCompanies.id, forBrokers.id, notLooking.id].sort());
    });
  });

  describe('alerts at 08:00 in the owner’s timezone', () => {
    it('a company in New York gets its daily alert at 08:00 New York time, then a day later', async () => {
      const owner = await registerCompany(t);
      await t.http
        .patch('/api/me')
        .set(bearer(owner))
        .send({ timezone: 'America/New_York' })
        .expect(200);
      const search = await saved(owner, {
        name: 'SQL in Montenegro',
        kind: 'talent',
        query: { skills: skills.SQL, countries: 'ME' },
        alert: 'daily',
      });
      const newYork = (at: Date) =>
        new Intl.DateTimeFormat('en-GB', {
          timeZone: 'America/New_York',
          hourCycle: 'h23',
          hour: '2-digit',
          minute: '2-digit',
        }).format(at);
      const at = new Date(search.nextRunAt as string);
      expect(newYork(at)).toBe('08:00');
      expect(at.getTime()).toBeGreaterThan(Date.now() - MINUTE);
      expect(at.getTime()).toBeLessThanOrEqual(Date.now() + DAY);

      const p = await person('Late Riser', {
        country: 'ME',
        city: 'Podgorica',
        visibility: 'companies',
        skills: [{ skillId: skills.SQL, level: 2 }],
      });
      await relay();
      // 08:00 in Belgrade is not 08:00 in New York: nothing before the owner's morning
      await alerts().runDue(new Date(at.getTime() - MINUTE));
      expect(await alertsOf(owner, search.id)).toHaveLength(0);
      await alerts().runDue(new Date(at.getTime() + MINUTE));
      const told = await alertsOf(owner, search.id);
      expect(told).toHaveLength(1);
      expect(told[0].data.itemIds).toEqual([p.id]);

      const next = await t.http
        .get(`/api/saved-searches/${search.id}`)
        .set(bearer(owner))
        .expect(200);
      const nextAt = new Date(next.body.nextRunAt as string);
      expect(newYork(nextAt)).toBe('08:00');
      // a day later (23 or 25 hours across a daylight-saving change)
      expect(Math.abs(nextAt.getTime() - at.getTime() - DAY)).toBeLessThanOrEqual(60 * MINUTE);
    });
  });

  describe('a daily opportunity search', () => {
    let postings: ResolvedPosting[];

    beforeAll(async () => {
      postings = await resolvedPostings(t, await loginAdmin(t), 3);
    });

    beforeEach(async () => {
      await t.app.get(MailRelay).drain();
      sink.clear();
    });

    it('sends one digest at 08:00 Belgrade time with the two new listings, and nothing the next day', async () => {
      const reader = await registerTrainee(t, { displayName: 'Besa Hoxha' });
      const search = await saved(reader, {
        name: 'Remote in Kosovo',
        kind: 'opportunities',
        query: { countries: 'XK', workModes: ['remote'] },
        alert: 'daily',
      });
      const titles: string[] = [];
      for (const [i, overrides] of [
        [0, { workMode: 'remote', countries: ['XK', 'AL'] }],
        [1, { workMode: 'remote', countries: ['XK'] }],
        [2, { workMode: 'onsite', countries: ['RS'], city: 'Novi Sad' }],
      ] as [number, Record<string, unknown>][]) {
        const res = await t.http
          .post('/api/listings')
          .set(bearer(broker))
          .send(makeListingBody(postings[i], overrides));
        expect(res.status).toBe(201);
        expect(res.body.status).toBe('open');
        titles.push(res.body.title as string);
      }
      await relay();

      const results = await t.http
        .get(`/api/saved-searches/${search.id}/results`)
        .set(bearer(reader))
        .expect(200);
      expect(results.body.items.map((i: { title: string }) => i.title).sort()).toEqual(
        titles.slice(0, 2).sort(),
      );

      const at = new Date(search.nextRunAt as string);
      await alerts().runDue(new Date(at.getTime() - MINUTE));
      expect(await alertsOf(reader, search.id)).toHaveLength(0);

      await alerts().runDue(new Date(at.getTime() + MINUTE));
      const told = await alertsOf(reader, search.id);
      expect(told).toHaveLength(1);
      expect(told[0].title).toBe('2 new for your saved search "Remote in Kosovo"');
      expect(told[0].body).toContain(titles[0]);
      expect(told[0].body).toContain(titles[1]);
      expect(told[0].body).not.toContain(titles[2]);

      await t.app.get(MailRelay).drain();
      const mails = sink
        .to(reader.email)
        .filter((m) => !(m.text ?? '').includes('/api/auth/verify-email'));
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('2 new for your saved search "Remote in Kosovo"');
      expect(mails[0].text).toContain(titles[0]);
      expect(mails[0].text).toContain(titles[1]);

      const next = await t.http
        .get(`/api/saved-searches/${search.id}`)
        .set(bearer(reader))
        .expect(200);
      expect(new Date(next.body.nextRunAt).getTime()).toBe(at.getTime() + DAY);

      await alerts().runDue(new Date(at.getTime() + DAY + MINUTE));
      expect(await alertsOf(reader, search.id)).toHaveLength(1);
      await t.app.get(MailRelay).drain();
      expect(
        sink.to(reader.email).filter((m) => !(m.text ?? '').includes('/api/auth/verify-email')),
      ).toHaveLength(1);
    });
  });
});
