import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { Test } from 'supertest';
import { DataSource } from 'typeorm';
import {
  loginAdmin,
  makeBroker,
  makeTrainer,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import {
  bearer,
  makeListingBody,
  makeWorkRequestBody,
  resolvedPostings,
} from '../support/opportunity-factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  complete,
  createCohort,
  createCourse,
  createProgramme,
  enrol,
  profileIdOf,
} from '../support/training-factories.js';

/**
 * Skill gaps of a hand-built programme (threshold 2). Demand, counted by hand:
 *
 * - L1, a partner broker's listing in XK, 3 openings: SQL must-have at level 2, Python
 *   nice-to-have at level 3;
 * - W2, a company's request attached by the admin, XK, 2 openings: SQL must-have at level 3;
 * - W3, a company's request tagged with the programme but attached by nobody, XK, 5 openings:
 *   SQL must-have at level 1 — never the programme's demand, but open demand of the platform;
 * - L4, a partner listing in AL, 1 opening, JavaScript must-have at level 2, closed today: in a
 *   window that holds today, not in the first half of 2026;
 * - a draft of the partner: never.
 *
 * Supply in XK (open to work): P1 SQL 3 (certified 2), P2 SQL 2 and Python 3, P3 SQL only by a
 * certificate (2), P7 SQL 2, P4 SQL 1 (below every level asked by the programme); P5 SQL 4 is
 * not open to work and P6 (SQL 3) lives in AL.
 */
const THRESHOLD = 2;

describe('GET /api/reports/skill-gaps and GET /api/courses?sort=gapCoverage', () => {
  let t: TestApp;
  let admin: SignedIn;
  let partnerBroker: SignedIn;
  let otherBroker: SignedIn;
  let trainer: SignedIn;
  let otherTrainer: SignedIn;
  let company: SignedIn;
  let trainee: SignedIn;
  let programmeId: string;
  let skills: Record<string, string>;
  const courses: Record<string, string> = {};
  let cohortId: string;
  let p7: string;

  const report = (as: SignedIn, query: Record<string, string>, accept?: string): Test => {
    const req = t.http
      .get('/api/reports/skill-gaps')
      .query(query)
      .auth(...bearer(as));
    return accept === undefined ? req : req.set('Accept', accept);
  };

  async function person(
    country: 'XK' | 'AL',
    held: { skillId: string; level: number }[],
    openToWork = true,
  ): Promise<string> {
    const p = await registerTrainee(t);
    await putProfile(t, p, {
      country,
      city: country === 'XK' ? 'Pristina' : 'Tirana',
      skills: held,
      openToWork,
    });
    return profileIdOf(t, p);
  }

  async function certify(profileId: string): Promise<void> {
    const enrolment = await enrol(t, trainer, cohortId, profileId);
    await complete(t, trainer, enrolment.id);
  }

  beforeAll(async () => {
    t = await createTestApp({ REPORT_MIN_CELL_SIZE: String(THRESHOLD) });
    admin = await loginAdmin(t);
    partnerBroker = await makeBroker(t, admin);
    otherBroker = await makeBroker(t, admin);
    trainer = await makeTrainer(t, admin);
    otherTrainer = await makeTrainer(t, admin);
    company = await registerCompany(t);
    trainee = await registerTrainee(t);
    skills = await skillIds(t, ['SQL', 'JavaScript', 'Python (computer programming)']);
    const python = skills['Python (computer programming)'];
    const programme = await createProgramme(t, admin, {
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
      countries: ['AL', 'XK'],
      partners: [partnerBroker.organisationId],
    });
    programmeId = programme.id;

    courses.sql = (
      await createCourse(t, trainer, [{ skillId: skills.SQL, level: 2 }], {
        title: 'SQL for analysts',
        programmeId,
      })
    ).id;
    cohortId = (await createCohort(t, trainer, courses.sql)).id;
    const next = await createCohort(t, trainer, courses.sql, {
      startsOn: '2030-03-04',
      endsOn: '2030-05-31',
    });
    courses.javascript = (
      await createCourse(t, trainer, [{ skillId: skills.JavaScript, level: 3 }], {
        title: 'JavaScript from scratch',
      })
    ).id;
    courses.python = (
      await createCourse(t, trainer, [{ skillId: python, level: 1 }], {
        title: 'Python basics',
      })
    ).id;
    courses.otherSql = (
      await createCourse(t, otherTrainer, [{ skillId: skills.SQL, level: 4 }], {
        title: 'Advanced SQL',
      })
    ).id;
    courses.nextCohort = next.id;

    const postings = await resolvedPostings(t, partnerBroker, 5);
    const listing = async (
      posting: (typeof postings)[number],
      body: Record<string, unknown>,
    ): Promise<string> => {
      const res = await t.http
        .post('/api/listings')
        .auth(...bearer(partnerBroker))
        .send(makeListingBody(posting, { programmeId, ...body }));
      expect(res.status).toBe(201);
      return res.body.id;
    };
    await listing(postings[0], {
      countries: ['XK'],
      openings: 3,
      skills: [
        { skillId: skills.SQL, minLevel: 2, mustHave: true },
        { skillId: python, minLevel: 3, mustHave: false },
      ],
    });
    const closed = await listing(postings[3], {
      countries: ['AL'],
      openings: 1,
      skills: [{ skillId: skills.JavaScript, minLevel: 2, mustHave: true }],
    });
    const close = await t.http
      .post(`/api/listings/${closed}/close`)
      .auth(...bearer(partnerBroker))
      .send({});
    expect(close.status).toBe(200);
    await listing(postings[4], {
      status: 'draft',
      countries: ['XK'],
      openings: 9,
      skills: [{ skillId: skills.JavaScript, minLevel: 1, mustHave: true }],
    });

    const request = async (
      posting: (typeof postings)[number],
      body: Record<string, unknown>,
    ): Promise<string> => {
      const res = await t.http
        .post('/api/work-requests')
        .auth(...bearer(company))
        .send(makeWorkRequestBody(posting, { countries: ['XK'], city: 'Pristina', ...body }));
      expect(res.status).toBe(201);
      const published = await t.http
        .post(`/api/work-requests/${res.body.id}/publish`)
        .auth(...bearer(company));
      expect(published.status).toBe(200);
      return res.body.id;
    };
    const attached = await request(postings[1], {
      openings: 2,
      skills: [{ skillId: skills.SQL, minLevel: 3, mustHave: true }],
    });
    const attach = await t.http
      .put(`/api/work-requests/${attached}/programme`)
      .auth(...bearer(admin))
      .send({ programmeId });
    expect(attach.status).toBe(200);
    const tagged = await request(postings[2], {
      openings: 5,
      skills: [{ skillId: skills.SQL, minLevel: 1, mustHave: true }],
    });
    // tagged by its own company without a partner's or an admin's attachment
    await t.app
      .get(DataSource)
      .query(`UPDATE opportunities SET programme_id = $1 WHERE id = $2`, [programmeId, tagged]);

    const p1 = await person('XK', [{ skillId: skills.SQL, level: 3 }]);
    await certify(p1);
    await person('XK', [
      { skillId: skills.SQL, level: 2 },
      { skillId: python, level: 3 },
    ]);
    const p3 = await person('XK', []);
    await certify(p3);
    await person('XK', [{ skillId: skills.SQL, level: 1 }]);
    await person('XK', [{ skillId: skills.SQL, level: 4 }], false);
    await person('AL', [{ skillId: skills.SQL, level: 3 }]);
    p7 = await person('XK', [{ skillId: skills.SQL, level: 2 }]);
  }, 240_000);

  afterAll(async () => {
    await t?.close();
  });

  it('counts demand against supply per skill and country, most unmet first, with the courses', async () => {
    const res = await report(partnerBroker, { programmeId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      programmeId,
      from: '2026-01-01',
      to: '2027-12-31',
      threshold: THRESHOLD,
    });
    const python = skills['Python (computer programming)'];
    expect(res.body.items).toEqual([
      {
        skillId: skills.SQL,
        name: 'SQL',
        country: 'XK',
        // L1 and W2; W3 is the company's own tag and counts for nobody's programme
        demand: {
          requests: 2,
          openings: 5,
          mustHave: { requests: 2, openings: 5 },
          niceToHave: { requests: 0, openings: 0 },
          byLevel: [
            {
              minLevel: 2,
              mustHave: { requests: 1, openings: 3 },
              niceToHave: { requests: 0, openings: 0 },
            },
            {
              minLevel: 3,
              mustHave: { requests: 1, openings: 2 },
              niceToHave: { requests: 0, openings: 0 },
            },
          ],
        },
        // P1, P2, P3, P7 hold SQL at 2 or above; P1 and P3 by a certificate
        supply: { level: 2, people: 4, verified: 2 },
        unmet: 1,
        courses: [
          {
            courseId: courses.sql,
            title: 'SQL for analysts',
            level: 2,
            programmeId,
            nextCohort: { cohortId: courses.nextCohort, startsOn: '2030-03-04' },
          },
          {
            courseId: courses.otherSql,
            title: 'Advanced SQL',
            level: 4,
            programmeId: null,
            nextCohort: null,
          },
        ],
      },
      {
        skillId: skills.JavaScript,
        name: 'JavaScript',
        country: 'AL',
        demand: {
          requests: 1,
          openings: 1,
          mustHave: { requests: 1, openings: 1 },
          niceToHave: { requests: 0, openings: 0 },
          byLevel: [
            {
              minLevel: 2,
              mustHave: { requests: 1, openings: 1 },
              niceToHave: { requests: 0, openings: 0 },
            },
          ],
        },
        // nobody: 0 is below the threshold, and so would be the unmet figure's complement
        supply: { level: 2, people: null, verified: null },
        unmet: null,
        courses: [
          {
            courseId: courses.javascript,
            title: 'JavaScript from scratch',
            level: 3,
            programmeId: null,
            nextCohort: null,
          },
        ],
      },
      {
        skillId: python,
        name: 'Python (computer programming)',
        country: 'XK',
        demand: {
          requests: 1,
          openings: 3,
          mustHave: { requests: 0, openings: 0 },
          niceToHave: { requests: 1, openings: 3 },
          byLevel: [
            {
              minLevel: 3,
              mustHave: { requests: 0, openings: 0 },
              niceToHave: { requests: 1, openings: 3 },
            },
          ],
        },
        // P2 alone: suppressed; nice-to-have demand leaves nothing unmet
        supply: { level: 3, people: null, verified: null },
        unmet: 0,
        // Python basics teaches level 1 only
        courses: [],
      },
    ]);
  });

  it('counts closed requests only when they were open in the window, at the same supply level', async () => {
    const res = await report(admin, { programmeId, from: '2026-01-01', to: '2026-06-30' });
    expect(res.status).toBe(200);
    expect(
      res.body.items.map((r: { name: string; country: string }) => [r.name, r.country]),
    ).toEqual([
      ['SQL', 'XK'],
      ['Python (computer programming)', 'XK'],
    ]);
    const onlyAl = await report(admin, { programmeId, countries: 'al' });
    expect(onlyAl.body.items.map((r: { name: string }) => r.name)).toEqual(['JavaScript']);
  });

  it('hides small people counts and never lets verified be told from its complement', async () => {
    const db = t.app.get(DataSource);
    // a third verified holder, and P7 no longer open to work: 4 people, 3 verified; the one
    // unverified holder (P2) would be people − verified, so verified goes too
    const extra = await person('XK', []);
    await certify(extra);
    await db.query(`UPDATE profiles SET open_to_work = false WHERE id = $1`, [p7]);
    const sql = (await report(admin, { programmeId })).body.items[0];
    expect(sql.supply).toEqual({ level: 2, people: 4, verified: null });
    expect(sql.unmet).toBe(1);
    // every published people count reaches the threshold
    for (const row of (await report(admin, { programmeId })).body.items) {
      for (const v of [row.supply.people, row.supply.verified]) {
        expect(v === null || v >= THRESHOLD).toBe(true);
      }
    }
    await db.query(`UPDATE profiles SET open_to_work = false WHERE id = $1`, [extra]);
    await db.query(`UPDATE profiles SET open_to_work = true WHERE id = $1`, [p7]);
  });

  it('answers CSV with Accept: text/csv, suppressed cells empty', async () => {
    const res = await report(partnerBroker, { programmeId }, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('attachment');
    const rows: Record<string, string>[] = parse(res.text, { columns: true });
    expect(rows.map((r) => [r.name, r.country, r.openings, r.people, r.verified, r.unmet])).toEqual(
      [
        ['SQL', 'XK', '5', '4', '2', '1'],
        ['JavaScript', 'AL', '1', '', '', ''],
        ['Python (computer programming)', 'XK', '3', '', '', '0'],
      ],
    );
    expect(rows[0].courses).toBe('SQL for analysts (2); Advanced SQL (4)');
  });

  it('refuses companies, trainees, trainers and brokers of other organisations', async () => {
    for (const who of [company, trainee, trainer, otherBroker]) {
      const res = await report(who, { programmeId });
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await report(company, { programmeId }, 'text/csv')).status).toBe(403);
  });

  it('names the field of every bad parameter', async () => {
    const field = async (query: Record<string, string>): Promise<string> => {
      const res = await report(admin, query);
      expect(res.status).toBe(400);
      return res.body.errors[0].field;
    };
    expect(await field({})).toBe('programmeId');
    expect(await field({ programmeId: 'nope' })).toBe('programmeId');
    expect(await field({ programmeId, countries: 'ZZ' })).toBe('countries');
    expect(await field({ programmeId, from: '2026-02-30' })).toBe('from');
    expect(await field({ programmeId, to: 'yesterday' })).toBe('to');
    expect(await field({ programmeId, from: '2026-05-01', to: '2026-04-01' })).toBe('to');
    const unknown = await report(admin, { programmeId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
  });

  describe('courses by gap coverage', () => {
    const ranked = (as: SignedIn, query: Record<string, string> = {}): Test =>
      t.http
        .get('/api/courses')
        .query({ sort: 'gapCoverage', ...query })
        .auth(...bearer(as));

    it("ranks a trainer's own courses by the open gaps they close", async () => {
      // open demand of the platform: SQL in XK is asked at level 1 (W3) by 3 + 2 + 5 must-have
      // openings; P1, P2, P3, P4, P7 (and the extra holder, no longer open to work) hold it
      const res = await ranked(trainer);
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([
        courses.sql,
        courses.javascript,
        courses.python,
      ]);
      expect(res.body.items[0].gapCoverage).toEqual({
        gaps: 1,
        openings: 5,
        skills: [{ skillId: skills.SQL, name: 'SQL', level: 2, countries: ['XK'], openings: 5 }],
      });
      // the JavaScript listing is closed: no open gap; Python is only a nice-to-have
      expect(res.body.items[1].gapCoverage).toEqual({ gaps: 0, openings: 0, skills: [] });
      expect(res.body.items[2].gapCoverage).toEqual({ gaps: 0, openings: 0, skills: [] });
      expect(res.body.items[0].skills).toEqual([{ skillId: skills.SQL, name: 'SQL', level: 2 }]);
    });

    it('gives admins every course, paged, and refuses everyone else', async () => {
      const first = await ranked(admin, { limit: '2' });
      expect(first.status).toBe(200);
      expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([
        courses.sql,
        courses.otherSql,
      ]);
      const rest = await ranked(admin, { limit: '2', cursor: first.body.nextCursor });
      expect(rest.body.items.map((c: { id: string }) => c.id)).toEqual([
        courses.javascript,
        courses.python,
      ]);
      expect(rest.body.nextCursor).toBeNull();
      const bad = await ranked(admin, { cursor: 'not-a-cursor' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('cursor');
      expect((await ranked(admin, { sort: 'popularity' })).body.errors[0].field).toBe('sort');
      for (const who of [company, trainee, partnerBroker]) {
        expect((await ranked(who)).status).toBe(403);
      }
    });
  });
});
