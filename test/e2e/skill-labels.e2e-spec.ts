import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboxRelay } from '@app/search';
import { SkillSeeder } from '@app/taxonomy';
import { loginAdmin, registerTrainee, type SignedIn } from '../support/factories.js';
import { skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Hit {
  id: string;
  name: string;
  label: string;
  labelLocale: string;
}

interface Label {
  locale: string;
  label: string;
  reviewed: boolean;
  source: string;
}

describe('skills in everyday words and local languages (HTTP)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let trainee: SignedIn;
  let ids: Record<string, string>;

  const search = async (query: Record<string, string>, headers: Record<string, string> = {}) =>
    (await t.http.get('/api/skills').query(query).set(headers).expect(200)).body as Hit[];
  const first = async (q: string) => (await search({ q }))[0]?.name;
  const labelsOf = async (id: string) =>
    (await t.http.get(`/api/skills/${id}`).expect(200)).body.labels as Label[];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    trainee = await registerTrainee(t);
    ids = await skillIds(t, ['customer service', 'computer programming', 'JavaScript']);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('exact abbreviations and everyday names come first', () => {
    it.each([
      ['js', 'JavaScript'],
      ['JS', 'JavaScript'],
      ['ts', 'TypeScript'],
      ['k8s', 'Kubernetes'],
      ['py', 'Python (computer programming)'],
      ['ms excel', 'use spreadsheets software'],
      ['excel', 'use spreadsheets software'],
      ['crm', 'use customer relationship management software'],
      ['seo', 'search engine optimisation'],
      ['ml', 'machine learning'],
      ['devops', 'DevOps'],
      ['sql', 'SQL'],
    ])('%s → %s', async (q, name) => {
      expect(await first(q)).toBe(name);
    });

    it('still lists the prefix matches after the exact one (js: Vue.js, Node.js…)', async () => {
      const names = (await search({ q: 'js', limit: '10' })).map((h) => h.name);
      expect(names[0]).toBe('JavaScript');
      expect(names).toEqual(expect.arrayContaining(['Node.js']));
      expect(new Set(names).size).toBe(names.length);
    });
  });

  describe('local labels', () => {
    it.each([
      ['shërbim ndaj klientit', 'customer service'],
      ['sherbim ndaj klientit', 'customer service'],
      ['корисничка подршка', 'customer service'],
      ['услуга за корисници', 'customer service'],
      ['programiranje', 'computer programming'],
      ['програмирање', 'computer programming'],
    ])('%s finds %s first', async (q, name) => {
      expect(await first(q)).toBe(name);
    });

    it('answers label in the asked language, name staying English', async () => {
      const [hit] = await search({ q: 'customer service', lang: 'sq' });
      expect(hit).toMatchObject({
        name: 'customer service',
        label: 'shërbim ndaj klientit',
        labelLocale: 'sq',
      });
      const [mk] = await search({ q: 'customer service', lang: 'mk' });
      expect(mk.label).toBe('услуга за корисници');
    });

    it('takes the language from Accept-Language when lang is not given', async () => {
      const [cyr] = await search(
        { q: 'programiranje' },
        { 'Accept-Language': 'sr-Cyrl-RS, en;q=0.5' },
      );
      expect(cyr).toMatchObject({ name: 'computer programming', label: 'програмирање' });
      const [bs] = await search({ q: 'programiranje' }, { 'Accept-Language': 'de, bs;q=0.7' });
      expect(bs.labelLocale).toBe('bs');
      const [en] = await search({ q: 'programiranje' }, { 'Accept-Language': 'de' });
      expect(en).toMatchObject({ label: 'computer programming', labelLocale: 'en' });
    });

    it('falls back to the name where the skill has no label in that language', async () => {
      const [hit] = await search({ q: 'Maltego', lang: 'sq' });
      expect(hit).toMatchObject({ name: 'Maltego', label: 'Maltego', labelLocale: 'en' });
    });

    it('lists drafted labels as unreviewed, with where they come from', async () => {
      const labels = await labelsOf(ids['customer service']);
      expect(labels.map((l) => l.locale).sort()).toEqual(['bs', 'mk', 'sq', 'sr', 'sr-Cyrl']);
      expect(labels.every((l) => !l.reviewed && l.source !== '')).toBe(true);
      expect(labels.find((l) => l.locale === 'sr-Cyrl')?.label).toBe('корисничка подршка');
    });

    it('refuses an unknown lang naming it', async () => {
      const res = await t.http.get('/api/skills').query({ q: 'js', lang: 'de' }).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['lang']);
    });
  });

  describe('PUT /api/skills/:id/labels/:locale', () => {
    const put = (who: SignedIn | undefined, id: string, locale: string, body: unknown) => {
      const req = t.http.put(`/api/skills/${id}/labels/${locale}`);
      if (who !== undefined) req.set('Authorization', `Bearer ${who.accessToken}`);
      return req.send(body as object);
    };

    it('an admin confirms a label: reviewed, searchable, kept by a re-seed', async () => {
      const id = ids['computer programming'];
      const res = await put(admin, id, 'sq', { label: 'programim' }).expect(200);
      expect(res.body.labels).toEqual(
        expect.arrayContaining([
          { locale: 'sq', label: 'programim', reviewed: true, source: 'admin' },
        ]),
      );
      await t.app.get(OutboxRelay).drain();
      expect(await first('programim')).toBe('computer programming');
      await t.app.get(SkillSeeder).seed({ force: true });
      const after = await labelsOf(id);
      expect(after.find((l) => l.locale === 'sq')).toMatchObject({
        label: 'programim',
        reviewed: true,
      });
    });

    it('a corrected Serbian label rewrites the unreviewed Cyrillic one', async () => {
      const id = ids['customer service'];
      await put(admin, id, 'sr', { label: 'podrška korisnicima' }).expect(200);
      const labels = await labelsOf(id);
      expect(labels.find((l) => l.locale === 'sr')).toMatchObject({ reviewed: true });
      expect(labels.find((l) => l.locale === 'sr-Cyrl')).toMatchObject({
        label: 'подршка корисницима',
        reviewed: false,
      });
    });

    it('only admins: a trainee gets 403, no token 401, and nothing changes', async () => {
      const id = ids.JavaScript;
      await put(trainee, id, 'sq', { label: 'hack' }).expect(403);
      await put(undefined, id, 'sq', { label: 'hack' }).expect(401);
      expect((await labelsOf(id)).find((l) => l.locale === 'sq')?.label).toBe('JavaScript');
    });

    it.each([
      ['an unknown locale', 'de', { label: 'Programmierung' }, 'locale'],
      ['English (the name itself)', 'en', { label: 'programming' }, 'locale'],
      ['an empty label', 'sq', { label: '   ' }, 'label'],
      ['a label of punctuation only', 'sq', { label: '---' }, 'label'],
      ['a label over 200 characters', 'sq', { label: 'x'.repeat(201) }, 'label'],
      ['an unknown field', 'sq', { label: 'x', reviewed: false }, 'reviewed'],
    ])('%s (locale %s) → 400', async (_name, locale, body, field) => {
      const res = await put(admin, ids.JavaScript, locale, body).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('a malformed id is a 400, an unknown skill a 404', async () => {
      const bad = await put(admin, 'not-a-uuid', 'sq', { label: 'x' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['id']);
      await put(admin, '7c1a3c39-2f0e-4a54-9a39-3c0f4f3a9d11', 'sq', { label: 'x' }).expect(404);
    });
  });
});
