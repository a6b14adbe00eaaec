import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
  makeImportRow,
  makeListingBody,
  toCsv,
  type Posting,
} from '../support/opportunity-factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface Extracted {
  skillId: string;
  name: string;
  score: number;
  spans: [number, number][];
}

describe('skill extraction from text (HTTP)', () => {
  let t: TestApp;
  let trainee: SignedIn;
  let company: SignedIn;
  let broker: SignedIn;

  const extract = async (text: string, limit?: number): Promise<Extracted[]> => {
    const res = await t.http
      .post('/api/skills/extract')
      .auth(...bearer(trainee))
      .send(limit === undefined ? { text } : { text, limit })
      .expect(200);
    return res.body.items as Extracted[];
  };
  const byName = (items: Extracted[], name: string): Extracted => {
    const found = items.find((i) => i.name === name);
    if (found === undefined)
      throw new Error(`${name} not in ${items.map((i) => i.name).join(', ')}`);
    return found;
  };
  const spanTexts = (text: string, item: Extracted) => item.spans.map(([a, b]) => text.slice(a, b));

  beforeAll(async () => {
    t = await createTestApp();
    trainee = await registerTrainee(t);
    company = await registerCompany(t);
    broker = await makeBroker(t, await loginAdmin(t));
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('POST /api/skills/extract', () => {
    it('finds named skills, and its spans point at the words in the text given', async () => {
      const text = 'Backend role.\n  We need Docker, MS Excel and JS; Python is a plus.';
      const items = await extract(text);
      expect(spanTexts(text, byName(items, 'Docker'))).toEqual(['Docker']);
      expect(spanTexts(text, byName(items, 'use spreadsheets software'))).toEqual(['MS Excel']);
      expect(spanTexts(text, byName(items, 'JavaScript'))).toEqual(['JS']);
      expect(spanTexts(text, byName(items, 'Python (computer programming)'))).toEqual(['Python']);
      expect(
        items
          .slice(0, 4)
          .map((i) => i.name)
          .sort(),
      ).toEqual(
        [
          'Docker',
          'JavaScript',
          'Python (computer programming)',
          'use spreadsheets software',
        ].sort(),
      );
    });

    it('finds skills described in other words, with any ESCO skill of the full pillar', async () => {
      const text = 'You are good at solving problems. You will answer customer inquiries by phone.';
      const items = await extract(text, 10);
      expect(items[0].name).toBe('solve problems');
      expect(spanTexts(text, items[0])).toEqual(['solving problems']);
      const inquiries = byName(items, "respond to customers' inquiries");
      expect(spanTexts(text, inquiries)).toEqual(['answer customer inquiries']);
      // A skill outside the digital/transversal/language collections: the whole pillar is there.
      expect(
        byName(await extract('We sell bakery products.'), 'bakery products').score,
      ).toBeGreaterThan(0.5);
    });

    it('answers best first, scores in [0, 1], at most `limit` items', async () => {
      const items = await extract('SQL, Docker, Python, JavaScript, CSS and Angular.', 3);
      expect(items).toHaveLength(3);
      for (const [i, item] of items.entries()) {
        expect(item.score).toBeGreaterThanOrEqual(0);
        expect(item.score).toBeLessThanOrEqual(1);
        if (i > 0) expect(item.score).toBeLessThanOrEqual(items[i - 1].score);
      }
    });

    it('finds skills named in Albanian, Serbian (both scripts) and Macedonian text', async () => {
      const names = async (text: string) => (await extract(text)).map((i) => i.name);
      expect(await names('Njohuri të mira në Excel dhe SQL.')).toEqual(
        expect.arrayContaining(['use spreadsheets software', 'SQL']),
      );
      expect(await names('Iskustvo sa JavaScript i Docker-om.')).toEqual(
        expect.arrayContaining(['JavaScript', 'Docker']),
      );
      expect((await names('Тражимо корисничка подршка, рад у тиму.'))[0]).toBe('customer service');
      expect(await names('Познавање на Python и Excel.')).toEqual(
        expect.arrayContaining(['Python (computer programming)', 'use spreadsheets software']),
      );
    });

    it('points spans into Cyrillic text by its own offsets', async () => {
      const text = 'Опис: корисничка подршка.';
      const item = byName(await extract(text), 'customer service');
      expect(spanTexts(text, item)).toEqual(['корисничка подршка']);
    });

    it('accepts exactly 20,000 characters', async () => {
      const text = `Docker. ${'x'.repeat(20_000 - 8)}`;
      expect(text).toHaveLength(20_000);
      expect((await extract(text)).map((i) => i.name)).toContain('Docker');
    });

    it.each([
      ['empty text', { text: '' }, 'text'],
      ['blank text', { text: ' \n\t ' }, 'text'],
      ['oversized text', { text: 'a'.repeat(20_001) }, 'text'],
      ['text not a string', { text: 42 }, 'text'],
      ['no text', {}, 'text'],
      ['limit 0', { text: 'Docker', limit: 0 }, 'limit'],
      ['limit 51', { text: 'Docker', limit: 51 }, 'limit'],
      ['limit not a number', { text: 'Docker', limit: 'many' }, 'limit'],
      ['an unknown field', { text: 'Docker', save: true }, 'save'],
    ])('refuses %s with a problem naming the field', async (_case, body, field) => {
      const res = await t.http
        .post('/api/skills/extract')
        .auth(...bearer(trainee))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('needs a signed-in caller', async () => {
      await t.http.post('/api/skills/extract').send({ text: 'Docker' }).expect(401);
    });

    it('is open to every role', async () => {
      for (const who of [company, broker]) {
        await t.http
          .post('/api/skills/extract')
          .auth(...bearer(who))
          .send({ text: 'Docker' })
          .expect(200);
      }
    });
  });

  describe('POST /api/profiles/me/skills/suggest', () => {
    const cv = 'Two years of customer support. Daily work in MS Excel; some SQL and Docker.';

    it('suggests skills from a CV without those already held, and saves nothing', async () => {
      const ids = await skillIds(t, ['SQL']);
      const before = await putProfile(t, trainee, {
        skills: [{ skillId: ids.SQL, level: 3, years: 1 }],
      });
      const res = await t.http
        .post('/api/profiles/me/skills/suggest')
        .auth(...bearer(trainee))
        .send({ text: cv })
        .expect(200);
      const items = res.body.items as Extracted[];
      const names = items.map((i) => i.name);
      expect(names).toEqual(
        expect.arrayContaining(['customer service', 'use spreadsheets software', 'Docker']),
      );
      expect(names).not.toContain('SQL');
      expect(spanTexts(cv, byName(items, 'Docker'))).toEqual(['Docker']);

      const after = await t.http
        .get('/api/profiles/me')
        .auth(...bearer(trainee))
        .expect(200);
      expect(after.body.version).toBe(before.version);
      expect(after.body.skills.map((s: { skillId: string }) => s.skillId)).toEqual([ids.SQL]);
    });

    it('is for trainees only', async () => {
      await t.http
        .post('/api/profiles/me/skills/suggest')
        .auth(...bearer(company))
        .send({ text: cv })
        .expect(403);
      await t.http.post('/api/profiles/me/skills/suggest').send({ text: cv }).expect(401);
    });

    it.each([
      ['empty text', { text: '' }, 'text'],
      ['oversized text', { text: 'a'.repeat(20_001) }, 'text'],
      ['an unknown field', { text: cv, apply: true }, 'apply'],
    ])('refuses %s', async (_case, body, field) => {
      const res = await t.http
        .post('/api/profiles/me/skills/suggest')
        .auth(...bearer(trainee))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  describe('skillsFromText on work requests and listings', () => {
    const posting: Posting = {
      id: 'support',
      title: 'Customer support agent',
      description: 'You will answer customer inquiries by phone and keep records in MS Excel.',
      skillLabels: [],
    };
    const requestBody = (overrides: Record<string, unknown> = {}) => ({
      title: posting.title,
      description: posting.description,
      skills: [],
      languages: [{ code: 'en', minLevel: 'B2' }],
      engagementType: 'part_time',
      workMode: 'remote',
      budget: { type: 'hourly', minEur: 8, maxEur: 12 },
      openings: 1,
      deadline: inDays(30),
      ...overrides,
    });

    it('answers a new work request with suggested skills and stores none of them', async () => {
      const res = await t.http
        .post('/api/work-requests')
        .auth(...bearer(company))
        .send(requestBody({ skillsFromText: true }))
        .expect(201);
      const names = res.body.suggestedSkills.map((s: { name: string }) => s.name);
      expect(names).toEqual(
        expect.arrayContaining(["respond to customers' inquiries", 'use spreadsheets software']),
      );
      expect(res.body.skills).toEqual([]);
      const stored = await t.http
        .get(`/api/work-requests/${res.body.id}`)
        .auth(...bearer(company))
        .expect(200);
      expect(stored.body.skills).toEqual([]);
      expect(stored.body.suggestedSkills).toBeUndefined();
    });

    it('leaves out skills the request already names, and suggests nothing unasked', async () => {
      const ids = await skillIds(t, ['use spreadsheets software']);
      const chosen = [{ skillId: ids['use spreadsheets software'], minLevel: 2, mustHave: true }];
      const res = await t.http
        .post('/api/work-requests')
        .auth(...bearer(company))
        .send(requestBody({ skills: chosen, skillsFromText: true }))
        .expect(201);
      const suggested = res.body.suggestedSkills.map((s: { skillId: string }) => s.skillId);
      expect(suggested).not.toContain(ids['use spreadsheets software']);
      const plain = await t.http
        .post('/api/work-requests')
        .auth(...bearer(company))
        .send(requestBody({ skills: chosen }))
        .expect(201);
      expect(plain.body.suggestedSkills).toBeUndefined();
    });

    it('refuses skillsFromText that is not a boolean, and on PATCH', async () => {
      const bad = await t.http
        .post('/api/work-requests')
        .auth(...bearer(company))
        .send(requestBody({ skillsFromText: 'yes' }))
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('skillsFromText');
      const created = await t.http
        .post('/api/work-requests')
        .auth(...bearer(company))
        .send(requestBody())
        .expect(201);
      const patch = await t.http
        .patch(`/api/work-requests/${created.body.id}`)
        .auth(...bearer(company))
        .send({ skillsFromText: true })
        .expect(400);
      expect(patch.body.errors.map((e: { field: string }) => e.field)).toContain('skillsFromText');
    });

    it('answers a new listing with suggested skills', async () => {
      const res = await t.http
        .post('/api/listings')
        .auth(...bearer(broker))
        .send({
          ...makeListingBody({ ...posting, known: [] } as never),
          skills: [],
          status: 'draft',
          skillsFromText: true,
        })
        .expect(201);
      expect(res.body.suggestedSkills.map((s: { name: string }) => s.name)).toContain(
        "respond to customers' inquiries",
      );
      expect(res.body.skills).toEqual([]);
    });
  });

  describe('listing import with an empty skills column', () => {
    it('fills skills from title and description, as nice to have, and says so', async () => {
      const filled = makeImportRow(posting(), [], { title: 'Data entry clerk (Excel, SQL)' });
      const hopeless = makeImportRow(posting(), [], {
        title: 'Opportunity',
        description: 'Details follow.',
      });
      const res = await t.http
        .post('/api/listings/import')
        .auth(...bearer(broker))
        .set('Content-Type', 'text/csv')
        .send(toCsv([filled, hopeless]))
        .expect(200);
      expect(res.body.created).toBe(1);
      expect(res.body.errors).toEqual([
        {
          row: 2,
          field: 'skills',
          message: 'no skills given, and none found in title or description',
        },
      ]);
      expect(res.body.warnings).toHaveLength(1);
      expect(res.body.warnings[0]).toMatchObject({ row: 1, field: 'skills' });
      expect(res.body.warnings[0].message).toMatch(
        /^no skills given; found in title and description/,
      );
      expect(res.body.warnings[0].message).toContain('"SQL"');

      const list = await t.http
        .get('/api/listings?limit=100')
        .auth(...bearer(broker))
        .expect(200);
      const listing = list.body.items.find(
        (l: { sourceUrl: string }) => l.sourceUrl === filled.sourceUrl,
      );
      const ids = await skillIds(t, ['SQL', 'use spreadsheets software']);
      const stored = listing.skills.map((s: { skillId: string }) => s.skillId);
      expect(stored).toEqual(expect.arrayContaining(Object.values(ids)));
      expect(listing.skills.every((s: { mustHave: boolean }) => !s.mustHave)).toBe(true);
    });

    function posting(): Posting {
      return {
        id: 'import',
        title: 'Data entry clerk',
        description: 'Enter orders into our system; reports in MS Excel.',
        skillLabels: [],
      };
    }
  });
});
