import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { MailRelay } from '@app/mail';
import { SurveyClock, SurveyDispatcher } from '@app/surveys';
import { DataSource } from 'typeorm';
import { createOpenWorkRequest, move, shortlist } from '../support/brokering-factories.js';
import {
  loginAdmin,
  makeBroker,
  makeTrainer,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { startTestMailSink, type TestMailSink } from '../support/mail-sink.js';
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

const PROBLEM = /^application\/problem\+json/;
const LINK_PATH = '/api/surveys/respond';
const DAY = 24 * 60 * 60 * 1000;

const fieldsOf = (body: { errors?: { field: string }[] }) => [
  ...new Set((body.errors ?? []).map((e) => e.field)),
];

describe('follow-up surveys (HTTP, real SMTP, FOLLOW_UP_OFFSETS=PT2S,PT4S)', () => {
  let t: TestApp;
  let sink: TestMailSink;
  let trainer: SignedIn;
  let cohortId: string;
  let skill: string;
  const bearer = (who: SignedIn) => ({ Authorization: `Bearer ${who.accessToken}` });
  const clock = () => t.app.get(SurveyClock);
  const dispatcher = () => t.app.get(SurveyDispatcher);
  const deliver = () => t.app.get(MailRelay).drain();
  const sql = <T>(query: string, params: unknown[] = []): Promise<T[]> =>
    t.app.get(DataSource).query(query, params);
  /** Moves the surveys' clock to `ms` after the real now. */
  const later = (ms: number) => {
    const at = Date.now() + ms;
    jest.spyOn(clock(), 'now').mockImplementation(() => new Date(at));
  };
  const surveyMails = (email: string) =>
    sink.to(email).filter((m) => (m.text ?? '').includes(LINK_PATH));

  async function trainedTrainee(locale = 'en'): Promise<{ trainee: SignedIn; profileId: string }> {
    const trainee = await registerTrainee(t, { locale });
    const profileId = await profileIdOf(t, trainee);
    const enrolment = await enrol(t, trainer, cohortId, profileId);
    await complete(t, trainer, enrolment.id);
    return { trainee, profileId };
  }

  beforeAll(async () => {
    sink = await startTestMailSink();
    t = await createTestApp({
      SMTP_URL: sink.url,
      PUBLIC_URL: 'https://talentbridge.test',
      FOLLOW_UP_OFFSETS: 'PT2S,PT4S',
      REPORT_MIN_CELL_SIZE: '2',
    });
    skill = (await skillIds(t, ['JavaScript'])).JavaScript;
    trainer = await makeTrainer(t);
    const course = await createCourse(t, trainer, [{ skillId: skill, level: 3 }]);
    cohortId = (await createCohort(t, trainer, course.id, { capacity: 100 })).id;
  }, 180_000);

  afterEach(() => {
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await t.close();
    await sink.stop();
  });

  it('a completed training schedules one survey per offset, in its transaction', async () => {
    const { profileId } = await trainedTrainee();
    const rows = await sql<{ follow_up: number; offset_iso: string; seconds: number }>(
      `SELECT s.follow_up, s.offset_iso,
              extract(epoch FROM s.due_at - e.finished_at)::float8 AS seconds
         FROM surveys s JOIN enrolments e ON e.id = s.enrolment_id
        WHERE s.profile_id = $1 ORDER BY s.follow_up`,
      [profileId],
    );
    expect(rows).toEqual([
      { follow_up: 1, offset_iso: 'PT2S', seconds: 2 },
      { follow_up: 2, offset_iso: 'PT4S', seconds: 4 },
    ]);
  });

  it('due surveys go live exactly once across two workers: notification, e-mail, link without sign-in', async () => {
    const { trainee } = await trainedTrainee('sq');
    later(5_000);
    const passes = await Promise.all([dispatcher().runOnce(), dispatcher().runOnce()]);
    expect(passes.reduce((n, p) => n + p.sent, 0)).toBeGreaterThanOrEqual(2);
    expect((await dispatcher().runOnce()).sent).toBe(0);
    const notes = await t.http.get('/api/notifications').set(bearer(trainee));
    const due = notes.body.items.filter((n: { kind: string }) => n.kind === 'survey.due');
    expect(due).toHaveLength(2);
    expect(JSON.stringify(due)).not.toContain('token');
    await deliver();
    const mails = surveyMails(trainee.email);
    expect(mails).toHaveLength(2);
    expect(mails[0].subject).toBe('A keni punë me pagesë tani? Një pyetje prej një minute');
    expect(mails[0].text).toContain('https://talentbridge.test/api/surveys/respond?token=');
    const token = sink.tokenFrom(trainee.email, LINK_PATH);

    // the link works with no Authorization header, in the person's language
    const json = await t.http.get(`${LINK_PATH}?token=${encodeURIComponent(token)}`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ locale: 'sq', title: 'Puna juaj tani' });
    expect(json.body.questions.map((q: { field: string }) => q.field)).toEqual([
      'status',
      'monthlyIncomeEur',
      'hoursPerWeek',
      'sector',
      'sameEngagement',
    ]);
    const page = await t.http.get(`/api/surveys/${token}`).set('Accept', 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    expect(page.headers['content-security-policy']).not.toContain('script-src');
    expect(page.text).toContain('<html lang="sq">');
    expect(page.text).toContain('method="post"');

    // bad answers name the field and change nothing
    for (const [body, fields] of [
      [{}, ['status']],
      [{ status: 'not_working', monthlyIncomeEur: 300 }, ['monthlyIncomeEur']],
      [{ status: 'employed', monthlyIncomeEur: 12.345 }, ['monthlyIncomeEur']],
      [{ status: 'employed', monthlyIncomeEur: 100000.5 }, ['monthlyIncomeEur']],
      [{ status: 'employed', hoursPerWeek: 169 }, ['hoursPerWeek']],
      [{ status: 'employed', sector: 'mining' }, ['sector']],
      [{ status: 'employed', sameEngagement: 'yes' }, ['sameEngagement']],
      [{ status: 'employed', monthlyIncomeEur: null }, ['monthlyIncomeEur']],
    ] as [Record<string, unknown>, string[]][]) {
      const res = await t.http.post(`/api/surveys/${token}`).send(body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(fieldsOf(res.body)).toEqual(fields);
    }

    const answer = {
      status: 'freelance',
      monthlyIncomeEur: 850.5,
      hoursPerWeek: 30,
      sector: 'ict',
    };
    expect((await t.http.post(`/api/surveys/${token}`).send(answer)).status).toBe(204);
    const again = await t.http.post(`/api/surveys/${token}`).send(answer);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SURVEY_ALREADY_ANSWERED');
    expect((await t.http.get(`/api/surveys/${token}`)).status).toBe(409);
    expect((await t.http.get(`/api/surveys/${'A'.repeat(43)}`)).status).toBe(404);

    // the other survey, answered while signed in
    const mine = await t.http.get('/api/profiles/me/surveys').set(bearer(trainee));
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((s: { state: string }) => s.state).sort()).toEqual([
      'answered',
      'open',
    ]);
    const open = mine.body.items.find((s: { state: string }) => s.state === 'open');
    const other = await registerTrainee(t);
    expect(
      (
        await t.http
          .post(`/api/profiles/me/surveys/${open.id}`)
          .set(bearer(other))
          .send({ status: 'employed' })
      ).status,
    ).toBe(404);
    expect(
      (
        await t.http
          .post(`/api/profiles/me/surveys/${open.id}`)
          .set(bearer(trainee))
          .send({ status: 'employed', monthlyIncomeEur: 700 })
      ).status,
    ).toBe(204);
    const after = await t.http.get('/api/profiles/me/surveys').set(bearer(trainee));
    expect(after.body.items.every((s: { state: string }) => s.state === 'answered')).toBe(true);
  });

  it("the page posts its form back and thanks in the person's language", async () => {
    const { trainee } = await trainedTrainee('sr-Cyrl');
    later(5_000);
    await dispatcher().runOnce();
    await deliver();
    const token = sink.tokenFrom(trainee.email, LINK_PATH);
    const bad = await t.http
      .post(`${LINK_PATH}?token=${encodeURIComponent(token)}`)
      .type('form')
      .send({ status: 'in_training', monthlyIncomeEur: '200' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Молимо проверите одговоре');
    const good = await t.http
      .post(`${LINK_PATH}?token=${encodeURIComponent(token)}`)
      .type('form')
      .send({ status: 'employed', monthlyIncomeEur: '1 200,50', sameEngagement: 'yes' });
    expect(good.status).toBe(200);
    expect(good.text).toContain('Хвала! Ваш одговор је сачуван.');
    const [row] = await sql<{ monthly_income_eur: string; same_engagement: boolean }>(
      `SELECT monthly_income_eur, same_engagement FROM surveys
        WHERE answered_at IS NOT NULL AND answered_via = 'link' ORDER BY answered_at DESC LIMIT 1`,
    );
    expect(row).toEqual({ monthly_income_eur: '1200.50', same_engagement: true });
  });

  it('one reminder after 7 days with a working link; closed after 30 days (410)', async () => {
    const { trainee, profileId } = await trainedTrainee();
    later(5_000);
    await dispatcher().runOnce();
    await deliver();
    const first = sink.tokenFrom(trainee.email, LINK_PATH);
    later(6 * DAY);
    expect((await dispatcher().runOnce()).reminded).toBe(0);
    later(8 * DAY);
    const reminders = (await dispatcher().runOnce()).reminded;
    expect(reminders).toBeGreaterThanOrEqual(2);
    expect((await dispatcher().runOnce()).reminded).toBe(0);
    await deliver();
    const mails = surveyMails(trainee.email);
    expect(mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining(['Reminder: one minute about your work']),
    );
    expect(mails).toHaveLength(4);
    const second = sink.tokenFrom(trainee.email, LINK_PATH);
    expect(second).not.toBe(first);
    expect((await t.http.get(`/api/surveys/${second}`)).status).toBe(200);
    expect((await t.http.get(`/api/surveys/${first}`)).status).toBe(200);
    later(31 * DAY);
    const gone = await t.http.post(`/api/surveys/${first}`).send({ status: 'employed' });
    expect(gone.status).toBe(410);
    expect(gone.body.code).toBe('SURVEY_EXPIRED');
    expect((await t.http.get(`/api/surveys/${second}`)).status).toBe(410);
    const [{ count }] = await sql<{ count: string }>(
      `SELECT count(*) FROM surveys WHERE profile_id = $1 AND reminded_at IS NOT NULL`,
      [profileId],
    );
    expect(Number(count)).toBe(2);
  });

  it('erasure: unsent surveys are withdrawn, links stop working, answers stay anonymous', async () => {
    const { trainee, profileId } = await trainedTrainee();
    // the first falls due and is answered; the second is still pending at the erasure
    later(3_000);
    await sql(
      `UPDATE surveys SET due_at = now() + interval '1 hour'
                       WHERE profile_id = $1 AND follow_up = 2`,
      [profileId],
    );
    await dispatcher().runOnce();
    await deliver();
    const token = sink.tokenFrom(trainee.email, LINK_PATH);
    expect(
      (
        await t.http
          .post(`/api/surveys/${token}`)
          .send({ status: 'employed', monthlyIncomeEur: 600 })
      ).status,
    ).toBe(204);
    expect((await t.http.delete('/api/profiles/me').set(bearer(trainee))).status).toBe(204);
    const rows = await sql<{
      follow_up: number;
      token_hash: string | null;
      work_status: string;
      user_id: string | null;
    }>(
      `SELECT s.follow_up, s.token_hash, s.work_status, p.user_id
         FROM surveys s JOIN profiles p ON p.id = s.profile_id WHERE s.profile_id = $1`,
      [profileId],
    );
    expect(rows).toEqual([
      { follow_up: 1, token_hash: null, work_status: 'employed', user_id: null },
    ]);
    expect((await t.http.get(`/api/surveys/${token}`)).status).toBe(404);
    later(2 * DAY);
    await dispatcher().runOnce();
    const [{ count }] = await sql<{ count: string }>(
      `SELECT count(*) FROM surveys WHERE profile_id = $1`,
      [profileId],
    );
    expect(Number(count)).toBe(1);
  });

  it('report indicators count the answers of the programme, suppressed below the threshold', async () => {
    const admin = await loginAdmin(t);
    const programme = await createProgramme(t, admin);
    const course = await createCourse(t, trainer, [{ skillId: skill, level: 2 }], {
      programmeId: programme.id,
    });
    const cohort = (await createCohort(t, trainer, course.id)).id;
    const people: { trainee: SignedIn; profileId: string }[] = [];
    for (const sex of ['female', 'female', 'male', 'male']) {
      const trainee = await registerTrainee(t);
      const profileId = await profileIdOf(t, trainee);
      const consent = await t.http
        .put('/api/profiles/me/inclusion')
        .set(bearer(trainee))
        .send({ sex, birthYear: 2000, consentToReporting: true });
      expect(consent.status).toBe(204);
      await complete(t, trainer, (await enrol(t, trainer, cohort, profileId)).id);
      people.push({ trainee, profileId });
    }
    later(5_000);
    await dispatcher().runOnce();
    const answer = async (who: SignedIn, followUp: number, body: Record<string, unknown>) => {
      const list = await t.http.get('/api/profiles/me/surveys').set(bearer(who));
      const survey = list.body.items.find((s: { followUp: number }) => s.followUp === followUp);
      const res = await t.http
        .post(`/api/profiles/me/surveys/${survey.id}`)
        .set(bearer(who))
        .send(body);
      expect(res.status).toBe(204);
    };
    const [a, b, c, d] = people.map((p) => p.trainee);
    await answer(a, 1, { status: 'employed', monthlyIncomeEur: 500 });
    await answer(a, 2, { status: 'employed', monthlyIncomeEur: 800 });
    await answer(b, 1, { status: 'freelance', monthlyIncomeEur: 300 });
    await answer(b, 2, { status: 'self_employed', monthlyIncomeEur: 1000 });
    await answer(c, 1, { status: 'not_working' });
    await answer(d, 1, { status: 'employed', monthlyIncomeEur: 650, sector: 'bpo' });
    // c and d leave the 6-month survey unanswered

    const report = (query: Record<string, string>, accept = 'application/json') =>
      t.http
        .get('/api/reports/indicators')
        .query({ programmeId: programme.id, ...query })
        .set(bearer(admin))
        .set('Accept', accept);
    const expected = {
      trained: 4,
      surveyed: 4,
      employed3m: 3,
      employed6m: 2,
      employed12m: null, // no third follow-up: 0 people, suppressed
      incomeMedian6m: 900,
      responseRate6m: 0.5,
    };
    const whole = await report({});
    expect(whole.status).toBe(200);
    expect(whole.body.totals).toMatchObject(expected);

    // by sex: one man employed at 3 months is below the threshold; the women's 2 would reveal
    // him from the total (3 − 2), so it is hidden too; the men's 0 at 6 months likewise hides
    // the women's 2, and the income median follows employed6m
    const bySex = await report({ groupBy: 'sex' });
    expect(bySex.status).toBe(200);
    const rowOf = (sex: string) =>
      bySex.body.rows.find((r: { group: { sex: string } }) => r.group.sex === sex) ?? {};
    for (const sex of ['female', 'male']) {
      const row = rowOf(sex);
      expect([
        sex,
        row.employed3m ?? null,
        row.employed6m ?? null,
        row.incomeMedian6m ?? null,
      ]).toEqual([sex, null, null, null]);
      for (const column of ['surveyed', 'employed3m', 'employed6m', 'employed12m']) {
        if (row[column] != null) expect(row[column]).toBeGreaterThanOrEqual(2);
      }
    }
    expect(bySex.body.totals).toMatchObject(expected);

    const csv = await report({}, 'text/csv');
    expect(csv.status).toBe(200);
    const lines = csv.text
      .trim()
      .split('\r\n')
      .map((l) => l.split(','));
    const header = lines[0];
    const totals = lines[lines.length - 1];
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    expect(lines).toHaveLength(2); // the header and the totals (no group columns)
    expect(cell(totals, 'employed3m')).toBe('3');
    expect(cell(totals, 'incomeMedian6m')).toBe('900');
    expect(cell(totals, 'employed12m')).toBe('');

    // erasure keeps the answers as anonymous counts: the totals do not move
    expect((await t.http.delete('/api/profiles/me').set(bearer(a))).status).toBe(204);
    const afterErasure = await report({});
    expect(afterErasure.body.totals).toMatchObject(expected);
    const [{ count }] = await sql<{ count: string }>(
      `SELECT count(*) FROM surveys WHERE profile_id = $1 AND answered_at IS NOT NULL`,
      [people[0].profileId],
    );
    expect(Number(count)).toBe(2);
  });

  it('a hire schedules one survey per offset, due from the hire', async () => {
    const person = await registerTrainee(t);
    const profile = await putProfile(t, person, {
      visibility: 'companies',
      skills: [{ skillId: skill, level: 4 }],
    });
    const [company, broker] = await Promise.all([registerCompany(t), makeBroker(t)]);
    const requestId = await createOpenWorkRequest(t, company, skill, 1);
    const matchId = await shortlist(t, broker, { profileId: profile.id, workRequestId: requestId });
    await move(t, broker, matchId, { to: 'invited' });
    await move(t, person, matchId, { to: 'accepted' });
    const before = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM surveys WHERE match_id = $1`,
      [matchId],
    );
    expect(before).toEqual([{ n: 0 }]);
    await move(t, company, matchId, { to: 'hired', agreedRateEur: 12.5, agreedHoursPerWeek: 20 });
    const rows = await sql<{ trigger_kind: string; follow_up: number; offset_iso: string }>(
      `SELECT s.trigger_kind, s.follow_up, s.offset_iso, s.profile_id,
              extract(epoch FROM s.due_at - m.hired_at)::float8 AS seconds
         FROM surveys s JOIN matches m ON m.id = s.match_id
        WHERE s.match_id = $1 ORDER BY s.follow_up`,
      [matchId],
    );
    expect(rows).toEqual([
      {
        trigger_kind: 'hire',
        follow_up: 1,
        offset_iso: 'PT2S',
        profile_id: profile.id,
        seconds: 2,
      },
      {
        trigger_kind: 'hire',
        follow_up: 2,
        offset_iso: 'PT4S',
        profile_id: profile.id,
        seconds: 4,
      },
    ]);
  });
});
