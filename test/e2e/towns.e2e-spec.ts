import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboxRelay } from '@app/search';
import { DataSource } from 'typeorm';
import { registerCompany, registerTrainee, type SignedIn } from '../support/factories.js';
import { inDays } from '../support/opportunity-factories.js';
import { makeProfileBody, putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** GeoNames ids of the towns these tests name. */
const PRISTINA = 786714;
const BELGRADE = 792680;
const SKOPJE = 785842;

interface City {
  id: number;
  name: string;
  country: string;
  localNames: Record<string, string>;
  population: number;
  lat: number;
  lng: number;
}

describe('towns by their local names (HTTP)', () => {
  let t: TestApp;
  let skills: Record<string, string>;

  const cities = async (query: Record<string, string>): Promise<City[]> => {
    const res = await t.http.get('/api/geo/cities').query(query).expect(200);
    return res.body as City[];
  };

  beforeAll(async () => {
    t = await createTestApp();
    skills = await skillIds(t, ['JavaScript']);
  }, 180_000);

  afterAll(async () => {
    await t.close();
  });

  describe('GET /api/geo/cities', () => {
    it('finds Pristina first from the start of its Albanian name, with its local names', async () => {
      const [first] = await cities({ country: 'XK', q: 'prisht' });
      expect(first).toMatchObject({
        id: PRISTINA,
        name: 'Pristina',
        country: 'XK',
        localNames: { en: 'Pristina', sq: 'Prishtinë', sr: 'Priština', 'sr-Cyrl': 'Приштина' },
      });
      expect(first.population).toBeGreaterThan(100_000);
      expect(first.lat).toBeCloseTo(42.67, 1);
    });

    it.each([
      ['RS', 'Београд', BELGRADE],
      ['RS', 'beograd', BELGRADE],
      ['MK', 'shkup', SKOPJE],
      ['MK', 'Скопје', SKOPJE],
      ['XK', 'Priština', PRISTINA],
      ['XK', 'Приштина', PRISTINA],
    ])('%s %s → GeoNames %i first', async (country, q, id) => {
      const [first] = await cities({ country, q });
      expect(first?.id).toBe(id);
    });

    it('forgives a typo and answers the largest towns for an empty query', async () => {
      expect((await cities({ country: 'RS', q: 'kragujevc' }))[0]?.name).toBe('Kragujevac');
      const largest = await cities({ country: 'RS', limit: '3' });
      expect(largest.map((c) => c.id)[0]).toBe(BELGRADE);
      expect(largest).toHaveLength(3);
    });

    it('keeps towns of the country asked for only', async () => {
      const hits = await cities({ country: 'ME', q: 'beograd' });
      expect(hits.every((c) => c.country === 'ME')).toBe(true);
    });

    it.each([
      [{ country: 'Serbia' }, 'country'],
      [{ country: 'RS', limit: '0' }, 'limit'],
      [{ country: 'RS', limit: 'many' }, 'limit'],
      [{ country: 'RS', q: 'x'.repeat(101) }, 'q'],
      [{ country: "RS' OR country != 'XX" }, 'country'],
    ])('refuses %j with a 400 naming %s', async (query, field) => {
      const res = await t.http.get('/api/geo/cities').query(query).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual([field]);
    });
  });

  describe('city on profiles and work requests', () => {
    it('Prishtina, Prishtinë, Priština and Приштина land on the same town', async () => {
      const answers = [];
      for (const city of ['Prishtina', 'Prishtinë', 'Priština', 'Приштина']) {
        const trainee = await registerTrainee(t);
        answers.push(await putProfile(t, trainee, { country: 'XK', city }));
      }
      for (const body of answers) {
        expect(body).toMatchObject({
          city: 'Pristina',
          cityId: PRISTINA,
          cityLocalName: 'Prishtinë',
        });
        expect((body.location as { lat: number }).lat).toBeCloseTo(42.67, 1);
      }
      const rows: { city_id: number }[] = await t.app
        .get(DataSource)
        .query(`SELECT DISTINCT city_id FROM profiles WHERE id = ANY($1)`, [
          answers.map((a) => a.id),
        ]);
      expect(rows).toEqual([{ city_id: PRISTINA }]);
    });

    it('an unknown town is a 400 on city with suggestions, and nothing is written', async () => {
      const trainee = await registerTrainee(t);
      const before = await putProfile(t, trainee, { country: 'XK', city: 'Prizren' });
      const res = await t.http
        .put('/api/profiles/me')
        .auth(trainee.accessToken, { type: 'bearer' })
        .set('If-Match', `"${before.version}"`)
        .send(makeProfileBody({ country: 'XK', city: 'Prishtna', headline: 'changed' }))
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors[0]).toMatchObject({ field: 'city' });
      expect(res.body.errors[0].suggestions).toContain('Pristina');
      expect(res.body.errors[0].suggestions.length).toBeLessThanOrEqual(5);
      const after = await t.http
        .get('/api/profiles/me')
        .auth(trainee.accessToken, { type: 'bearer' })
        .expect(200);
      expect(after.body).toMatchObject({ version: before.version, city: 'Prizren' });
    });

    it('a town of another country is unknown here (Beograd is not in Bosnia)', async () => {
      const trainee = await registerTrainee(t);
      await t.http
        .get('/api/profiles/me')
        .auth(trainee.accessToken, { type: 'bearer' })
        .then(async (current) => {
          const res = await t.http
            .put('/api/profiles/me')
            .auth(trainee.accessToken, { type: 'bearer' })
            .set('If-Match', current.headers.etag)
            .send(makeProfileBody({ country: 'BA', city: 'Beograd' }))
            .expect(400);
          expect(res.body.errors[0].field).toBe('city');
        });
    });

    it('a request around "Beograd" finds a trainee who wrote "Београд"', async () => {
      const company: SignedIn = await registerCompany(t);
      const trainee = await registerTrainee(t, { displayName: 'Milica Beogradska' });
      const profile = await putProfile(t, trainee, {
        country: 'RS',
        city: 'Београд',
        skills: [{ skillId: skills.JavaScript, level: 4 }],
        languages: [{ code: 'en', level: 'C1' }],
        workModes: ['onsite'],
        engagementTypes: ['part_time'],
      });
      expect(profile).toMatchObject({
        city: 'Belgrade',
        cityId: BELGRADE,
        cityLocalName: 'Београд',
      });
      const created = await t.http
        .post('/api/work-requests')
        .auth(company.accessToken, { type: 'bearer' })
        .send({
          title: 'JavaScript developer on site',
          description: 'Office in Belgrade',
          skills: [{ skillId: skills.JavaScript, minLevel: 3, mustHave: true }],
          languages: [{ code: 'en', minLevel: 'B2' }],
          engagementType: 'part_time',
          workMode: 'onsite',
          countries: ['RS'],
          city: 'Beograd',
          radiusKm: 20,
          openings: 1,
          deadline: inDays(20).slice(0, 10),
        })
        .expect(201);
      expect(created.body).toMatchObject({
        city: 'Belgrade',
        cityId: BELGRADE,
        cityLocalName: 'Београд',
        deadline: `${inDays(20).slice(0, 10)}T23:59:59.000Z`,
      });
      await t.http
        .post(`/api/work-requests/${created.body.id}/publish`)
        .auth(company.accessToken, { type: 'bearer' })
        .expect(200);
      await t.app.get(OutboxRelay).drain();
      const candidates = await t.http
        .get(`/api/work-requests/${created.body.id}/candidates`)
        .auth(company.accessToken, { type: 'bearer' })
        .expect(200);
      expect(candidates.body.map((c: { profile: { id: string } }) => c.profile.id)).toContain(
        profile.id,
      );
    });
  });
});
