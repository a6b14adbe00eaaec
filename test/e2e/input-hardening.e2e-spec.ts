import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  loginAdmin,
  makeBroker,
  makeCompanyRegistration,
  makeTraineeRegistration,
  makeTrainer,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import {
  bearer,
  makeImportRow,
  makeListingBody,
  makeWorkRequestBody,
  resolvedPostings,
  toCsv,
  type ResolvedPosting,
} from '../support/opportunity-factories.js';
import { makeProfileBody, putProfile } from '../support/profile-factories.js';
import { makeCourseBody, makeProgrammeBody } from '../support/training-factories.js';

const NUL = '\u0000';
const OPPORTUNITIES = 'SELECT count(*) AS n FROM opportunities WHERE kind = $1';

/** A 400 problem+json whose errors name `field` (and only fields starting like it). */
function expectRefused(res: Response, field: string): void {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
  expect(fields).toContain(field);
}

describe('bad input is a 400 naming the field, never a 500, and writes nothing (HTTP)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let trainee: SignedIn;
  let company: SignedIn;
  let broker: SignedIn;
  let trainer: SignedIn;
  let postings: ResolvedPosting[];

  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const rows: { n: number }[] = await t.app.get(DataSource).query(sql, params);
    return Number(rows[0].n);
  };

  async function myProfile(): Promise<Record<string, unknown> & { version: number }> {
    const res = await t.http
      .get('/api/profiles/me')
      .auth(...bearer(trainee))
      .expect(200);
    return res.body;
  }

  /** PUTs a profile body with the current version and expects a 400 naming `field`, profile unchanged. */
  async function expectProfileRefused(body: Record<string, unknown>, field: string) {
    const before = await myProfile();
    const res = await t.http
      .put('/api/profiles/me')
      .auth(...bearer(trainee))
      .set('If-Match', `"${before.version}"`)
      .send(body);
    expectRefused(res, field);
    expect(await myProfile()).toEqual(before);
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    [trainee, company, broker, trainer] = await Promise.all([
      registerTrainee(t),
      registerCompany(t),
      makeBroker(t, admin),
      makeTrainer(t, admin),
    ]);
    postings = await resolvedPostings(t, admin, 2);
    await putProfile(t, trainee);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('a NUL character in stored text', () => {
    it.each([
      ['displayName', makeTraineeRegistration({ displayName: `Ana${NUL}` })],
      ['organisationName', makeCompanyRegistration({ organisationName: `Balkan${NUL} Code` })],
    ])('registration: %s', async (field, body) => {
      const res = await t.http.post('/api/auth/register').send(body);
      expectRefused(res, field);
      expect(await count('SELECT count(*) AS n FROM users WHERE email = $1', [body.email])).toBe(0);
    });

    it.each([
      ['headline', { headline: `Support${NUL}` }],
      ['bio', { bio: `Two years${NUL} of support` }],
      ['city', { city: `Novi${NUL} Sad` }],
      ['portfolio[0].title', { portfolio: [{ title: `Play${NUL}book`, url: 'https://e.org/p' }] }],
    ])('profile: %s', async (field, overrides) => {
      await expectProfileRefused(makeProfileBody(overrides), field);
    });

    it('an organisation name, and a member display name', async () => {
      const before = await count('SELECT count(*) AS n FROM organisations');
      const org = await t.http
        .post('/api/organisations')
        .auth(...bearer(admin))
        .send({ name: `Digital${NUL} Serbia`, type: 'membership_org', country: 'RS' });
      expectRefused(org, 'name');
      expect(await count('SELECT count(*) AS n FROM organisations')).toBe(before);

      const member = await t.http
        .post(`/api/organisations/${company.organisationId}/members`)
        .auth(...bearer(company))
        .send({ email: 'nul.member@example.org', displayName: `Marko${NUL}`, role: 'company' });
      expectRefused(member, 'displayName');
      expect(
        await count('SELECT count(*) AS n FROM users WHERE email = $1', ['nul.member@example.org']),
      ).toBe(0);
    });

    it.each([
      ['title', { title: `Support agent${NUL}` }],
      ['description', { description: `Answer e-mails${NUL}` }],
    ])('a work request: %s', async (field, overrides) => {
      const before = await count(OPPORTUNITIES, ['work_request']);
      const res = await t.http
        .post('/api/work-requests')
        .auth(...bearer(company))
        .send(makeWorkRequestBody(postings[0], overrides));
      expectRefused(res, field);
      expect(await count(OPPORTUNITIES, ['work_request'])).toBe(before);
    });

    it('a listing title', async () => {
      const res = await t.http
        .post('/api/listings')
        .auth(...bearer(broker))
        .send(makeListingBody(postings[0], { title: `Listing${NUL}` }));
      expectRefused(res, 'title');
    });

    it('a programme name and a course title', async () => {
      const programme = await t.http
        .post('/api/programmes')
        .auth(...bearer(admin))
        .send(makeProgrammeBody({ name: `Digital${NUL} Skills` }));
      expectRefused(programme, 'name');
      const course = await t.http
        .post('/api/courses')
        .auth(...bearer(trainer))
        .send(
          makeCourseBody(
            trainer.organisationId as string,
            [{ skillId: postings[0].known[0].skillId, level: 3 }],
            { title: `Course${NUL}` },
          ),
        );
      expectRefused(course, 'title');
    });

    it('a key holding a NUL is named as well', async () => {
      await expectProfileRefused({ ...makeProfileBody(), [`x${NUL}`]: 1 }, `x${NUL}`);
    });

    it('in a JSON import the whole file is refused, naming the row and column', async () => {
      const rows = [
        makeImportRow(postings[0], [postings[0].known[0].label]),
        makeImportRow(postings[1], [postings[1].known[0].label], { title: `Bad${NUL} title` }),
      ];
      const before = await count(OPPORTUNITIES, ['listing']);
      const res = await t.http
        .post('/api/listings/import')
        .auth(...bearer(broker))
        .send(rows);
      expectRefused(res, 'body[1].title');
      expect(await count(OPPORTUNITIES, ['listing'])).toBe(before);
    });

    it('in a CSV import the whole file is refused', async () => {
      const rows = [makeImportRow(postings[0], [postings[0].known[0].label], { title: `B${NUL}` })];
      const res = await t.http
        .post('/api/listings/import')
        .auth(...bearer(broker))
        .set('Content-Type', 'text/csv')
        .send(toCsv(rows));
      expectRefused(res, 'body');
    });
  });

  describe('an array where an object is expected', () => {
    it.each([
      ['skills', { skills: [[]] }],
      ['languages', { languages: [[]] }],
      ['portfolio', { portfolio: [[]] }],
      ['portfolio', { portfolio: ['https://e.org'] }],
    ])('profile %s', async (field, overrides) => {
      await expectProfileRefused(makeProfileBody(overrides), field);
    });

    it('a work request with skills [[]], languages [[]] or budget []', async () => {
      const before = await count(OPPORTUNITIES, ['work_request']);
      for (const [field, overrides] of [
        ['skills', { skills: [[]] }],
        ['languages', { languages: [[]] }],
        ['budget', { budget: [] }],
        ['budget', { budget: 'hourly' }],
      ] as const) {
        const res = await t.http
          .post('/api/work-requests')
          .auth(...bearer(company))
          .send(makeWorkRequestBody(postings[0], overrides));
        expectRefused(res, field);
      }
      expect(await count(OPPORTUNITIES, ['work_request'])).toBe(before);
    });

    it('budget [] does not clear the budget of a work request', async () => {
      const created = await t.http
        .post('/api/work-requests')
        .auth(...bearer(company))
        .send(makeWorkRequestBody(postings[0]))
        .expect(201);
      const res = await t.http
        .patch(`/api/work-requests/${created.body.id}`)
        .auth(...bearer(company))
        .send({ budget: [] });
      expectRefused(res, 'budget');
      const after = await t.http
        .get(`/api/work-requests/${created.body.id}`)
        .auth(...bearer(company))
        .expect(200);
      expect(after.body.budget).toEqual(created.body.budget);
    });

    it('course skills and programme priorities', async () => {
      const course = await t.http
        .post('/api/courses')
        .auth(...bearer(trainer))
        .send(makeCourseBody(trainer.organisationId as string, [[]] as never));
      expectRefused(course, 'skills');
      const programme = await t.http
        .post('/api/programmes')
        .auth(...bearer(admin))
        .send(makeProgrammeBody({ priorities: [[]] }));
      expectRefused(programme, 'priorities');
    });
  });

  describe('null where a field may only be left out, and dates PostgreSQL cannot store', () => {
    it("a company's organisationName and a member's password of null", async () => {
      const body = makeCompanyRegistration({ organisationName: null });
      expectRefused(await t.http.post('/api/auth/register').send(body), 'organisationName');
      expect(await count('SELECT count(*) AS n FROM users WHERE email = $1', [body.email])).toBe(0);
      const member = await t.http
        .post(`/api/organisations/${company.organisationId}/members`)
        .auth(...bearer(company))
        .send({
          email: 'null.pw@example.org',
          displayName: 'Marko',
          role: 'company',
          password: null,
        });
      expectRefused(member, 'password');
    });

    it('a match naming workRequestId null', async () => {
      const before = await count('SELECT count(*) AS n FROM matches');
      const res = await t.http
        .post('/api/matches')
        .auth(...bearer(broker))
        .send({ profileId: '00000000-0000-4000-8000-000000000000', workRequestId: null });
      expectRefused(res, 'workRequestId');
      expect(await count('SELECT count(*) AS n FROM matches')).toBe(before);
    });

    it('a cohort starting in the year 0, and a profile available from then', async () => {
      const course = await t.http
        .post('/api/courses')
        .auth(...bearer(trainer))
        .send(
          makeCourseBody(trainer.organisationId as string, [
            { skillId: postings[0].known[0].skillId, level: 3 },
          ]),
        )
        .expect(201);
      const cohort = await t.http
        .post(`/api/courses/${course.body.id}/cohorts`)
        .auth(...bearer(trainer))
        .send({ startsOn: '0000-01-01', endsOn: '2026-05-29', capacity: 25 });
      expectRefused(cohort, 'startsOn');
      await expectProfileRefused(makeProfileBody({ availableFrom: '0000-01-01' }), 'availableFrom');
    });
  });

  it('JSON nested 10,000 levels deep (under 1 MB) is a 400 naming the body', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const before = await myProfile();
    const res = await t.http
      .put('/api/profiles/me')
      .auth(...bearer(trainee))
      .set('If-Match', `"${before.version}"`)
      .set('Content-Type', 'application/json')
      .send(`{"headline":"x","portfolio":${deep}}`);
    expectRefused(res, 'body');
    expect(await myProfile()).toEqual(before);
  });

  describe('names and titles', () => {
    it.each([
      ['zero-width spaces only', '\u200B\u200B'],
      ['a word joiner and a space', '\u2060 \u2060'],
      ['a Hangul filler', '\u3164'],
      ['a right-to-left override', 'Ana\u202Egpj.exe'],
      ['a first-strong isolate', 'Ana \u2068Marko\u2069'],
      ['a bell character', 'Ana\u0007'],
      ['a C1 control', 'Ana\u0085'],
      ['a line break', 'Ana\nPetrović'],
    ])('a display name of %s is refused', async (_what, displayName) => {
      const body = makeTraineeRegistration({ displayName });
      const res = await t.http.post('/api/auth/register').send(body);
      expectRefused(res, 'displayName');
      expect(await count('SELECT count(*) AS n FROM users WHERE email = $1', [body.email])).toBe(0);
    });

    it('a display name with letters of any script, marks and an emoji sequence is kept', async () => {
      const displayName = 'Đorđe Ђорђе Arbër 👩‍💻';
      const res = await t.http
        .post('/api/auth/register')
        .send(makeTraineeRegistration({ displayName }))
        .expect(201);
      expect(res.body.user.displayName).toBe(displayName);
    });

    it('invisible-only headline and bio are refused; a bio keeps its line breaks', async () => {
      await expectProfileRefused(makeProfileBody({ headline: '\u200B\uFEFF' }), 'headline');
      await expectProfileRefused(makeProfileBody({ bio: '\u200B\n\u200C' }), 'bio');
      await expectProfileRefused(makeProfileBody({ bio: 'Line\u0008' }), 'bio');
      const kept = await putProfile(t, trainee, { bio: 'First line\nSecond line\twith a tab' });
      expect(kept.bio).toBe('First line\nSecond line\twith a tab');
    });

    it('an organisation name with a bidi override, and an invisible work-request title', async () => {
      const org = await t.http
        .post('/api/organisations')
        .auth(...bearer(admin))
        .send({ name: 'Digital \u202EaibreS', type: 'company', country: 'RS' });
      expectRefused(org, 'name');
      const request = await t.http
        .post('/api/work-requests')
        .auth(...bearer(company))
        .send(makeWorkRequestBody(postings[0], { title: '\u200B\u200B\u200B' }));
      expectRefused(request, 'title');
    });

    it('an imported row with a bidi override in its title is an error of that row only', async () => {
      const rows = [
        makeImportRow(postings[0], [postings[0].known[0].label]),
        makeImportRow(postings[1], [postings[1].known[0].label], { title: 'Job \u202Etxt.exe' }),
      ];
      const res = await t.http
        .post('/api/listings/import')
        .auth(...bearer(broker))
        .send(rows)
        .expect(200);
      expect(res.body.created).toBe(1);
      expect(res.body.errors).toEqual([expect.objectContaining({ row: 2, field: 'title' })]);
    });
  });
});
