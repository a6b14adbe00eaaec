import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OutboxRelay } from '@app/search';
import { FORENAMES, SURNAMES } from '../fixtures/names.js';
import {
  loginAdmin,
  makeBroker,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { makeProfileBody, putProfile, skillIds } from '../support/profile-factories.js';
import { testMeili } from '../support/test-context.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const INCLUSION = { sex: 'female', birthYear: 1987, groups: ['returnee', 'former_prisoner'] };
const INCLUSION_KEYS = ['sex', 'birthYear', 'groups', 'inclusion', 'consentToReporting'];

/** Every key and primitive value anywhere in a JSON body. */
function walk(body: unknown, keys: Set<string> = new Set(), values: unknown[] = []) {
  if (Array.isArray(body)) body.forEach((v) => walk(v, keys, values));
  else if (body !== null && typeof body === 'object') {
    for (const [k, v] of Object.entries(body)) {
      keys.add(k);
      walk(v, keys, values);
    }
  } else values.push(body);
  return { keys, values };
}

function expectNoInclusionData(body: unknown): void {
  const { keys, values } = walk(body);
  for (const key of INCLUSION_KEYS) expect(keys.has(key)).toBe(false);
  for (const value of [INCLUSION.birthYear, ...INCLUSION.groups]) {
    expect(values).not.toContain(value);
  }
}

describe('profiles (HTTP)', () => {
  let t: TestApp;
  let skills: Record<string, string>;
  let broker: SignedIn;
  let company: SignedIn;
  let admin: SignedIn;

  const bearer = (user: SignedIn) => ({ Authorization: `Bearer ${user.accessToken}` });
  const getMine = (user: SignedIn) => t.http.get('/api/profiles/me').set(bearer(user));
  const sql = <T>(query: string, params: unknown[] = []): Promise<T[]> =>
    t.app.get(DataSource).query(query, params);

  beforeAll(async () => {
    t = await createTestApp();
    skills = await skillIds(t, ['JavaScript', 'SQL', 'customer service']);
    admin = await loginAdmin(t);
    broker = await makeBroker(t, admin);
    company = await registerCompany(t);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('own profile', () => {
    it('is created empty at registration, with version and ETag', async () => {
      const trainee = await registerTrainee(t, {
        displayName: `${FORENAMES.sofija.romanized} ${SURNAMES.jovanovic.romanized}`,
      });
      const res = await getMine(trainee).expect(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({
        displayName: 'Sofija Jovanović',
        version: 1,
        visibility: 'brokers',
        openToWork: true,
        skills: [],
        languages: [],
        headline: null,
        location: null,
      });
      expectNoInclusionData(res.body);
      expect(JSON.stringify(res.body)).not.toContain(trainee.email);
    });

    it('is replaced with If-Match; the city gets coordinates and skills get names', async () => {
      const trainee = await registerTrainee(t);
      const res = await t.http
        .put('/api/profiles/me')
        .set(bearer(trainee))
        .set('If-Match', '"1"')
        .send(
          makeProfileBody({
            skills: [
              { skillId: skills.JavaScript, level: 4, years: 3 },
              { skillId: skills.SQL, level: 2 },
            ],
            languages: [
              { code: 'en', level: 'C1' },
              { code: 'de', level: 'a2' },
            ],
          }),
        )
        .expect(200);
      expect(res.headers.etag).toBe('"2"');
      expect(res.body).toMatchObject({
        version: 2,
        country: 'RS',
        city: 'Novi Sad',
        hourlyRateEur: 12.5,
        availableFrom: '2026-12-01',
        visibility: 'companies',
        languages: [
          { code: 'de', level: 'A2' },
          { code: 'en', level: 'C1' },
        ],
      });
      expect(res.body.location.lat).toBeCloseTo(45.25, 1);
      expect(res.body.skills).toEqual([
        { skillId: skills.JavaScript, name: 'JavaScript', level: 4, years: 3, verified: false },
        { skillId: skills.SQL, name: 'SQL', level: 2, years: null, verified: false },
      ]);
      const again = await getMine(trainee).expect(200);
      expect(again.body).toEqual(res.body);

      // full replacement: a second update drops what it leaves out
      const second = await t.http
        .put('/api/profiles/me')
        .set(bearer(trainee))
        .set('If-Match', '"2"')
        .send({ country: 'AL', skills: [{ skillId: skills.SQL, level: 3 }] })
        .expect(200);
      expect(second.body).toMatchObject({
        version: 3,
        country: 'AL',
        city: null,
        headline: null,
        languages: [],
        portfolio: [],
        skills: [{ skillId: skills.SQL, level: 3 }],
      });
    });

    it('a stale If-Match is 412 and changes nothing', async () => {
      const trainee = await registerTrainee(t);
      await putProfile(t, trainee, { headline: 'First edit' });
      const before = await getMine(trainee).expect(200);
      const res = await t.http
        .put('/api/profiles/me')
        .set(bearer(trainee))
        .set('If-Match', '"1"')
        .send(
          makeProfileBody({ headline: 'Lost update', skills: [{ skillId: skills.SQL, level: 5 }] }),
        )
        .expect(412);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 412,
        code: 'PROFILE_VERSION_CONFLICT',
        currentVersion: 2,
      });
      const after = await getMine(trainee).expect(200);
      expect(after.body).toEqual(before.body);
      const [row] = await sql<{ headline: string; version: number }>(
        `SELECT headline, version FROM profiles WHERE id = $1`,
        [before.body.id],
      );
      expect(row).toEqual({ headline: 'First edit', version: 2 });
    });

    it('of two concurrent edits of one version exactly one wins', async () => {
      const trainee = await registerTrainee(t);
      const edit = (headline: string, level: number) =>
        t.http
          .put('/api/profiles/me')
          .set(bearer(trainee))
          .set('If-Match', '"1"')
          .send(makeProfileBody({ headline, skills: [{ skillId: skills.SQL, level }] }));
      const results = await Promise.all([edit('One', 1), edit('Two', 2), edit('Three', 3)]);
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([200, 412, 412]);
      const winner = results.find((r) => r.status === 200)!.body;
      const mine = await getMine(trainee).expect(200);
      expect(mine.body).toMatchObject({ version: 2, headline: winner.headline });
      expect(mine.body.skills).toEqual([
        expect.objectContaining({ level: winner.skills[0].level }),
      ]);
    });

    it('a missing If-Match is 428; an unreadable one is 400 naming it', async () => {
      const trainee = await registerTrainee(t);
      const res = await t.http.put('/api/profiles/me').set(bearer(trainee)).send(makeProfileBody());
      expect(res.status).toBe(428);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('PROFILE_VERSION_REQUIRED');
      const star = await t.http
        .put('/api/profiles/me')
        .set(bearer(trainee))
        .set('If-Match', '*')
        .send(makeProfileBody())
        .expect(400);
      expect(star.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);
    });

    describe('malformed input is a 400 naming the field, and nothing is written', () => {
      let trainee: SignedIn;
      beforeAll(async () => {
        trainee = await registerTrainee(t);
      });

      const cases: [string, () => Record<string, unknown>, string][] = [
        [
          'unknown skill id',
          () => ({
            skills: [
              { skillId: skills.SQL, level: 1 },
              { skillId: skills.JavaScript, level: 2 },
              { skillId: skills['customer service'], level: 2 },
              { skillId: randomUUID(), level: 3 },
            ],
          }),
          'skills[3].skillId',
        ],
        [
          'duplicate skill',
          () => ({
            skills: [
              { skillId: skills.SQL, level: 1 },
              { skillId: skills.SQL, level: 4 },
            ],
          }),
          'skills[1].skillId',
        ],
        [
          'skill level out of range',
          () => ({ skills: [{ skillId: skills.SQL, level: 6 }] }),
          'skills[0].level',
        ],
        [
          'too many skills',
          () => ({
            skills: Array.from({ length: 51 }, () => ({ skillId: randomUUID(), level: 1 })),
          }),
          'skills',
        ],
        [
          'bad CEFR level',
          () => ({ languages: [{ code: 'en', level: 'D1' }] }),
          'languages[0].level',
        ],
        [
          'bad language code',
          () => ({ languages: [{ code: 'english', level: 'B1' }] }),
          'languages[0].code',
        ],
        [
          'duplicate language',
          () => ({
            languages: [
              { code: 'en', level: 'B1' },
              { code: 'EN', level: 'C1' },
            ],
          }),
          'languages[1].code',
        ],
        ['bad country', () => ({ country: 'Serbia', city: undefined }), 'country'],
        ['unassigned country code', () => ({ country: 'QQ', city: undefined }), 'country'],
        ['unknown city', () => ({ country: 'RS', city: 'Atlantis' }), 'city'],
        [
          'unknown city abroad',
          () => ({ country: 'DE', city: 'Nowhereville an der Oder' }),
          'city',
        ],
        [
          'javascript: portfolio URL',
          () => ({ portfolio: [{ title: 'x', url: 'javascript:alert(1)' }] }),
          'portfolio[0].url',
        ],
        ['negative rate', () => ({ hourlyRateEur: -1 }), 'hourlyRateEur'],
        ['rate with three decimals', () => ({ hourlyRateEur: 10.125 }), 'hourlyRateEur'],
        ['hours out of range', () => ({ hoursPerWeek: 81 }), 'hoursPerWeek'],
        ['impossible date', () => ({ availableFrom: '2026-02-30' }), 'availableFrom'],
        ['unknown work mode', () => ({ workModes: ['teleport'] }), 'workModes'],
        ['unknown visibility', () => ({ visibility: 'everyone' }), 'visibility'],
        ['unknown field', () => ({ email: 'me@example.org' }), 'email'],
        [
          'nested unknown field',
          () => ({ skills: [{ skillId: skills.SQL, level: 1, verified: true }] }),
          'skills[0].verified',
        ],
      ];

      it.each(cases)('%s', async (_name, overrides, field) => {
        const res = await t.http
          .put('/api/profiles/me')
          .set(bearer(trainee))
          .set('If-Match', '"1"')
          .send(makeProfileBody(overrides()));
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
        const mine = await getMine(trainee).expect(200);
        expect(mine.body.version).toBe(1);
      });

      it('accepts a town abroad that the catalogue knows', async () => {
        const res = await t.http
          .put('/api/profiles/me')
          .set(bearer(trainee))
          .set('If-Match', '"1"')
          .send(makeProfileBody({ country: 'DE', city: 'Berlin' }))
          .expect(200);
        expect(res.body.location.lat).toBeCloseTo(52.5, 0);
      });

      it('a 10 MB body is 413', async () => {
        const res = await t.http
          .put('/api/profiles/me')
          .set(bearer(trainee))
          .set('If-Match', '"2"')
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ bio: 'x'.repeat(10 * 1024 * 1024) }));
        expect(res.status).toBe(413);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      });
    });
  });

  describe('who may read whom', () => {
    let owners: Record<'private' | 'brokers' | 'companies', { user: SignedIn; id: string }>;

    beforeAll(async () => {
      const make = async (visibility: string) => {
        const user = await registerTrainee(t);
        const body = await putProfile(t, user, { visibility });
        return { user, id: body.id };
      };
      owners = {
        private: await make('private'),
        brokers: await make('brokers'),
        companies: await make('companies'),
      };
    });

    const read = (viewer: SignedIn, id: string) =>
      t.http.get(`/api/profiles/${id}`).set(bearer(viewer));

    it('a company sees only profiles visible to companies', async () => {
      const ok = await read(company, owners.companies.id).expect(200);
      expect(ok.body).toMatchObject({ id: owners.companies.id, country: 'RS' });
      expect(ok.body).not.toHaveProperty('email');
      expect(ok.body).not.toHaveProperty('version');
      expect(JSON.stringify(ok.body)).not.toContain(owners.companies.user.email);
      await read(company, owners.brokers.id).expect(404);
      await read(company, owners.private.id).expect(404);
    });

    it('brokers and admins see brokers and companies profiles, never private ones', async () => {
      for (const viewer of [broker, admin]) {
        await read(viewer, owners.companies.id).expect(200);
        await read(viewer, owners.brokers.id).expect(200);
        await read(viewer, owners.private.id).expect(404);
      }
    });

    it('unknown and invisible look exactly the same', async () => {
      const invisible = await read(company, owners.private.id).expect(404);
      const unknown = await read(company, randomUUID()).expect(404);
      const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
      expect(strip(invisible.body)).toEqual(strip(unknown.body));
    });

    it('a malformed id is 400 naming it', async () => {
      const res = await read(broker, 'not-a-uuid').expect(400);
      expect(res.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
    });

    it("a trainee cannot read or write another trainee's profile", async () => {
      const other = owners.companies;
      await read(owners.brokers.user, other.id).expect(403);
      await t.http
        .put(`/api/profiles/${other.id}`)
        .set(bearer(owners.brokers.user))
        .set('If-Match', '"1"')
        .send(makeProfileBody())
        .expect(404);
      await t.http.delete(`/api/profiles/${other.id}`).set(bearer(owners.brokers.user)).expect(404);
      const [row] = await sql<{ version: number }>(`SELECT version FROM profiles WHERE id = $1`, [
        other.id,
      ]);
      expect(row.version).toBe(2);
    });

    it('the /me endpoints are for trainees only, and need a token', async () => {
      await t.http.get('/api/profiles/me').set(bearer(broker)).expect(403);
      await t.http.get('/api/profiles/me/export').set(bearer(company)).expect(403);
      await t.http.delete('/api/profiles/me').set(bearer(admin)).expect(403);
      await t.http.get('/api/profiles/me').expect(401);
      await t.http.get(`/api/profiles/${owners.companies.id}`).expect(401);
    });
  });

  describe('inclusion data', () => {
    it('is stored with consent, shown only in the export, and deleted when consent is withdrawn', async () => {
      const trainee = await registerTrainee(t);
      const profile = await putProfile(t, trainee, { visibility: 'companies' });
      await t.http
        .put('/api/profiles/me/inclusion')
        .set(bearer(trainee))
        .send({ ...INCLUSION, consentToReporting: true })
        .expect(204);

      const exported = await t.http.get('/api/profiles/me/export').set(bearer(trainee)).expect(200);
      expect(exported.body.inclusion).toMatchObject(INCLUSION);
      expect(exported.body.account).toMatchObject({
        id: trainee.id,
        email: trainee.email,
        role: 'trainee',
      });
      expect(JSON.stringify(exported.body)).not.toMatch(/password|hash|argon/i);
      expect(exported.body.profile).toMatchObject({ id: profile.id, version: profile.version });

      await t.app.get(OutboxRelay).drain();
      const bodies: unknown[] = [
        (await getMine(trainee).expect(200)).body,
        (await t.http.get(`/api/profiles/${profile.id}`).set(bearer(broker)).expect(200)).body,
        (await t.http.get(`/api/profiles/${profile.id}`).set(bearer(company)).expect(200)).body,
        (await t.http.get(`/api/profiles/${profile.id}`).set(bearer(admin)).expect(200)).body,
        (await t.http.get('/api/talent').set(bearer(broker)).expect(200)).body,
        (await t.http.get('/api/talent').set(bearer(company)).expect(200)).body,
        (await t.http.get('/api/me').set(bearer(trainee)).expect(200)).body,
        await testMeili().index(`${t.indexPrefix}profiles`).getDocument(profile.id),
      ];
      const updated = await putProfile(t, trainee, { headline: 'Updated' });
      bodies.push(updated);
      for (const body of bodies) expectNoInclusionData(body);

      await t.http
        .put('/api/profiles/me/inclusion')
        .set(bearer(trainee))
        .send({ consentToReporting: false })
        .expect(204);
      const after = await t.http.get('/api/profiles/me/export').set(bearer(trainee)).expect(200);
      expect(after.body.inclusion).toBeNull();
      const rows = await sql(`SELECT 1 FROM profile_inclusion WHERE profile_id = $1`, [profile.id]);
      expect(rows).toHaveLength(0);
    });

    it.each([
      [{ consentToReporting: true, groups: ['aliens'] }, 'groups'],
      [{ consentToReporting: true, groups: ['rural', 'rural'] }, 'groups'],
      [{ consentToReporting: true, birthYear: new Date().getUTCFullYear() - 5 }, 'birthYear'],
      [{ consentToReporting: true, birthYear: 1900 }, 'birthYear'],
      [{ consentToReporting: true, sex: 'unknown' }, 'sex'],
      [{ sex: 'female' }, 'consentToReporting'],
      [{ consentToReporting: 'yes' }, 'consentToReporting'],
      [{ consentToReporting: true, ethnicity: 'x' }, 'ethnicity'],
    ])('refuses %j naming %s', async (body, field) => {
      const trainee = await registerTrainee(t);
      const res = await t.http
        .put('/api/profiles/me/inclusion')
        .set(bearer(trainee))
        .send(body)
        .expect(400);
      expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
    });

    it('is for the trainee only', async () => {
      await t.http
        .put('/api/profiles/me/inclusion')
        .set(bearer(broker))
        .send({ consentToReporting: true })
        .expect(403);
    });
  });

  describe('erasure', () => {
    it('removes the person from search before answering; sign-in fails afterwards', async () => {
      const trainee = await registerTrainee(t, {
        displayName: `${FORENAMES.amelia.romanized} ${SURNAMES.hoxha.romanized}`,
      });
      const profile = await putProfile(t, trainee, {
        country: 'AL',
        city: 'Tirana',
        skills: [{ skillId: skills.SQL, level: 3 }],
      });
      await t.http
        .put('/api/profiles/me/inclusion')
        .set(bearer(trainee))
        .send({ ...INCLUSION, consentToReporting: true })
        .expect(204);
      await t.app.get(OutboxRelay).drain();
      const index = testMeili().index(`${t.indexPrefix}profiles`);
      expect((await index.getDocument(profile.id)).id).toBe(profile.id);

      await t.http.delete('/api/profiles/me').set(bearer(trainee)).expect(204);

      // straight after the DELETE, without draining anything
      await expect(index.getDocument(profile.id)).rejects.toMatchObject({
        cause: { code: 'document_not_found' },
      });
      const search = await index.search('Hoxha');
      expect(search.hits.map((h) => h.id)).not.toContain(profile.id);

      await t.http
        .post('/api/auth/login')
        .send({ email: trainee.email, password: trainee.password })
        .expect(401);
      await getMine(trainee).expect(401);
      await t.http.get(`/api/profiles/${profile.id}`).set(bearer(broker)).expect(404);

      const [row] = await sql<Record<string, unknown>>(
        `SELECT user_id, headline, bio, city, lat, portfolio, hourly_rate_eur, country, erased_at
           FROM profiles WHERE id = $1`,
        [profile.id],
      );
      expect(row).toMatchObject({
        user_id: null,
        headline: null,
        bio: null,
        city: null,
        lat: null,
        portfolio: [],
        hourly_rate_eur: null,
        country: 'AL',
      });
      expect(row.erased_at).not.toBeNull();
      for (const table of ['profile_skills', 'profile_languages', 'profile_inclusion']) {
        expect(
          await sql(`SELECT 1 FROM ${table} WHERE profile_id = $1`, [profile.id]),
        ).toHaveLength(0);
      }
      const users = await sql(`SELECT 1 FROM users WHERE email = $1`, [trainee.email]);
      expect(users).toHaveLength(0);

      // a later relay pass does not bring it back
      await t.app.get(OutboxRelay).drain();
      await expect(index.getDocument(profile.id)).rejects.toBeDefined();
    });
  });
});
