import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { MailRelay } from '@app/mail';
import { OutboxRelay } from '@app/search';
import { DataSource } from 'typeorm';
import {
  createListing,
  createOpenWorkRequest,
  move,
  registerWebhook,
  startReceiver,
  WEBHOOK_TEST_ENV,
  type Receiver,
} from '../support/brokering-factories.js';
import {
  makeBroker,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { startTestMailSink, type TestMailSink } from '../support/mail-sink.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PROBLEM = /^application\/problem\+json/;

function fieldsOf(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}

describe('applications: trainees apply, hiring parties rank and answer (HTTP, real SMTP)', () => {
  let t: TestApp;
  let sink: TestMailSink;
  let skill: string;
  let company: SignedIn;
  let broker: SignedIn;
  let requestId: string;
  let receiver: Receiver;
  const bearer = (who: SignedIn) => ({ Authorization: `Bearer ${who.accessToken}` });
  const deliver = () => t.app.get(MailRelay).drain();
  const sql = <T = Record<string, unknown>>(q: string, p: unknown[] = []) =>
    t.app.get(DataSource).query(q, p) as Promise<T[]>;
  /** Mail to `email` apart from the verification link every new account gets. */
  const mailsTo = (email: string) =>
    sink.to(email).filter((m) => !(m.text ?? '').includes('/api/auth/verify-email'));
  const apply = (who: SignedIn, body: Record<string, unknown>) =>
    t.http.post('/api/matches').set(bearer(who)).send(body);
  const applicationsOf = (who: SignedIn, id: string, kind = 'work-requests') =>
    t.http.get(`/api/${kind}/${id}/applications`).set(bearer(who));

  /** A trainee whose profile fits the request (or not, with `fits: false`). */
  async function trainee(
    options: { locale?: string; visibility?: string; fits?: boolean; level?: number } = {},
  ): Promise<{ who: SignedIn; profileId: string }> {
    const who = await registerTrainee(t, { locale: options.locale ?? 'en' });
    const profile = await putProfile(t, who, {
      visibility: options.visibility ?? 'companies',
      skills: [{ skillId: skill, level: options.level ?? 4 }],
      // the request asks for English B1
      languages:
        options.fits === false ? [{ code: 'de', level: 'C1' }] : [{ code: 'en', level: 'C1' }],
    });
    return { who, profileId: profile.id };
  }

  beforeAll(async () => {
    sink = await startTestMailSink();
    receiver = await startReceiver();
    t = await createTestApp({
      ...WEBHOOK_TEST_ENV,
      SMTP_URL: sink.url,
      PUBLIC_URL: 'https://talentbridge.test',
    });
    skill = (await skillIds(t, ['JavaScript'])).JavaScript;
    company = await registerCompany(t);
    broker = await makeBroker(t);
    requestId = await createOpenWorkRequest(t, company, skill, 3);
  });

  afterAll(async () => {
    await t.close();
    await sink.stop();
    await receiver.close();
  });

  beforeEach(async () => {
    await deliver();
    sink.clear();
  });

  it('a trainee finds the request in Cyrillic, applies with their own profile and sees how they fit; the company hears at once', async () => {
    const { who, profileId } = await trainee();
    await t.app.get(OutboxRelay).drain();
    // "суппорт" is "support" in Cyrillic letters: the search folds scripts before matching
    const found = await t.http
      .get('/api/opportunities')
      .query({ q: 'суппорт' })
      .set(bearer(who))
      .expect(200);
    const item = found.body.items.find((i: { id: string }) => i.id === requestId);
    expect(item).toMatchObject({ kind: 'work_request', fit: { eligible: true } });
    const res = await apply(who, { workRequestId: item.id, note: 'I can start Monday' }).expect(
      201,
    );
    // the search's fit and the application's are the same scoring
    expect(res.body.fit.score).toBeCloseTo(item.fit.score, 4);
    expect(res.body).toMatchObject({
      state: 'applied',
      opportunity: { id: requestId, kind: 'work_request' },
      profile: { id: profileId, hidden: false },
      note: null,
      appliedAt: expect.any(String),
      shortlistedAt: null,
      fit: {
        score: expect.any(Number),
        eligible: true,
        ineligibilityReasons: [],
        explanation: {
          matchedSkills: [expect.objectContaining({ skillId: skill, name: 'JavaScript', has: 4 })],
          components: expect.any(Object),
        },
      },
    });
    expect(res.body.fit.score).toBeGreaterThan(0);
    expect(res.body.fit.explanation.priorityBoost).toBeUndefined();
    // the trainee sees their own match from `applied` on
    const mine = await t.http.get('/api/matches').set(bearer(who)).expect(200);
    expect(mine.body.items.map((m: { id: string }) => m.id)).toEqual([res.body.id]);
    const trail = await t.http.get(`/api/matches/${res.body.id}/events`).set(bearer(who));
    expect(trail.body.items).toMatchObject([
      { fromState: null, toState: 'applied', actorRole: 'trainee', note: 'I can start Monday' },
    ]);
    // the company: a notification and an e-mail, in its language
    const notes = await t.http.get('/api/notifications').set(bearer(company)).expect(200);
    expect(notes.body.items[0]).toMatchObject({
      kind: 'application.received',
      title: 'You received a new application',
      body: expect.stringContaining('“Customer support in English”'),
      link: `/api/work-requests/${requestId}/applications`,
      data: { matchId: res.body.id, state: 'applied', opportunityId: requestId },
    });
    await deliver();
    const [mail] = mailsTo(company.email);
    expect(mail.subject).toBe('You received a new application');
    expect(mail.text).toContain(
      `https://talentbridge.test/api/work-requests/${requestId}/applications`,
    );
    // nobody tells the trainee of their own move
    expect((await t.http.get('/api/notifications').set(bearer(who))).body.items).toEqual([]);
  });

  it('the company ranks applicants by the same score: ineligible ones last, with reasons', async () => {
    const requestOf = await createOpenWorkRequest(t, company, skill);
    const weak = await trainee({ level: 2 });
    const strong = await trainee({ level: 5 });
    const unfit = await trainee({ fits: false });
    for (const a of [unfit, weak, strong]) {
      await apply(a.who, { workRequestId: requestOf }).expect(201);
    }
    const unfitFit = (
      await t.http.get('/api/matches').set(bearer(unfit.who)).expect(200)
    ).body.items.map((m: { state: string }) => m.state);
    expect(unfitFit).toEqual(['applied']);
    const res = await applicationsOf(company, requestOf).expect(200);
    const items = res.body.items as {
      profile: { id: string } | null;
      eligible: boolean;
      ineligibilityReasons: string[];
      score: number;
      explanation: Record<string, unknown>;
    }[];
    expect(items.map((i) => i.profile?.id)).toEqual([
      strong.profileId,
      weak.profileId,
      unfit.profileId,
    ]);
    expect(items.map((i) => i.eligible)).toEqual([true, true, false]);
    expect(items[2].ineligibilityReasons).toEqual(['language en']);
    expect(items[0].score).toBeGreaterThan(items[1].score);
    for (const item of items) expect(item.explanation.priorityBoost).toBeUndefined();
    // no e-mail or inclusion data in the company's view of a person
    expect(JSON.stringify(res.body)).not.toMatch(/@example\.org|inclusion|birthYear/);
    // brokers rank them too; another company, the trainee and strangers may not
    expect((await applicationsOf(broker, requestOf).expect(200)).body.items).toHaveLength(3);
    await applicationsOf(await registerCompany(t), requestOf).expect(404);
    await applicationsOf(strong.who, requestOf).expect(403);
    await t.http.get(`/api/work-requests/${requestOf}/applications`).expect(401);
    const bad = await applicationsOf(company, 'not-an-id').expect(400);
    expect(bad.headers['content-type']).toMatch(PROBLEM);
  });

  it('a person who hid their profile after applying is anonymised and listed last, with no score', async () => {
    const requestOf = await createOpenWorkRequest(t, company, skill);
    const hiding = await trainee({ level: 5 });
    const shown = await trainee({ level: 2 });
    await apply(hiding.who, { workRequestId: requestOf }).expect(201);
    const { body: shownMatch } = await apply(shown.who, { workRequestId: requestOf }).expect(201);
    await putProfile(t, hiding.who, {
      visibility: 'private',
      skills: [{ skillId: skill, level: 5 }],
    });
    for (const reader of [company, broker]) {
      const items = (await applicationsOf(reader, requestOf).expect(200)).body.items;
      expect(items).toEqual([
        expect.objectContaining({ matchId: shownMatch.id, hidden: false }),
        expect.objectContaining({
          hidden: true,
          profile: null,
          score: null,
          explanation: null,
          eligible: false,
          ineligibilityReasons: ['profile not visible to you'],
        }),
      ]);
      expect(JSON.stringify(items)).not.toContain(hiding.profileId);
    }
  });

  it('the company invites; a trainee with locale sq hears it in Albanian, in the product and by e-mail', async () => {
    const { who } = await trainee({ locale: 'sq' });
    const { body: applied } = await apply(who, { workRequestId: requestId }).expect(201);
    await move(t, company, applied.id, { to: 'invited' });
    const [note] = (await t.http.get('/api/notifications').set(bearer(who)).expect(200)).body.items;
    expect(note).toMatchObject({
      kind: 'match.invited',
      title: 'Jeni ftuar për një mundësi pune',
      body: 'Jeni ftuar për “Customer support in English”. Hapni Talentbridge për ta pranuar ose refuzuar ftesën.',
      link: `/api/matches/${applied.id}`,
    });
    await deliver();
    const [mail] = mailsTo(who.email);
    expect(mail.subject).toBe('Jeni ftuar për një mundësi pune');
    expect(mail.text).toContain('Përshëndetje');
    expect(mail.text).toContain('Hapni Talentbridge për ta pranuar ose refuzuar ftesën.');
    // the trainee accepts: now the company hears of it
    await move(t, who, applied.id, { to: 'accepted' });
    const companyNotes = (await t.http.get('/api/notifications').set(bearer(company))).body.items;
    expect(companyNotes[0]).toMatchObject({
      kind: 'match.accepted',
      data: { matchId: applied.id },
    });
  });

  it('withdraw (trainee) and reject (hiring party) end an application; illegal moves name the allowed ones', async () => {
    const withdrawing = await trainee();
    const rejected = await trainee({ locale: 'mk' });
    const { body: w } = await apply(withdrawing.who, { workRequestId: requestId }).expect(201);
    const { body: r } = await apply(rejected.who, { workRequestId: requestId }).expect(201);
    // the company cannot skip to hired, nor withdraw for the person
    const skip = await t.http
      .post(`/api/matches/${w.id}/transitions`)
      .set(bearer(company))
      .send({ to: 'hired', agreedRateEur: 10 })
      .expect(409);
    expect(skip.body).toMatchObject({
      code: 'MATCH_ILLEGAL_TRANSITION',
      state: 'applied',
      allowedMoves: ['shortlisted', 'invited', 'rejected'],
    });
    const forPerson = await t.http
      .post(`/api/matches/${w.id}/transitions`)
      .set(bearer(company))
      .send({ to: 'withdrawn' })
      .expect(403);
    expect(forPerson.body).toMatchObject({ code: 'MATCH_TRANSITION_NOT_ALLOWED' });
    // the trainee cannot reject their own application, only withdraw it
    const own = await t.http
      .post(`/api/matches/${w.id}/transitions`)
      .set(bearer(withdrawing.who))
      .send({ to: 'rejected' })
      .expect(403);
    expect(own.body.allowedMoves).toEqual(['withdrawn']);
    expect((await move(t, withdrawing.who, w.id, { to: 'withdrawn' })).state).toBe('withdrawn');
    const after = await t.http
      .post(`/api/matches/${w.id}/transitions`)
      .set(bearer(company))
      .send({ to: 'invited' })
      .expect(409);
    expect(after.body).toMatchObject({ state: 'withdrawn', allowedMoves: [] });
    // the company rejects the other one: the person hears it, in Macedonian
    expect((await move(t, company, r.id, { to: 'rejected', note: 'Too far' })).state).toBe(
      'rejected',
    );
    const [note] = (await t.http.get('/api/notifications').set(bearer(rejected.who))).body.items;
    expect(note).toMatchObject({ kind: 'match.rejected', data: { state: 'rejected' } });
    expect(note.title).toBe('Пријавата не продолжи понатаму');
    await deliver();
    expect(mailsTo(rejected.who.email).map((m) => m.subject)).toEqual([note.title]);
    // an ended application frees the pair: the person may apply again
    await apply(withdrawing.who, { workRequestId: requestId }).expect(201);
    const events = (
      await sql<{ to_state: string; actor_role: string }>(
        `SELECT to_state, actor_role FROM match_events WHERE match_id = $1 ORDER BY id`,
        [r.id],
      )
    ).map((e) => `${e.actor_role}:${e.to_state}`);
    expect(events).toEqual(['trainee:applied', 'company:rejected']);
  });

  it('refuses: a profileId from a trainee, a company applying, a hidden profile, a closed request, a second live match', async () => {
    const { who } = await trainee();
    const named = await apply(who, { workRequestId: requestId, profileId: requestId }).expect(400);
    expect(fieldsOf(named.body)).toEqual(['profileId']);
    expect(fieldsOf((await apply(company, { workRequestId: requestId }).expect(400)).body)).toEqual(
      ['profileId'],
    );
    expect(fieldsOf((await apply(who, {}).expect(400)).body)).toEqual(['workRequestId']);
    // a profile the hiring party may not see
    for (const visibility of ['brokers', 'private']) {
      const hidden = await trainee({ visibility });
      const res = await apply(hidden.who, { workRequestId: requestId }).expect(409);
      expect(res.body).toMatchObject({
        code: 'PROFILE_NOT_VISIBLE',
        neededVisibility: 'companies',
      });
    }
    // a listing's hiring party (a broker) sees `brokers` profiles
    const listingId = await createListing(t, broker, skill);
    const brokersOnly = await trainee({ visibility: 'brokers' });
    await apply(brokersOnly.who, { listingId }).expect(201);
    const brokerNotes = (await t.http.get('/api/notifications').set(bearer(broker))).body.items;
    expect(brokerNotes[0]).toMatchObject({
      kind: 'application.received',
      link: `/api/listings/${listingId}/applications`,
    });
    expect((await applicationsOf(broker, listingId, 'listings').expect(200)).body.items).toEqual([
      expect.objectContaining({ profile: expect.objectContaining({ id: brokersOnly.profileId }) }),
    ]);
    // a second live application for the pair
    await apply(who, { workRequestId: requestId }).expect(201);
    const twice = await apply(who, { workRequestId: requestId }).expect(409);
    expect(twice.body).toMatchObject({ code: 'MATCH_ALREADY_EXISTS' });
    // closed, or past its deadline
    const closing = await createOpenWorkRequest(t, company, skill);
    await sql(`UPDATE opportunities SET deadline = now() - interval '1 minute' WHERE id = $1`, [
      closing,
    ]);
    expect((await apply(who, { workRequestId: closing }).expect(409)).body.code).toBe(
      'OPPORTUNITY_NOT_OPEN',
    );
    await sql(`UPDATE opportunities SET status = 'closed', deadline = NULL WHERE id = $1`, [
      closing,
    ]);
    expect((await apply(who, { workRequestId: closing }).expect(409)).body).toMatchObject({
      code: 'OPPORTUNITY_NOT_OPEN',
      opportunityStatus: 'closed',
    });
    // a draft is nobody's business: unknown
    const draft = await t.http
      .post('/api/work-requests')
      .set(bearer(company))
      .send({
        title: 'Draft request',
        description: 'Not published yet',
        skills: [{ skillId: skill, minLevel: 2, mustHave: true }],
        languages: [{ code: 'en', minLevel: 'B1' }],
        engagementType: 'freelance',
        workMode: 'remote',
        hoursPerWeek: 20,
        openings: 1,
        deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      })
      .expect(201);
    await apply(who, { workRequestId: draft.body.id }).expect(404);
  });

  it('announces match.applied and match.rejected to subscribed organisations', async () => {
    const hooks = await registerWebhook(t, company, receiver.url, [
      'match.applied',
      'match.rejected',
      'match.withdrawn',
    ]);
    const { who } = await trainee();
    const requestOf = await createOpenWorkRequest(t, company, skill);
    const { body } = await apply(who, { workRequestId: requestOf }).expect(201);
    await move(t, company, body.id, { to: 'rejected' });
    const deliveries = await sql<{ event: string }>(
      `SELECT event FROM webhook_deliveries WHERE webhook_id = $1 ORDER BY created_at, id`,
      [hooks.id],
    );
    expect(deliveries.map((d) => d.event)).toEqual(['match.applied', 'match.rejected']);
    const bad = await t.http
      .post('/api/webhooks')
      .set(bearer(company))
      .send({ url: receiver.url, events: ['match.applauded'] })
      .expect(400);
    expect(fieldsOf(bad.body)).toEqual(['events']);
  });

  it('the 21st application within 24 hours is 429 with Retry-After; nothing is written', async () => {
    const { who, profileId } = await trainee();
    const requests: string[] = [];
    for (let i = 0; i < 21; i += 1) requests.push(await createOpenWorkRequest(t, company, skill));
    for (const id of requests.slice(0, 20)) await apply(who, { workRequestId: id }).expect(201);
    const res = await apply(who, { workRequestId: requests[20] }).expect(429);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body).toMatchObject({ code: 'TOO_MANY_APPLICATIONS', limit: 20 });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(86_000);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    const [count] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM matches WHERE profile_id = $1`,
      [profileId],
    );
    expect(count.n).toBe(20);
    // a day later (the oldest application moved back 24 h), one more is accepted
    await sql(
      `UPDATE matches SET applied_at = applied_at - interval '24 hours'
        WHERE id = (SELECT id FROM matches WHERE profile_id = $1 ORDER BY applied_at LIMIT 1)`,
      [profileId],
    );
    await apply(who, { workRequestId: requests[20] }).expect(201);
  });
});
