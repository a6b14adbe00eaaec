import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboxRelay } from '@app/search';
import { loginAdmin, registerTrainee, type SignedIn } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Summary {
  id: string;
  name: string;
  category: string;
  escoUri?: string;
}

describe('skills taxonomy (HTTP)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let trainee: SignedIn;
  const bearer = (who: SignedIn) => `Bearer ${who.accessToken}`;

  const search = async (q: string, limit = 10): Promise<Summary[]> =>
    (await t.http.get('/api/skills').query({ q, limit }).expect(200)).body as Summary[];
  const names = async (q: string): Promise<string[]> => (await search(q)).map((s) => s.name);
  const resolve = async (labels: string[]) =>
    (await t.http.post('/api/skills/resolve').send({ labels }).expect(200)).body as {
      label: string;
      skill: Summary | null;
    }[];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    trainee = await registerTrainee(t);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('GET /api/skills (autocomplete)', () => {
    it('tolerates a typo: javscript finds JavaScript first', async () => {
      expect((await names('javscript'))[0]).toBe('JavaScript');
    });

    it('finds JavaScript for js and the spreadsheet skill for excel', async () => {
      expect(await names('js')).toContain('JavaScript');
      expect((await names('excel'))[0]).toBe('use spreadsheets software');
    });

    it('answers Cyrillic queries through folding and aliases', async () => {
      expect(await names('јаваскрипт')).toContain('JavaScript');
      expect((await names('Пајтон'))[0]).toBe('Python (computer programming)');
      expect(await names('корисничка подршка')).toContain('customer service');
    });

    it('puts an exact name above a skill that only has it as an alias', async () => {
      const hits = await names('Visual Basic');
      expect(hits[0]).toBe('Visual Basic');
    });

    it('returns summaries without folded fields, honouring limit', async () => {
      const hits = await search('data', 3);
      expect(hits).toHaveLength(3);
      for (const hit of hits) {
        expect(Object.keys(hit).sort()).toEqual(
          [
            'category',
            'id',
            'name',
            'label',
            'labelLocale',
            ...(hit.escoUri === undefined ? [] : ['escoUri']),
          ].sort(),
        );
      }
    });

    it('refuses a bad limit and unknown parameters by name', async () => {
      const res = await t.http.get('/api/skills?q=js&limit=500&evil=1').expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['limit', 'evil']));
    });
  });

  describe('GET /api/skills/:id', () => {
    it('returns the skill with its aliases and ESCO URI', async () => {
      const [js] = await search('JavaScript', 1);
      const res = await t.http.get(`/api/skills/${js.id}`).expect(200);
      expect(res.body).toMatchObject({ id: js.id, name: 'JavaScript', category: 'digital' });
      expect(res.body.escoUri).toMatch(/^http:\/\/data\.europa\.eu\/esco\/skill\//);
      expect(res.body.aliases).toEqual(
        expect.arrayContaining([
          { label: 'JS', lang: 'en' },
          { label: 'Јаваскрипт', lang: 'sr' },
        ]),
      );
    });

    it('an unknown id is a 404 problem+json', async () => {
      const res = await t.http.get('/api/skills/7c1a3c39-2f0e-4a54-9a39-3c0f4f3a9d11').expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.status).toBe(404);
    });

    it('a malformed id is a 400 naming id', async () => {
      const res = await t.http.get('/api/skills/not-a-uuid').expect(400);
      expect(res.body.errors).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    });
  });

  describe('POST /api/skills/resolve', () => {
    it('maps everyday spellings to canonical skills and unknown text to null', async () => {
      const res = await resolve(['nodejs', 'React.js', 'MS Excel', 'qwertyuiop', 'Postgres']);
      expect(res.map((r) => [r.label, r.skill?.name ?? null])).toEqual([
        ['nodejs', 'Node.js'],
        ['React.js', 'React'],
        ['MS Excel', 'use spreadsheets software'],
        ['qwertyuiop', null],
        ['Postgres', 'PostgreSQL'],
      ]);
    });

    it('ranks an exact preferred label above another skill’s loose ESCO alternative', async () => {
      // ESCO lists "Visual Basic" among the alternative labels of "computer programming".
      const [vb, mocha] = await resolve(['visual  BASIC', 'Mocha']);
      expect(vb.skill?.name).toBe('Visual Basic');
      expect(mocha.skill?.name).toBe('JavaScript');
    });

    it('folds case, diacritics and script', async () => {
      const res = await resolve(['JAVASCRIPT', 'Јаваскрипт', 'korisnicka podrska']);
      expect(res.map((r) => r.skill?.name)).toEqual([
        'JavaScript',
        'JavaScript',
        'customer service',
      ]);
    });

    it('keeps order and duplicates, and accepts an empty list', async () => {
      const res = await resolve(['JS', 'js', 'TS']);
      expect(res.map((r) => r.skill?.name)).toEqual(['JavaScript', 'JavaScript', 'TypeScript']);
      expect(await resolve([])).toEqual([]);
    });

    it.each([
      [{ labels: 'js' }, 'labels'],
      [{ labels: [1, 'js'] }, 'labels'],
      [{ labels: ['x'.repeat(201)] }, 'labels'],
      [{ labels: Array.from({ length: 501 }, (_, i) => `l${i}`) }, 'labels'],
      [{}, 'labels'],
    ])('refuses %#: 400 naming %s', async (body, field) => {
      const res = await t.http.post('/api/skills/resolve').send(body).expect(400);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields.some((f) => f.startsWith(field))).toBe(true);
    });
  });

  describe('admin curation', () => {
    it('a created skill and a new alias become searchable after the outbox drains', async () => {
      const created = await t.http
        .post('/api/skills')
        .set('Authorization', bearer(admin))
        .send({ name: 'Zyntrax Studio', category: 'digital', aliases: [{ label: 'zynx' }] })
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'Zyntrax Studio',
        category: 'digital',
        aliases: [{ label: 'zynx', lang: 'en' }],
      });
      expect(created.body.escoUri).toBeUndefined();
      const id = created.body.id as string;

      await t.app.get(OutboxRelay).drain();
      expect((await search('zyntrax'))[0]?.id).toBe(id);
      expect((await search('zynx'))[0]?.id).toBe(id);

      const aliased = await t.http
        .post(`/api/skills/${id}/aliases`)
        .set('Authorization', bearer(admin))
        .send({ label: 'Зинтракс', lang: 'sr' })
        .expect(201);
      expect(aliased.body.aliases).toEqual(
        expect.arrayContaining([{ label: 'Зинтракс', lang: 'sr' }]),
      );
      await t.app.get(OutboxRelay).drain();
      expect((await search('zintraks'))[0]?.id).toBe(id);
      expect((await resolve(['ЗИНТРАКС']))[0].skill?.id).toBe(id);
    });

    it('refuses a duplicate skill name and a duplicate alias with 409', async () => {
      const res = await t.http
        .post('/api/skills')
        .set('Authorization', bearer(admin))
        .send({ name: 'javascript', category: 'digital' })
        .expect(409);
      expect(res.body.existingId).toMatch(/^[0-9a-f-]{36}$/);
      const [js] = await search('JavaScript', 1);
      await t.http
        .post(`/api/skills/${js.id}/aliases`)
        .set('Authorization', bearer(admin))
        .send({ label: ' js ' })
        .expect(409);
    });

    it('a trainee gets 403 and an anonymous caller 401, and nothing changes', async () => {
      const [js] = await search('JavaScript', 1);
      const attempts = [
        t.http.post('/api/skills').send({ name: 'Sneaky Skill', category: 'digital' }),
        t.http.post(`/api/skills/${js.id}/aliases`).send({ label: 'sneaky' }),
      ];
      for (const attempt of attempts) {
        const res = await attempt.set('Authorization', bearer(trainee));
        expect(res.status).toBe(403);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      await t.http
        .post('/api/skills')
        .send({ name: 'Sneaky Skill', category: 'digital' })
        .expect(401);
      await t.http.post(`/api/skills/${js.id}/aliases`).send({ label: 'sneaky' }).expect(401);
      expect((await resolve(['Sneaky Skill', 'sneaky'])).map((r) => r.skill)).toEqual([null, null]);
    });

    it('public endpoints answer anonymous callers', async () => {
      await t.http.get('/api/skills?q=js').expect(200);
      await t.http
        .post('/api/skills/resolve')
        .send({ labels: ['js'] })
        .expect(200);
    });

    it('an alias for an unknown skill is a 404', async () => {
      await t.http
        .post('/api/skills/7c1a3c39-2f0e-4a54-9a39-3c0f4f3a9d11/aliases')
        .set('Authorization', bearer(admin))
        .send({ label: 'x' })
        .expect(404);
    });

    it.each([
      [{ name: 'X', category: 'cooking' }, 'category'],
      [{ category: 'digital' }, 'name'],
      [{ name: 'x'.repeat(201), category: 'digital' }, 'name'],
      [{ name: '!!!', category: 'digital' }, 'name'],
      [{ name: 'Y', category: 'digital', escoUri: 'not a uri' }, 'escoUri'],
      [{ name: 'Y', category: 'digital', aliases: [{ label: 'y', lang: 'english' }] }, 'aliases'],
    ])('refuses a bad skill %#: 400 naming %s', async (body, field) => {
      const res = await t.http
        .post('/api/skills')
        .set('Authorization', bearer(admin))
        .send(body)
        .expect(400);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields.some((f) => f.startsWith(field))).toBe(true);
    });

    it('refuses a bad alias: 400 naming label or lang', async () => {
      const [js] = await search('JavaScript', 1);
      const res = await t.http
        .post(`/api/skills/${js.id}/aliases`)
        .set('Authorization', bearer(admin))
        .send({ label: '', lang: 'EN' })
        .expect(400);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['label', 'lang']));
    });
  });
});
