import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SurveyClock, SurveyDispatcher } from '@app/surveys';
import { DataSource } from 'typeorm';
import {
  IndicatorsRepository,
  type IndicatorQuery,
} from '../../libs/reporting/src/indicators.repository.js';
import { move, shortlist } from '../support/brokering-factories.js';
import {
  loginAdmin,
  makeBroker,
  makeTrainer,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { bearer, makeListingBody, resolvedPostings } from '../support/opportunity-factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { canonicalRows, referenceRows } from '../support/reference-indicators.js';
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
 * The report read model (report_people, report_cells, report_engagements, report_money, kept by
 * triggers) must answer exactly what the reference statement computes from the owners' tables,
 * after every write path that changes a report fact: each step below changes facts through the
 * HTTP API and compares the rows of both statements for several breakdowns, the whole programme
 * and one month of one country part (docs/reporting.md, "Read model").
 */
const pad = (n: number) => String(n).padStart(2, '0');
const now = new Date();
const YEAR = now.getUTCFullYear();
const MONTH_FROM = `${YEAR}-${pad(now.getUTCMonth() + 1)}-01`;
const MONTH_TO = new Date(Date.UTC(YEAR, now.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
const FRAME = { startsOn: `${YEAR}-01-01`, endsOn: `${YEAR + 1}-12-31` };
const BREAKDOWNS: IndicatorQuery['groupBy'][] = [
  [],
  ['sex'],
  ['sex', 'ageBand'],
  ['ageBand', 'group'],
  ['youth', 'country'],
  ['sex', 'ageBand', 'country', 'group'],
];

describe('report read model: every write path keeps it equal to the reference statement', () => {
  let t: TestApp;
  let admin: SignedIn;
  let broker: SignedIn;
  let trainer: SignedIn;
  let programmeId: string;
  let cohortId: string;
  let listingId: string;
  let ana: SignedIn;
  let ben: SignedIn;
  let anaProfile: string;
  let benProfile: string;
  let anaCertificate: string;

  const queries = (): IndicatorQuery[] => {
    const whole = {
      programmeId,
      frameFrom: FRAME.startsOn,
      frameTo: FRAME.endsOn,
      from: FRAME.startsOn,
      to: FRAME.endsOn,
      byMonth: false,
      parts: null,
      part: null,
    };
    return BREAKDOWNS.flatMap((groupBy) => [
      { ...whole, groupBy },
      {
        ...whole,
        from: MONTH_FROM,
        to: MONTH_TO,
        byMonth: true,
        parts: ['AL', 'XK', 'other'],
        part: 'XK',
        groupBy,
      },
    ]);
  };

  /**
   * Compares both statements on every query and returns the whole-programme totals of the read
   * model (people per indicator, and the money total), so each step can say what it changed.
   */
  async function sameAsReference(): Promise<Record<string, number>> {
    const repository = t.app.get(IndicatorsRepository);
    const db = t.app.get(DataSource);
    for (const query of queries()) {
      const mine = canonicalRows(await repository.rows(query));
      const reference = canonicalRows(await referenceRows(db, query));
      expect({
        query: query.groupBy.join(',') + (query.byMonth ? ' month XK' : ''),
        rows: mine,
      }).toEqual({
        query: query.groupBy.join(',') + (query.byMonth ? ' month XK' : ''),
        rows: reference,
      });
    }
    const [whole] = queries();
    const rows = canonicalRows(await repository.rows(whole));
    const totals: Record<string, number> = {};
    for (const row of rows) {
      for (const [key, value] of Object.entries(row)) {
        if (row.kind === 'cells' && typeof value === 'number' && key !== 'slot') {
          totals[key] = (totals[key] ?? 0) + value;
        }
        if (row.kind === 'money_total' && key === 'income_sum') totals.income = Number(value);
      }
    }
    return totals;
  }

  const surveys = () => t.app.get(SurveyDispatcher);
  const later = (ms: number) => {
    const at = Date.now() + ms;
    jest.spyOn(t.app.get(SurveyClock), 'now').mockImplementation(() => new Date(at));
  };

  beforeAll(async () => {
    t = await createTestApp({ FOLLOW_UP_OFFSETS: 'PT2S,PT4S', REPORT_MIN_CELL_SIZE: '2' });
    admin = await loginAdmin(t);
    broker = await makeBroker(t, admin);
    trainer = await makeTrainer(t, admin);
    programmeId = (
      await createProgramme(t, admin, {
        ...FRAME,
        countries: ['AL', 'XK'],
        partners: [broker.organisationId],
      })
    ).id;
    const skills = await skillIds(t, ['SQL']);
    const course = await createCourse(t, trainer, [{ skillId: skills.SQL, level: 2 }], {
      programmeId,
    });
    cohortId = (await createCohort(t, trainer, course.id)).id;
    const [posting] = await resolvedPostings(t, broker, 1);
    const listing = await t.http
      .post('/api/listings')
      .auth(...bearer(broker))
      .send(makeListingBody(posting, { programmeId }));
    expect(listing.status).toBe(201);
    listingId = listing.body.id;

    ana = await registerTrainee(t);
    anaProfile = await profileIdOf(t, ana);
    await putProfile(t, ana, { country: 'XK', city: 'Pristina' });
    const consent = await t.http
      .put('/api/profiles/me/inclusion')
      .auth(...bearer(ana))
      .send({ sex: 'female', birthYear: 2000, groups: ['roma'], consentToReporting: true });
    expect(consent.status).toBe(204);
    ben = await registerTrainee(t);
    benProfile = await profileIdOf(t, ben);
  }, 180_000);

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await t?.close();
  });

  it('counts nobody before anyone takes part', async () => {
    expect((await sameAsReference()).registered ?? 0).toBe(0);
  });

  it('enrolment makes people part of the programme', async () => {
    await enrol(t, trainer, cohortId, anaProfile);
    await enrol(t, trainer, cohortId, benProfile);
    expect(await sameAsReference()).toMatchObject({ registered: 2, trained: 0, certified: 0 });
  });

  it('completion trains and certifies', async () => {
    const enrolments = await t.app
      .get(DataSource)
      .query(`SELECT id FROM enrolments WHERE profile_id = $1`, [anaProfile]);
    anaCertificate = (await complete(t, trainer, enrolments[0].id)).code;
    expect(await sameAsReference()).toMatchObject({ trained: 1, certified: 1, paid_work: 0 });
  });

  it('a partner match matches, hires (paid work after training) and completes with money', async () => {
    const matchId = await shortlist(t, broker, { profileId: anaProfile, listingId });
    expect(await sameAsReference()).toMatchObject({ matched: 1, hired: 0 });
    await move(t, broker, matchId, { to: 'invited' });
    await move(t, ana, matchId, { to: 'accepted' });
    await move(t, broker, matchId, { to: 'hired', agreedRateEur: 12 });
    expect(await sameAsReference()).toMatchObject({
      hired: 1,
      hired_self_employed: 1,
      paid_work: 1,
      completed: 0,
    });
    await move(t, broker, matchId, { to: 'completed', hoursWorked: 40, incomeEur: 480 });
    expect(await sameAsReference()).toMatchObject({ completed: 1, income: 480 });
  });

  it('follow-up answers count (training before hire), and the 6-month response', async () => {
    later(10_000);
    await surveys().runOnce();
    const list = await t.http.get('/api/profiles/me/surveys').auth(...bearer(ana));
    expect(list.status).toBe(200);
    const answers: Record<number, Record<string, unknown>> = {
      1: { status: 'employed', monthlyIncomeEur: 500 },
      2: { status: 'self_employed', monthlyIncomeEur: 800 },
    };
    let answered = 0;
    for (const survey of list.body.items as { id: string; followUp: number }[]) {
      const res = await t.http
        .post(`/api/profiles/me/surveys/${survey.id}`)
        .auth(...bearer(ana))
        .send(answers[survey.followUp]);
      expect(res.status).toBe(204);
      answered += 1;
    }
    expect(answered).toBeGreaterThanOrEqual(2);
    expect(await sameAsReference()).toMatchObject({
      surveyed: 1,
      employed_3m: 1,
      employed_6m: 1,
      due_6m: 1,
      answered_6m: 1,
    });
  });

  it('more engagements: money over an even count with a tie', async () => {
    const postings = await resolvedPostings(t, broker, 4);
    const engagements = [
      { who: ana, profile: anaProfile, incomeEur: 300 },
      { who: ben, profile: benProfile, incomeEur: 300 },
      { who: ben, profile: benProfile, incomeEur: 1000 },
    ];
    for (const [i, e] of engagements.entries()) {
      const listing = await t.http
        .post('/api/listings')
        .auth(...bearer(broker))
        .send(makeListingBody(postings[i + 1], { programmeId }));
      expect(listing.status).toBe(201);
      const matchId = await shortlist(t, broker, {
        profileId: e.profile,
        listingId: listing.body.id,
      });
      await move(t, broker, matchId, { to: 'invited' });
      await move(t, e.who, matchId, { to: 'accepted' });
      await move(t, broker, matchId, { to: 'hired', agreedRateEur: 10 });
      await move(t, broker, matchId, { to: 'completed', hoursWorked: 10, incomeEur: e.incomeEur });
    }
    expect(await sameAsReference()).toMatchObject({ completed: 2, income: 2080 });
    const [whole] = queries();
    const total = (await t.app.get(IndicatorsRepository).rows(whole)).find(
      (r) => r.kind === 'money_total',
    );
    // 300, 300, 480, 1000: the median of an even count lies between the middle two
    expect([total?.income_median, Number(total?.hours_worked)]).toEqual([390, 70]);
  });

  it('a revoked certificate no longer counts', async () => {
    const res = await t.http
      .post(`/api/certificates/${anaCertificate}/revoke`)
      .auth(...bearer(trainer))
      .send({ reason: 'Issued in error' });
    expect(res.status).toBe(200);
    expect(await sameAsReference()).toMatchObject({ certified: 0, trained: 1 });
  });

  it('a profile country change moves the person to another country part', async () => {
    await putProfile(t, ben, { country: 'XK', city: 'Prizren' });
    await sameAsReference();
  });

  it('withdrawn consent puts the person in undisclosed everywhere', async () => {
    const res = await t.http
      .put('/api/profiles/me/inclusion')
      .auth(...bearer(ana))
      .send({ consentToReporting: false });
    expect(res.status).toBe(204);
    expect(await sameAsReference()).toMatchObject({ registered: 2, hired: 2 });
    const [row] = await t.app
      .get(DataSource)
      .query(`SELECT consented, sex FROM report_people WHERE profile_id = $1`, [anaProfile]);
    expect(row).toEqual({ consented: false, sex: null });
  });

  it('erasure keeps the facts as anonymous counts', async () => {
    for (const who of [ana, ben]) {
      expect((await t.http.delete('/api/profiles/me').auth(...bearer(who))).status).toBe(204);
    }
    expect(await sameAsReference()).toMatchObject({
      registered: 2,
      trained: 1,
      hired: 2,
      employed_6m: 1,
      income: 2080,
    });
  });

  it('a new programme period recomputes every person of the programme', async () => {
    const db = t.app.get(DataSource);
    // the period starts after every event so far: nobody counts any more
    await db.query(`UPDATE programmes SET starts_on = $2, ends_on = $3 WHERE id = $1`, [
      programmeId,
      `${YEAR + 1}-01-01`,
      `${YEAR + 1}-12-31`,
    ]);
    const [{ n }] = await db.query(
      `SELECT coalesce(sum(people), 0)::int AS n FROM report_cells WHERE programme_id = $1`,
      [programmeId],
    );
    expect(n).toBe(0);
    await db.query(`UPDATE programmes SET starts_on = $2, ends_on = $3 WHERE id = $1`, [
      programmeId,
      FRAME.startsOn,
      FRAME.endsOn,
    ]);
    expect(await sameAsReference()).toMatchObject({ registered: 2, trained: 1 });
  });
});
