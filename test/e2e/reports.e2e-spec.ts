import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { Test } from 'supertest';
import { DataSource } from 'typeorm';
import {
  createMember,
  createOrganisation,
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
import { backdate, insertMatch } from '../support/report-factories.js';
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
 * Results reports over a hand-built programme (2026-01-01..2026-06-30, the window of most
 * tests), threshold 2 so that small tables still publish something. Every expected number below
 * is counted by hand from the people described in `beforeAll`. The programme runs half a year so
 * that its window is the whole programme period: a report of a part of a period is protected
 * against the report of the whole (docs/reporting.md, "Differencing").
 */
const THRESHOLD = 2;
const WINDOW = { from: '2026-01-01', to: '2026-06-30' };
const IN_WINDOW = '2026-02-01T10:00:00Z';
const TRAINED_AT = '2026-03-01T10:00:00Z';

/** No follow-up survey falls due within these tests (P3M after training): every cell 0, hidden. */
const NO_SURVEY_ANSWERS = {
  surveyed: null,
  employed3m: null,
  employed6m: null,
  employed12m: null,
  incomeMedian6m: null,
  responseRate6m: null,
};

describe('GET /api/reports/indicators', () => {
  let t: TestApp;
  let admin: SignedIn;
  let partnerBroker: SignedIn;
  let otherBroker: SignedIn;
  let trainer: SignedIn;
  let programmeId: string;
  let edgeProgrammeId: string;
  const people: Record<string, SignedIn> = {};

  const report = (as: SignedIn, query: Record<string, string | undefined>): Test =>
    t.http
      .get('/api/reports/indicators')
      .query(query)
      .auth(...bearer(as));

  async function trainee(
    name: string,
    inclusion: Record<string, unknown> | null,
    profile?: Record<string, unknown>,
  ): Promise<string> {
    const person = await registerTrainee(t);
    people[name] = person;
    if (profile !== undefined) await putProfile(t, person, profile);
    if (inclusion !== null) {
      const res = await t.http
        .put('/api/profiles/me/inclusion')
        .auth(...bearer(person))
        .send({ ...inclusion, consentToReporting: true });
      expect(res.status).toBe(204);
    }
    const id = await profileIdOf(t, person);
    await backdate(t, 'profiles', 'created_at', { column: 'id', value: id }, IN_WINDOW);
    return id;
  }

  /** Enrols in the cohort; with `finishedAt`, completes and back-dates completion and certificate. */
  async function train(cohortId: string, profileId: string, finishedAt?: string): Promise<string> {
    const enrolment = await enrol(t, trainer, cohortId, profileId);
    if (finishedAt === undefined) return enrolment.id;
    const certificate = await complete(t, trainer, enrolment.id);
    await backdate(
      t,
      'enrolments',
      'finished_at',
      { column: 'id', value: enrolment.id },
      finishedAt,
    );
    await backdate(
      t,
      'certificates',
      'issued_at',
      { column: 'enrolment_id', value: enrolment.id },
      finishedAt,
    );
    return certificate.code;
  }

  beforeAll(async () => {
    t = await createTestApp({ REPORT_MIN_CELL_SIZE: String(THRESHOLD) });
    admin = await loginAdmin(t);
    partnerBroker = await makeBroker(t, admin);
    otherBroker = await makeBroker(t, admin);
    trainer = await makeTrainer(t, admin);
    const programme = await createProgramme(t, admin, {
      startsOn: '2026-01-01',
      endsOn: '2026-06-30',
      countries: ['AL', 'XK'],
      partners: [partnerBroker.organisationId],
    });
    programmeId = programme.id;
    const skills = await skillIds(t, ['SQL']);
    const course = await createCourse(t, trainer, [{ skillId: skills.SQL, level: 2 }], {
      programmeId,
    });
    const cohort = await createCohort(t, trainer, course.id);

    const [posting, listingPosting] = await resolvedPostings(t, partnerBroker, 2);
    const company = await registerCompany(t);
    const wr = await t.http
      .post('/api/work-requests')
      .auth(...bearer(company))
      .send(makeWorkRequestBody(posting, { engagementType: 'full_time' }));
    expect(wr.status).toBe(201);
    // only partners attach work to a programme: the admin does it for the company
    expect(
      (
        await t.http
          .put(`/api/work-requests/${wr.body.id}/programme`)
          .auth(...bearer(admin))
          .send({ programmeId })
      ).status,
    ).toBe(200);
    const listing = await t.http
      .post('/api/listings')
      .auth(...bearer(partnerBroker))
      .send(makeListingBody(listingPosting, { programmeId }));
    expect(listing.status).toBe(201);
    const job = wr.body.id as string; // employment
    const gig = listing.body.id as string; // freelance: self-employment

    // P1 female 2002 (24 in 2026), roma: trained, certified, hired after training, completed
    const p1 = await trainee(
      'p1',
      { sex: 'female', birthYear: 2002, groups: ['roma'] },
      { country: 'XK', city: 'Pristina' },
    );
    await train(cohort.id, p1, TRAINED_AT);
    await insertMatch(t, {
      profileId: p1,
      opportunityId: job,
      organisationId: partnerBroker.organisationId, // brokered by the partner
      shortlistedAt: '2026-03-10T09:00:00Z',
      hiredAt: '2026-03-20T09:00:00Z',
      completedAt: '2026-05-01T09:00:00Z',
      incomeEur: 1000,
      hoursWorked: 100,
    });
    // P2 female 2001 (25), roma + rural: freelance hire after training, completed
    const p2 = await trainee(
      'p2',
      { sex: 'female', birthYear: 2001, groups: ['roma', 'rural'] },
      { country: 'XK', city: 'Pristina' },
    );
    await train(cohort.id, p2, TRAINED_AT);
    await insertMatch(t, {
      profileId: p2,
      opportunityId: gig,
      shortlistedAt: '2026-03-10T09:00:00Z',
      hiredAt: '2026-03-20T09:00:00Z',
      completedAt: '2026-05-01T09:00:00Z',
      incomeEur: 2000,
      hoursWorked: 150,
    });
    // P3 female 1997 (29), no group: certificate revoked; hired only after the window
    const p3 = await trainee(
      'p3',
      { sex: 'female', birthYear: 1997, groups: [] },
      { country: 'XK', city: 'Pristina' },
    );
    const p3Code = await train(cohort.id, p3, TRAINED_AT);
    const revoked = await t.http
      .post(`/api/certificates/${p3Code}/revoke`)
      .auth(...bearer(trainer))
      .send({ reason: 'Issued by mistake' });
    expect(revoked.status).toBe(200);
    await insertMatch(t, {
      profileId: p3,
      opportunityId: job,
      organisationId: partnerBroker.organisationId, // brokered by the partner
      shortlistedAt: '2026-04-01T09:00:00Z',
      hiredAt: '2026-08-01T09:00:00Z',
    });
    // P4 male 1996 (30): hired before training, completed on the last evening of the window
    const p4 = await trainee('p4', { sex: 'male', birthYear: 1996, groups: ['roma'] });
    await train(cohort.id, p4, TRAINED_AT);
    await insertMatch(t, {
      profileId: p4,
      opportunityId: job,
      organisationId: partnerBroker.organisationId, // brokered by the partner
      shortlistedAt: '2026-02-10T09:00:00Z',
      hiredAt: '2026-02-15T09:00:00Z',
      completedAt: '2026-06-30T23:00:00Z',
      incomeEur: 3000,
      hoursWorked: 200,
    });
    // P5 male 2012 (14): enrolled only
    const p5 = await trainee('p5', { sex: 'male', birthYear: 2012, groups: [] });
    await train(cohort.id, p5);
    // P6 consented without sex or birth year: trained after the window
    const p6 = await trainee('p6', { groups: [] });
    await train(cohort.id, p6, '2026-07-01T09:00:00Z');
    // P7 never consented (profile in RS): trained, certified, freelance hire after training
    const p7 = await trainee('p7', null, { country: 'RS', city: 'Novi Sad' });
    await train(cohort.id, p7, TRAINED_AT);
    await insertMatch(t, {
      profileId: p7,
      opportunityId: gig,
      shortlistedAt: '2026-03-25T09:00:00Z',
      hiredAt: '2026-04-01T09:00:00Z',
    });
    // P8 consented, then withdrew: trained and certified
    const p8 = await trainee('p8', { sex: 'female', birthYear: 2002, groups: ['roma'] });
    await train(cohort.id, p8, TRAINED_AT);
    const withdrawn = await t.http
      .put('/api/profiles/me/inclusion')
      .auth(...bearer(people.p8))
      .send({ consentToReporting: false });
    expect(withdrawn.status).toBe(204);
    // P9 enrolled, hired, completed, then erased the account
    const p9 = await trainee('p9', { sex: 'female', birthYear: 2000, groups: ['roma'] });
    await train(cohort.id, p9);
    await insertMatch(t, {
      profileId: p9,
      opportunityId: job,
      organisationId: partnerBroker.organisationId, // brokered by the partner
      shortlistedAt: '2026-03-10T09:00:00Z',
      hiredAt: '2026-03-20T09:00:00Z',
      completedAt: '2026-05-01T09:00:00Z',
      incomeEur: 500,
      hoursWorked: 50,
    });
    const erased = await t.http.delete('/api/profiles/me').auth(...bearer(people.p9));
    expect(erased.status).toBe(204);
    // P10 registered a minute before the window: a person of the programme, not registered in it
    const p10 = await trainee('p10', { sex: 'male', birthYear: 1990, groups: [] });
    await backdate(
      t,
      'profiles',
      'created_at',
      { column: 'id', value: p10 },
      '2025-12-31T23:59:00Z',
    );
    await train(cohort.id, p10);
    // P11 registered, consented, but never enrolled nor matched: not a person of the programme
    await trainee('p11', { sex: 'female', birthYear: 2002, groups: ['roma'] });
    // P12 male 2000 (26): only shortlisted for the listing, then declined
    const p12 = await trainee('p12', { sex: 'male', birthYear: 2000, groups: ['disability'] });
    await insertMatch(t, {
      profileId: p12,
      opportunityId: gig,
      shortlistedAt: '2026-05-05T09:00:00Z',
      declinedAt: '2026-05-06T09:00:00Z',
    });

    // A second programme for the age band edges: two people per birth year, registered in 2026
    const edges = await createProgramme(t, admin, {
      startsOn: '2025-01-01',
      endsOn: '2026-12-31',
      partners: [partnerBroker.organisationId],
    });
    edgeProgrammeId = edges.id;
    const edgeCourse = await createCourse(t, trainer, [{ skillId: skills.SQL, level: 1 }], {
      programmeId: edgeProgrammeId,
    });
    const edgeCohort = await createCohort(t, trainer, edgeCourse.id);
    for (const birthYear of [2012, 2011, 2002, 2001, 1997, 1996]) {
      for (const n of [1, 2]) {
        const id = await trainee(`e${birthYear}-${n}`, { sex: 'female', birthYear, groups: [] });
        if (birthYear === 2001) {
          // registered at 24, trained at 25: a band per event
          await backdate(
            t,
            'profiles',
            'created_at',
            { column: 'id', value: id },
            '2025-12-01T10:00:00Z',
          );
          await train(edgeCohort.id, id, TRAINED_AT);
        } else {
          await train(edgeCohort.id, id);
        }
      }
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('counts each indicator of the programme by hand', async () => {
    const res = await report(admin, { programmeId, ...WINDOW });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      programmeId,
      from: '2026-01-01',
      to: '2026-06-30',
      groupBy: [],
      threshold: THRESHOLD,
      rows: [],
      totals: {
        registered: 10, // P1–P9, P12
        trained: 6, // P1, P2, P3, P4, P7, P8
        certified: 5, // P1, P2, P4, P7, P8 (P3 revoked, P6 after the window)
        matched: 7, // P1, P2, P3, P4, P7, P9, P12
        hired: 5, // P1, P2, P4, P7, P9 (P3 after the window)
        hiredSelfEmployed: 2, // P2, P7 (listing, freelance)
        hiredEmployed: 3, // P1, P4, P9
        completed: 4, // P1, P2, P4, P9
        incomeEurSum: 6500,
        incomeEurMedian: 1500, // 500, 1000 | 2000, 3000
        hoursWorked: 500,
        withPaidWork: 0.5, // P1, P2, P7 of 6 (P4 hired before training)
        // no follow-up survey has fallen due (P3M after training): 0 people, suppressed
        surveyed: null,
        employed3m: null,
        employed6m: null,
        employed12m: null,
        incomeMedian6m: null,
        responseRate6m: null,
      },
    });
  });

  it('defaults the window to the programme dates, and never reaches past them', async () => {
    const res = await report(partnerBroker, { programmeId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ from: '2026-01-01', to: '2026-06-30' });
    // P3's August hire and P6's July training fall after the programme's end: not counted
    expect(res.body.totals).toMatchObject({ hired: 5, trained: 6, withPaidWork: 0.5 });
    // the calendar year, clipped to the programme, is the programme period
    const year = await report(partnerBroker, { programmeId, from: '2026-01-01', to: '2026-12-31' });
    expect(year.status).toBe(200);
    expect(year.body).toMatchObject({ from: '2026-01-01', to: '2026-06-30' });
    expect(year.body.totals).toEqual(res.body.totals);
  });

  it('puts everyone without consent in undisclosed, and suppresses small cells with their complements', async () => {
    const res = await report(admin, { programmeId, ...WINDOW, groupBy: 'sex' });
    expect(res.status).toBe(200);
    // female P1–P3; male P4, P5, P12; undisclosed P6 (no sex given), P7, P8, P9
    expect(res.body.rows).toEqual([
      {
        group: { sex: 'female' },
        registered: 3,
        trained: 3,
        certified: null, // 2, hidden: male (1) would be its total minus the rest
        matched: 3,
        hired: null,
        hiredSelfEmployed: null,
        hiredEmployed: null,
        completed: 2,
        incomeEurSum: 3000,
        incomeEurMedian: 1500,
        hoursWorked: 250,
        withPaidWork: null, // numerator 2 hidden to protect male 0 and undisclosed 1
        ...NO_SURVEY_ANSWERS,
      },
      {
        group: { sex: 'male' },
        registered: 3,
        trained: null,
        certified: null,
        matched: 2,
        hired: null,
        hiredSelfEmployed: null,
        hiredEmployed: null,
        completed: null,
        incomeEurSum: null,
        incomeEurMedian: null,
        hoursWorked: null,
        withPaidWork: null,
        ...NO_SURVEY_ANSWERS,
      },
      {
        group: { sex: 'undisclosed' },
        registered: 4,
        trained: null, // 2, hidden as complement of male 1
        certified: 2,
        matched: 2,
        hired: 2,
        hiredSelfEmployed: null,
        hiredEmployed: null,
        completed: null,
        incomeEurSum: null,
        incomeEurMedian: null,
        hoursWorked: null,
        withPaidWork: null,
        ...NO_SURVEY_ANSWERS,
      },
    ]);
    expect(res.body.totals).toMatchObject({ registered: 10, trained: 6, hired: 5 });
  });

  it('never publishes a column from which a suppressed cell can be recovered', async () => {
    for (const groupBy of ['sex', 'ageBand', 'group', 'sex,ageBand', 'sex,country,group']) {
      const res = await report(admin, { programmeId, ...WINDOW, groupBy });
      expect(res.status).toBe(200);
      const { rows, totals } = res.body as {
        rows: Record<string, number | null>[];
        totals: Record<string, number | null>;
      };
      for (const column of [
        'registered',
        'trained',
        'certified',
        'matched',
        'hired',
        'completed',
      ]) {
        const cells = rows.map((r) => r[column]);
        for (const c of cells) if (c !== null) expect(c).toBeGreaterThanOrEqual(THRESHOLD);
        const total = totals[column];
        const hidden = cells.filter((c) => c === null).length;
        if (total === null || hidden === 0) continue;
        const remainder = total - cells.reduce<number>((s, c) => s + (c ?? 0), 0);
        // rows left out entirely also hold part of the remainder: one visible hole is enough then
        expect(hidden + (remainder > 0 ? 1 : 0)).toBeGreaterThanOrEqual(2);
        expect(remainder).toBeGreaterThanOrEqual(THRESHOLD);
      }
    }
  });

  it('breaks down by country only for consenting people', async () => {
    const res = await report(admin, { programmeId, ...WINDOW, groupBy: 'sex,country' });
    expect(res.status).toBe(200);
    const registered = Object.fromEntries(
      res.body.rows.map((r: { group: Record<string, string>; registered: number | null }) => [
        `${r.group.sex}/${r.group.country}`,
        r.registered,
      ]),
    );
    // P7's profile says RS, but P7 did not consent: undisclosed, never guessed
    expect(registered).toEqual({
      'female/XK': 3,
      'male/undisclosed': 3,
      'undisclosed/undisclosed': 4,
    });
  });

  it('counts a person in each of their groups, with none for no group', async () => {
    const res = await report(admin, { programmeId, ...WINDOW, groupBy: 'group' });
    expect(res.status).toBe(200);
    const registered = Object.fromEntries(
      res.body.rows.map((r: { group: { group: string }; registered: number | null }) => [
        r.group.group,
        r.registered,
      ]),
    );
    // roma P1, P2, P4; none P3, P5, P6; undisclosed P7, P8, P9 (withdrawn, erased); rural P2
    // and disability P12 alone. The cells add up to 11 for 10 people (P2 is in two groups):
    // with rural and disability hidden the remainder would be 1, so `none` (first of the
    // smallest) goes too; rows with every counter hidden are left out.
    expect(registered).toEqual({ roma: 3, undisclosed: 3 });
    expect(res.body.totals.registered).toBe(10);
  });

  it('filters people by profile country', async () => {
    const res = await report(admin, { programmeId, ...WINDOW, countries: 'xk' });
    expect(res.status).toBe(200);
    expect(res.body.totals).toMatchObject({ registered: 3, trained: 3, hired: 2, completed: 2 });
  });

  it('puts ages in bands at each event date, edges included', async () => {
    const res = await report(admin, { programmeId: edgeProgrammeId, groupBy: 'ageBand' });
    expect(res.status).toBe(200);
    expect(
      res.body.rows.map(
        (r: { group: { ageBand: string }; registered: number; trained: number }) => [
          r.group.ageBand,
          r.registered,
          r.trained,
        ],
      ),
    ).toEqual([
      ['15-24', 6, null], // 2011 (15), 2002 (24), and 2001 registered in 2025 (24)
      // 1997 (29). The 2001 pair trained in 2026 at 25 are the only trained people: a lone
      // non-zero cell next to zeros would reveal the zeros, so it is hidden too
      ['25-29', 2, null],
      ['30+', 2, null], // 1996 (30)
      ['under-15', 2, null], // 2012 (14)
    ]);
    expect(res.body.totals).toMatchObject({ registered: 12, trained: 2 });
  });

  it('counts youth (15–29 at the event date) once per person, next to not-youth', async () => {
    const res = await report(admin, { programmeId: edgeProgrammeId, groupBy: 'youth' });
    expect(res.status).toBe(200);
    const byValue = Object.fromEntries(
      res.body.rows.map((r: { group: { youth: string }; registered: number; trained: number }) => [
        r.group.youth,
        [r.registered, r.trained],
      ]),
    );
    // youth: 2011 (15), 2002 (24), the 2001 pair (24), 1997 (29); not-youth: 2012 (14), 1996 (30).
    // The only trained people (the 2001 pair, at 25) sit next to a zero: both hidden.
    expect(byValue).toEqual({ youth: [8, null], 'not-youth': [4, null] });
    expect(res.body.totals).toMatchObject({ registered: 12, trained: 2 });

    // matched at 24 and again at 25: in both youth bands, but one young person
    const [posting] = await resolvedPostings(t, partnerBroker, 1);
    const listing = await t.http
      .post('/api/listings')
      .auth(...bearer(partnerBroker))
      .send(makeListingBody(posting, { programmeId: edgeProgrammeId }));
    expect(listing.status).toBe(201);
    const profileOf = async (name: string): Promise<string> =>
      (await t.http.get('/api/profiles/me').auth(...bearer(people[name]))).body.id as string;
    for (const name of ['e2001-1', 'e2001-2']) {
      const profileId = await profileOf(name);
      // one live match per pair: the first one ended (declined) before the second
      await insertMatch(t, {
        profileId,
        opportunityId: listing.body.id,
        shortlistedAt: '2025-06-01T09:00:00Z',
        declinedAt: '2025-06-02T09:00:00Z',
      });
      await insertMatch(t, {
        profileId,
        opportunityId: listing.body.id,
        shortlistedAt: '2026-06-01T09:00:00Z',
      });
    }
    for (const name of ['e1996-1', 'e1996-2']) {
      await insertMatch(t, {
        profileId: await profileOf(name),
        opportunityId: listing.body.id,
        shortlistedAt: '2026-06-01T09:00:00Z',
      });
    }
    const matched = await report(admin, { programmeId: edgeProgrammeId, groupBy: 'youth' });
    const matchedBy = Object.fromEntries(
      matched.body.rows.map((r: { group: { youth: string }; matched: number }) => [
        r.group.youth,
        r.matched,
      ]),
    );
    expect(matchedBy).toEqual({ youth: 2, 'not-youth': 2 });
    const banded = await report(admin, { programmeId: edgeProgrammeId, groupBy: 'ageBand' });
    const raw = await t.app.get(DataSource).query(
      `SELECT count(*)::int AS n FROM matches m JOIN opportunities o ON o.id = m.opportunity_id
          WHERE o.programme_id = $1`,
      [edgeProgrammeId],
    );
    expect(raw[0].n).toBe(6);
    expect(banded.body.totals.matched).toBe(4);

    // with the bands too, youth follows each band
    const both = await report(admin, { programmeId: edgeProgrammeId, groupBy: 'ageBand,youth' });
    expect(
      both.body.rows.map((r: { group: { ageBand: string; youth: string } }) => [
        r.group.ageBand,
        r.group.youth,
      ]),
    ).toEqual([
      ['15-24', 'youth'],
      ['25-29', 'youth'],
      ['30+', 'not-youth'],
      ['under-15', 'not-youth'],
    ]);
  });

  it('answers CSV that a spreadsheet opens: header, RFC 4180, CRLF, empty suppressed cells, totals', async () => {
    const res = await report(admin, { programmeId, ...WINDOW, groupBy: 'sex' }).set(
      'Accept',
      'text/csv',
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = res.text;
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const lines: string[][] = parse(text, { relax_column_count: false });
    expect(lines[0]).toEqual([
      'sex',
      'registered',
      'trained',
      'certified',
      'matched',
      'hired',
      'hiredSelfEmployed',
      'hiredEmployed',
      'completed',
      'surveyed',
      'employed3m',
      'employed6m',
      'employed12m',
      'incomeEurSum',
      'incomeEurMedian',
      'hoursWorked',
      'withPaidWork',
      'incomeMedian6m',
      'responseRate6m',
    ]);
    expect(lines.slice(1).map((l) => l[0])).toEqual(['female', 'male', 'undisclosed', 'total']);
    expect(lines[1]).toEqual([
      'female',
      '3',
      '3',
      '',
      '3',
      '',
      '',
      '',
      '2',
      '',
      '',
      '',
      '',
      '3000',
      '1500',
      '250',
      '',
      '',
      '',
    ]);
    expect(lines[4]).toEqual([
      'total',
      '10',
      '6',
      '5',
      '7',
      '5',
      '2',
      '3',
      '4',
      '',
      '',
      '',
      '',
      '6500',
      '1500',
      '500',
      '0.5',
      '',
      '',
    ]);
  });

  it('serves the partner broker and refuses other organisations and roles', async () => {
    expect((await report(partnerBroker, { programmeId })).status).toBe(200);
    const other = await report(otherBroker, { programmeId });
    expect(other.status).toBe(403);
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await report(trainer, { programmeId })).status).toBe(403);
    expect((await report(people.p1, { programmeId })).status).toBe(403);
    const company = await createMember(
      t,
      admin,
      await createOrganisation(t, admin, { type: 'company' }),
      'company',
    );
    expect((await report(company, { programmeId })).status).toBe(403);
  });

  it('answers 404 for an unknown programme', async () => {
    const res = await report(admin, { programmeId: '00000000-0000-4000-8000-000000000000' });
    expect(res.status).toBe(404);
  });

  it.each([
    [{ programmeId: undefined }, 'programmeId'],
    [{ programmeId: 'nope' }, 'programmeId'],
    [{ groupBy: 'sex,income' }, 'groupBy'],
    [{ groupBy: 'sex,sex' }, 'groupBy'],
    [{ from: '2026-02-30' }, 'from'],
    [{ to: '31.12.2026' }, 'to'],
    [{ from: '2026-06-01', to: '2026-05-31' }, 'to'],
    [{ countries: 'XK,ZZ' }, 'countries'],
    // one whole period of the programme, one of its countries (docs/reporting.md, Differencing)
    [{ from: '2026-02-01', to: '2026-06-30' }, 'to'],
    [{ from: '2026-01-15', to: '2026-03-31' }, 'from'],
    [{ from: '2026-01-01', to: '2026-03-30' }, 'to'],
    [{ from: '2027-01-01', to: '2027-03-31' }, 'from'],
    [{ countries: 'XK,AL' }, 'countries'],
    [{ countries: 'RS' }, 'countries'],
  ])('refuses %j naming %s', async (query, field) => {
    const res = await report(admin, { programmeId, ...query });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
  it('counts only partner opportunities: a company tagging its own request does not move the report', async () => {
    const before = await report(admin, { programmeId });
    expect(before.status).toBe(200);
    // a company that is no partner tags its request with the programme; the API may refuse
    // that, so it is written directly, as an old row or a bypass would be
    const outsider = await registerCompany(t);
    const db = t.app.get(DataSource);
    const [{ id: request }]: { id: string }[] = await db.query(
      `INSERT INTO opportunities (kind, organisation_id, status, title, description,
         engagement_type, work_mode, programme_id)
       VALUES ('work_request', $1, 'open', 'Data entry', 'Tagged by its own company',
         'full_time', 'remote', $2)
       RETURNING id`,
      [outsider.organisationId, programmeId],
    );
    const p11 = await profileIdOf(t, people.p11);
    await insertMatch(t, {
      profileId: p11,
      opportunityId: request,
      organisationId: outsider.organisationId, // the company matched on its own request
      shortlistedAt: '2026-03-10T09:00:00Z',
      hiredAt: '2026-03-11T09:00:00Z',
      completedAt: '2026-03-20T09:00:00Z',
      incomeEur: 1_000_000,
      hoursWorked: 900,
    });
    const after = await report(admin, { programmeId });
    expect(after.body.totals).toEqual(before.body.totals);
    expect(after.body.totals).toMatchObject({ registered: 10, completed: 4, incomeEurSum: 6500 });

    // an admin attaching the request on the company's behalf makes it partner work: P11 joins
    const attach = await t.http
      .put(`/api/work-requests/${request}/programme`)
      .auth(...bearer(admin))
      .send({ programmeId });
    expect(attach.status).toBe(200);
    const attached = await report(admin, { programmeId });
    expect(attached.body.totals).toMatchObject({
      registered: 11,
      completed: 5,
      incomeEurSum: 1_006_500,
    });
    await db.query(`UPDATE opportunities SET programme_attached_by = NULL WHERE id = $1`, [
      request,
    ]);
    expect((await report(admin, { programmeId })).body.totals).toEqual(before.body.totals);

    // the same request brokered by platform staff counts: P11 joins the programme
    const [{ id: staffMatch }]: { id: string }[] = await db.query(
      `SELECT id FROM matches WHERE opportunity_id = $1`,
      [request],
    );
    await db.query(`UPDATE matches SET organisation_id = NULL, created_by = $2 WHERE id = $1`, [
      staffMatch,
      admin.id,
    ]);
    const staff = await report(admin, { programmeId });
    expect(staff.body.totals).toMatchObject({
      registered: 11,
      completed: 5,
      incomeEurSum: 1_006_500,
    });
  });
});
