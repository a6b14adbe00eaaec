import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboxRelay } from '@app/search';
import { verifySignatureHeader, WebhookDispatcher } from '@app/webhooks';
import { DataSource } from 'typeorm';
import {
  createListing,
  createOpenWorkRequest,
  move,
  registerWebhook,
  shortlist,
  startReceiver,
  WEBHOOK_TEST_ENV,
  type Receiver,
} from '../support/brokering-factories.js';
import {
  createMember,
  loginAdmin,
  makeBroker,
  makeTrainer,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type Party = 'trainee' | 'company' | 'broker';
const STATES = [
  'shortlisted',
  'invited',
  'accepted',
  'declined',
  'hired',
  'completed',
  'cancelled',
];

/** Data each target needs, so that a refusal can only be about who moves and from where. */
const DATA: Record<string, Record<string, unknown>> = {
  hired: { agreedRateEur: 12.5, agreedHoursPerWeek: 20 },
  completed: { hoursWorked: 160, incomeEur: 2000, rating: 5, ratingComment: 'Reliable' },
};

/** Who may move a work-request match where, written out by hand (the contract under test). */
const WORK_REQUEST_MOVES: Record<string, Record<Party, string[]>> = {
  shortlisted: { trainee: [], company: ['invited', 'cancelled'], broker: ['invited', 'cancelled'] },
  invited: { trainee: ['accepted', 'declined'], company: ['cancelled'], broker: ['cancelled'] },
  accepted: { trainee: ['cancelled'], company: ['hired', 'cancelled'], broker: ['cancelled'] },
  hired: { trainee: [], company: ['completed', 'cancelled'], broker: ['cancelled'] },
  completed: { trainee: [], company: [], broker: [] },
};

describe('brokering (HTTP)', () => {
  let t: TestApp;
  let skill: string;
  let company: SignedIn;
  let otherCompany: SignedIn;
  let broker: SignedIn;
  let otherBroker: SignedIn;
  let trainee: SignedIn;
  let profileId: string;
  let companyHooks: Receiver;
  let brokerHooks: Receiver;
  let companySecret: string;
  let brokerSecret: string;

  const as = (u: SignedIn) => ({ Authorization: `Bearer ${u.accessToken}` });
  const sql = <T = Record<string, unknown>>(q: string, p: unknown[] = []) =>
    t.app.get(DataSource).query(q, p) as Promise<T[]>;

  async function newTrainee(visibility = 'companies') {
    const person = await registerTrainee(t, { displayName: 'Ana Petrović' });
    const profile = await putProfile(t, person, {
      visibility,
      skills: [{ skillId: skill, level: 4 }],
    });
    return { person, profileId: profile.id };
  }

  beforeAll(async () => {
    [companyHooks, brokerHooks] = await Promise.all([startReceiver(), startReceiver()]);
    t = await createTestApp(WEBHOOK_TEST_ENV);
    skill = (await skillIds(t, ['JavaScript'])).JavaScript;
    [company, otherCompany] = await Promise.all([
      registerCompany(t),
      registerCompany(t, { organisationName: 'Skopje Support' }),
    ]);
    broker = await makeBroker(t);
    otherBroker = await makeBroker(t);
    ({ person: trainee, profileId } = await newTrainee());
    companySecret = (
      await registerWebhook(t, company, companyHooks.url, [
        'match.invited',
        'match.accepted',
        'match.hired',
        'match.completed',
        'work_request.filled',
      ])
    ).secret;
    brokerSecret = (
      await registerWebhook(t, broker, brokerHooks.url, ['match.shortlisted', 'match.hired'])
    ).secret;
  });

  afterAll(async () => {
    await t.close();
    await Promise.all([companyHooks.close(), brokerHooks.close()]);
  });

  describe('the whole path: shortlist → invite → accept → hire → complete', () => {
    let requestId: string;
    let matchId: string;

    it('walks a work request through every state with three users', async () => {
      requestId = await createOpenWorkRequest(t, company, skill, 1);
      const created = await t.http
        .post('/api/matches')
        .set(as(broker))
        .send({ profileId, workRequestId: requestId, note: 'Strong support background' })
        .expect(201);
      matchId = created.body.id;
      expect(created.body).toMatchObject({
        state: 'shortlisted',
        organisationId: broker.organisationId,
        opportunity: { id: requestId, kind: 'work_request', status: 'open' },
        profile: { id: profileId, erased: false, displayName: 'Ana Petrović' },
        note: 'Strong support background',
      });
      expect(JSON.stringify(created.body)).not.toMatch(/@example\.org|email|birthYear/);

      // a shortlist is the parties' list: the trainee does not see it yet
      await t.http.get(`/api/matches/${matchId}`).set(as(trainee)).expect(404);

      const invited = await move(t, broker, matchId, { to: 'invited', note: 'Call on Monday' });
      expect(invited).toMatchObject({ state: 'invited' });
      expect(invited.invitedAt).toEqual(expect.any(String));

      const mine = await t.http.get('/api/matches?state=invited').set(as(trainee)).expect(200);
      expect(mine.body.items.map((m: { id: string }) => m.id)).toEqual([matchId]);
      expect(mine.body.items[0].note).toBeNull();

      const accepted = await move(t, trainee, matchId, { to: 'accepted', note: 'Happy to' });
      expect(accepted).toMatchObject({ state: 'accepted', answeredAt: expect.any(String) });

      const hired = await move(t, company, matchId, {
        to: 'hired',
        agreedRateEur: 12.5,
        agreedHoursPerWeek: 20,
      });
      expect(hired).toMatchObject({
        state: 'hired',
        agreedRateEur: 12.5,
        agreedHoursPerWeek: 20,
        hiredAt: expect.any(String),
        opportunity: { status: 'filled' },
      });

      const completed = await move(t, company, matchId, {
        to: 'completed',
        hoursWorked: 160,
        incomeEur: 2000,
        rating: 5,
        ratingComment: 'Reliable and quick',
      });
      expect(completed).toMatchObject({
        state: 'completed',
        hoursWorked: 160,
        incomeEur: 2000,
        traineeRating: { rating: 5, comment: 'Reliable and quick' },
        employerRating: null,
        completedAt: expect.any(String),
      });

      const rated = await t.http
        .post(`/api/matches/${matchId}/rating`)
        .set(as(trainee))
        .send({ rating: 4, comment: 'Paid on time' })
        .expect(200);
      expect(rated.body.employerRating).toEqual({ rating: 4, comment: 'Paid on time' });
      const again = await t.http
        .post(`/api/matches/${matchId}/rating`)
        .set(as(trainee))
        .send({ rating: 1 })
        .expect(409);
      expect(again.body.code).toBe('MATCH_ALREADY_RATED');
    });

    it('records one audit event per transition, with actor, states, note and time', async () => {
      const res = await t.http.get(`/api/matches/${matchId}/events`).set(as(company)).expect(200);
      const events = res.body.items as Record<string, unknown>[];
      expect(
        events.map((e) => [e.fromState, e.toState, e.actorRole, e.actorUserId, e.note]),
      ).toEqual([
        [null, 'shortlisted', 'broker', broker.id, 'Strong support background'],
        ['shortlisted', 'invited', 'broker', broker.id, 'Call on Monday'],
        ['invited', 'accepted', 'trainee', trainee.id, 'Happy to'],
        ['accepted', 'hired', 'company', company.id, null],
        ['hired', 'completed', 'company', company.id, null],
      ]);
      for (const e of events) expect(Date.parse(e.createdAt as string)).not.toBeNaN();
      // the trainee reads the trail too, without the parties' notes
      const theirs = await t.http.get(`/api/matches/${matchId}/events`).set(as(trainee));
      expect(theirs.body.items.map((e: { note: string | null }) => e.note)).toEqual([
        null,
        null,
        'Happy to',
        null,
        null,
      ]);
    });

    it('fills the request when hires reach its openings', async () => {
      const res = await t.http.get(`/api/work-requests/${requestId}`).set(as(company)).expect(200);
      expect(res.body.status).toBe('filled');
    });

    it('delivers signed webhooks to both organisations', async () => {
      await t.app.get(WebhookDispatcher).drain();
      const events = (r: Receiver) => r.received.map((h) => h.json.event).sort();
      expect(events(companyHooks)).toEqual(
        [
          'match.accepted',
          'match.completed',
          'match.hired',
          'match.invited',
          'work_request.filled',
        ].sort(),
      );
      expect(events(brokerHooks)).toEqual(['match.hired', 'match.shortlisted']);
      for (const [receiver, secret] of [
        [companyHooks, companySecret],
        [brokerHooks, brokerSecret],
      ] as const) {
        for (const hook of receiver.received) {
          const header = hook.headers['x-talentbridge-signature'] as string;
          expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
          expect(verifySignatureHeader(secret, header, hook.body)).toBe(true);
          expect(verifySignatureHeader('another-secret', header, hook.body)).toBe(false);
          expect(hook.headers['x-talentbridge-event']).toBe(hook.json.event);
          expect(hook.headers['x-talentbridge-delivery']).toBe(hook.json.id);
        }
      }
      const hired = companyHooks.received.find((h) => h.json.event === 'match.hired');
      expect(hired?.json.data).toEqual({
        matchId,
        state: 'hired',
        previousState: 'accepted',
        opportunityId: requestId,
        opportunityKind: 'work_request',
      });
      expect(
        companyHooks.received.find((h) => h.json.event === 'work_request.filled')?.json.data,
      ).toEqual({ workRequestId: requestId, openings: 1 });
    });

    it('shows each party its own matches and hides them from everyone else', async () => {
      for (const party of [company, broker, trainee]) {
        const list = await t.http.get(`/api/matches`).set(as(party)).expect(200);
        expect(list.body.items.map((m: { id: string }) => m.id)).toContain(matchId);
      }
      for (const outsider of [otherCompany, otherBroker]) {
        const list = await t.http.get(`/api/matches`).set(as(outsider)).expect(200);
        expect(list.body.items.map((m: { id: string }) => m.id)).not.toContain(matchId);
        await t.http.get(`/api/matches/${matchId}`).set(as(outsider)).expect(404);
        await t.http.get(`/api/matches/${matchId}/events`).set(as(outsider)).expect(404);
        await t.http
          .post(`/api/matches/${matchId}/transitions`)
          .set(as(outsider))
          .send({ to: 'cancelled' })
          .expect(404);
      }
      const other = await registerTrainee(t);
      await t.http.get(`/api/matches/${matchId}`).set(as(other)).expect(404);
      const trainer = await makeTrainer(t);
      await t.http.get(`/api/matches`).set(as(trainer)).expect(403);
      await t.http
        .get(`/api/matches/${matchId}`)
        .set(as(await loginAdmin(t)))
        .expect(200);
    });
  });

  describe('every illegal transition and every wrong actor', () => {
    it('refuses, at each state, each move the party may not make, and changes nothing', async () => {
      const requestId = await createOpenWorkRequest(t, company, skill, 1);
      const matchId = await shortlist(t, company, { profileId, workRequestId: requestId });
      const users: Record<Party, SignedIn> = { trainee, company, broker };
      // the broker's organisation has no part in this match: it does not even see it
      await t.http.get(`/api/matches/${matchId}`).set(as(broker)).expect(404);
      const path: [string, Party][] = [
        ['invited', 'company'],
        ['accepted', 'trainee'],
        ['hired', 'company'],
        ['completed', 'company'],
      ];
      const states = ['shortlisted', ...path.map(([s]) => s)];
      for (const [i, state] of states.entries()) {
        for (const party of ['trainee', 'company'] as Party[]) {
          const allowed = WORK_REQUEST_MOVES[state][party];
          for (const to of STATES.filter((s) => !allowed.includes(s))) {
            const res = await t.http
              .post(`/api/matches/${matchId}/transitions`)
              .set(as(users[party]))
              .send({ to, ...DATA[to] });
            if (party === 'trainee' && state === 'shortlisted') {
              expect(res.status).toBe(404);
              continue;
            }
            const someoneMay = Object.values(WORK_REQUEST_MOVES[state]).some((moves) =>
              moves.includes(to),
            );
            expect([to, res.status, res.body.code]).toEqual(
              someoneMay
                ? [to, 403, 'MATCH_TRANSITION_NOT_ALLOWED']
                : [to, 409, 'MATCH_ILLEGAL_TRANSITION'],
            );
            expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
            expect(res.body.allowedMoves).toEqual(allowed);
            expect(res.body.state).toBe(state);
          }
        }
        const current = await t.http.get(`/api/matches/${matchId}`).set(as(company));
        expect(current.body.state).toBe(state);
        if (i < path.length) {
          const [to, mover] = path[i];
          await move(t, users[mover], matchId, { to, ...DATA[to] });
        }
      }
      const events = await t.http.get(`/api/matches/${matchId}/events`).set(as(company));
      expect(events.body.items.map((e: { toState: string }) => e.toState)).toEqual([
        'shortlisted',
        'invited',
        'accepted',
        'hired',
        'completed',
      ]);
    });

    it('lets a broker move what brokers may, but not hire for a company', async () => {
      const requestId = await createOpenWorkRequest(t, company, skill, 1);
      const matchId = await shortlist(t, broker, { profileId, workRequestId: requestId });
      await move(t, broker, matchId, { to: 'invited' });
      const accept = await t.http
        .post(`/api/matches/${matchId}/transitions`)
        .set(as(broker))
        .send({ to: 'accepted' })
        .expect(403);
      expect(accept.body.allowedMoves).toEqual(['cancelled']);
      await move(t, trainee, matchId, { to: 'accepted' });
      const hire = await t.http
        .post(`/api/matches/${matchId}/transitions`)
        .set(as(broker))
        .send({ to: 'hired', agreedRateEur: 10 })
        .expect(403);
      expect(hire.body).toMatchObject({
        code: 'MATCH_TRANSITION_NOT_ALLOWED',
        allowedMoves: ['cancelled'],
      });
      const cancelled = await move(t, broker, matchId, { to: 'cancelled', note: 'Role changed' });
      expect(cancelled).toMatchObject({ state: 'cancelled', cancelledAt: expect.any(String) });
      const after = await t.http
        .post(`/api/matches/${matchId}/transitions`)
        .set(as(company))
        .send({ to: 'invited' })
        .expect(409);
      expect(after.body.allowedMoves).toEqual([]);
    });

    it('names the field a move needs or does not take, and writes nothing', async () => {
      const requestId = await createOpenWorkRequest(t, company, skill, 1);
      const matchId = await shortlist(t, company, { profileId, workRequestId: requestId });
      const refuse = async (who: SignedIn, body: Record<string, unknown>, field: string) => {
        const res = await t.http
          .post(`/api/matches/${matchId}/transitions`)
          .set(as(who))
          .send(body)
          .expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      };
      await refuse(company, { to: 'invited', agreedRateEur: 10 }, 'agreedRateEur');
      await refuse(company, { to: 'somewhere' }, 'to');
      await refuse(company, { to: 'invited', note: 'x'.repeat(2001) }, 'note');
      await move(t, company, matchId, { to: 'invited' });
      await move(t, trainee, matchId, { to: 'accepted' });
      await refuse(company, { to: 'hired' }, 'agreedRateEur');
      await refuse(company, { to: 'hired', agreedRateEur: -1 }, 'agreedRateEur');
      await refuse(
        company,
        { to: 'hired', agreedRateEur: 10, agreedHoursPerWeek: 81 },
        'agreedHoursPerWeek',
      );
      await refuse(company, { to: 'hired', agreedRateEur: 10, incomeEur: 5 }, 'incomeEur');
      await move(t, company, matchId, { to: 'hired', agreedRateEur: 10 });
      await refuse(company, { to: 'completed', hoursWorked: 10 }, 'incomeEur');
      await refuse(company, { to: 'completed', incomeEur: 10 }, 'hoursWorked');
      await refuse(company, { to: 'completed', hoursWorked: 1, incomeEur: 1, rating: 6 }, 'rating');
      await refuse(
        company,
        { to: 'completed', hoursWorked: 1, incomeEur: 1, rating: 2.5 },
        'rating',
      );
      const current = await t.http.get(`/api/matches/${matchId}`).set(as(company));
      expect(current.body).toMatchObject({ state: 'hired', hoursWorked: null, incomeEur: null });
      const events = await t.http.get(`/api/matches/${matchId}/events`).set(as(company));
      expect(events.body.items).toHaveLength(4);
      const early = await t.http
        .post(`/api/matches/${matchId}/rating`)
        .set(as(trainee))
        .send({ rating: 3 })
        .expect(409);
      expect(early.body.code).toBe('MATCH_NOT_COMPLETED');
    });
  });

  describe('creating matches', () => {
    it('validates the body, naming each field', async () => {
      const requestId = await createOpenWorkRequest(t, company, skill, 1);
      const cases: [Record<string, unknown>, string][] = [
        [{ profileId }, 'workRequestId'],
        [{ profileId, workRequestId: requestId, listingId: requestId }, 'listingId'],
        [{ profileId: 'nope', workRequestId: requestId }, 'profileId'],
        [{ profileId, workRequestId: 'nope' }, 'workRequestId'],
        [{ profileId, workRequestId: requestId, note: 'x'.repeat(2001) }, 'note'],
        [{ profileId, workRequestId: requestId, state: 'hired' }, 'state'],
      ];
      for (const [body, field] of cases) {
        const res = await t.http.post('/api/matches').set(as(company)).send(body).expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const [{ n }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM matches WHERE opportunity_id = $1`,
        [requestId],
      );
      expect(n).toBe(0);
    });

    it('refuses malformed ids and list filters with a 400 naming the parameter', async () => {
      const calls = [
        t.http.get('/api/matches/not-an-id').set(as(company)),
        t.http.get('/api/matches/not-an-id/events').set(as(company)),
        t.http.post('/api/matches/not-an-id/transitions').set(as(company)).send({ to: 'invited' }),
        t.http.post('/api/matches/not-an-id/rating').set(as(trainee)).send({ rating: 4 }),
      ];
      for (const call of calls) {
        const res = await call.expect(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['id']);
      }
      for (const [query, field] of [
        [{ state: 'promoted' }, 'state'],
        [{ workRequestId: 'nope' }, 'workRequestId'],
        [{ profileId: 'nope' }, 'profileId'],
        [{ limit: '0' }, 'limit'],
      ] as const) {
        const res = await t.http.get('/api/matches').query(query).set(as(company)).expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });

    it('allows one live match per pair, naming the existing one, and a new one after it ended', async () => {
      const requestId = await createOpenWorkRequest(t, company, skill, 1);
      const first = await shortlist(t, company, { profileId, workRequestId: requestId });
      const [a, b] = await Promise.all([
        t.http.post('/api/matches').set(as(broker)).send({ profileId, workRequestId: requestId }),
        t.http.post('/api/matches').set(as(company)).send({ profileId, workRequestId: requestId }),
      ]);
      for (const res of [a, b]) {
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: 'MATCH_ALREADY_EXISTS', existingMatchId: first });
      }
      await move(t, company, first, { to: 'cancelled' });
      const second = await shortlist(t, company, { profileId, workRequestId: requestId });
      expect(second).not.toBe(first);
    });

    it('needs an open opportunity in the creator’s reach and a profile visible to them', async () => {
      const requestId = await createOpenWorkRequest(t, company, skill, 1);
      const listingId = await createListing(t, broker, skill);
      // companies: own requests only, never listings
      await t.http
        .post('/api/matches')
        .set(as(otherCompany))
        .send({ profileId, workRequestId: requestId })
        .expect(404);
      await t.http.post('/api/matches').set(as(company)).send({ profileId, listingId }).expect(404);
      // brokers: any open request, own listings only
      await t.http
        .post('/api/matches')
        .set(as(otherBroker))
        .send({ profileId, listingId })
        .expect(404);
      // visibility: a brokers-only profile is not a company's to shortlist
      const { profileId: brokersOnly } = await newTrainee('brokers');
      await t.http
        .post('/api/matches')
        .set(as(company))
        .send({ profileId: brokersOnly, workRequestId: requestId })
        .expect(404);
      const { profileId: hidden } = await newTrainee('private');
      await t.http
        .post('/api/matches')
        .set(as(broker))
        .send({ profileId: hidden, workRequestId: requestId })
        .expect(404);
      // a trainee applies, only ever with their own profile: naming one is refused
      const named = await t.http
        .post('/api/matches')
        .set(as(trainee))
        .send({ profileId, workRequestId: requestId })
        .expect(400);
      expect((named.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['profileId']);
      // a draft or closed request takes no matches
      await t.http.post(`/api/work-requests/${requestId}/close`).set(as(company)).expect(200);
      const closed = await t.http
        .post('/api/matches')
        .set(as(company))
        .send({ profileId, workRequestId: requestId })
        .expect(409);
      expect(closed.body.code).toBe('OPPORTUNITY_NOT_OPEN');
    });

    it('lets the trainee accept only when the hiring party may see the profile', async () => {
      const requestId = await createOpenWorkRequest(t, company, skill, 1);
      const { person, profileId: brokersOnly } = await newTrainee('brokers');
      const matchId = await shortlist(t, broker, {
        profileId: brokersOnly,
        workRequestId: requestId,
      });
      await move(t, broker, matchId, { to: 'invited' });
      const res = await t.http
        .post(`/api/matches/${matchId}/transitions`)
        .set(as(person))
        .send({ to: 'accepted' })
        .expect(409);
      expect(res.body).toMatchObject({
        code: 'PROFILE_NOT_VISIBLE',
        neededVisibility: 'companies',
      });
      await move(t, person, matchId, { to: 'declined' });
    });
  });

  describe('listings', () => {
    it('the broker hires and completes on its own listing; companies never see it', async () => {
      const listingId = await createListing(t, broker, skill, 2);
      const matchId = await shortlist(t, broker, { profileId, listingId });
      await move(t, broker, matchId, { to: 'invited' });
      await move(t, trainee, matchId, { to: 'accepted' });
      const hired = await move(t, broker, matchId, { to: 'hired', agreedRateEur: 20 });
      // one of two openings taken: still open
      expect(hired.opportunity).toMatchObject({ kind: 'listing', status: 'open' });
      await move(t, broker, matchId, { to: 'completed', hoursWorked: 10, incomeEur: 200 });
      await t.http.get(`/api/matches/${matchId}`).set(as(company)).expect(404);
      const filtered = await t.http
        .get(`/api/matches?listingId=${listingId}`)
        .set(as(broker))
        .expect(200);
      expect(filtered.body.items.map((m: { id: string }) => m.id)).toEqual([matchId]);
    });
  });

  describe('races', () => {
    it('two hires on the last opening: exactly one wins and the request is filled', async () => {
      const requestId = await createOpenWorkRequest(t, company, skill, 1);
      const watcher = await newTrainee();
      await t.app.get(OutboxRelay).drain();
      const recommended = async () => {
        const res = await t.http
          .get('/api/profiles/me/recommendations?limit=100')
          .set(as(watcher.person))
          .expect(200);
        return res.body.map((r: { opportunity: { id: string } }) => r.opportunity.id);
      };
      expect(await recommended()).toContain(requestId);
      const candidates = await Promise.all([newTrainee(), newTrainee()]);
      const matchIds: string[] = [];
      for (const c of candidates) {
        const id = await shortlist(t, company, {
          profileId: c.profileId,
          workRequestId: requestId,
        });
        await move(t, company, id, { to: 'invited' });
        await move(t, c.person, id, { to: 'accepted' });
        matchIds.push(id);
      }
      const results = await Promise.all(
        matchIds.map((id) =>
          t.http
            .post(`/api/matches/${id}/transitions`)
            .set(as(company))
            .send({ to: 'hired', agreedRateEur: 11 }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)?.body.code).toBe('OPENINGS_FILLED');
      const [{ hires }] = await sql<{ hires: number }>(
        `SELECT count(*)::int AS hires FROM matches WHERE opportunity_id = $1 AND state = 'hired'`,
        [requestId],
      );
      expect(hires).toBe(1);
      const request = await t.http.get(`/api/work-requests/${requestId}`).set(as(company));
      expect(request.body.status).toBe('filled');
      // once the outbox is relayed, the filled request leaves matching
      await t.app.get(OutboxRelay).drain();
      expect(await recommended()).not.toContain(requestId);
      const third = await newTrainee();
      await t.http
        .post('/api/matches')
        .set(as(company))
        .send({ profileId: third.profileId, workRequestId: requestId })
        .expect(409);
    });

    it('two concurrent moves of one match: one wins, the other is judged against it', async () => {
      const requestId = await createOpenWorkRequest(t, company, skill, 1);
      const matchId = await shortlist(t, company, { profileId, workRequestId: requestId });
      await move(t, company, matchId, { to: 'invited' });
      const results = await Promise.all(
        ['accepted', 'declined'].map((to) =>
          t.http.post(`/api/matches/${matchId}/transitions`).set(as(trainee)).send({ to }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)?.body.code).toBe('MATCH_ILLEGAL_TRANSITION');
      const winner = results.find((r) => r.status === 200)?.body.state;
      const events = await t.http.get(`/api/matches/${matchId}/events`).set(as(company));
      expect(events.body.items.map((e: { toState: string }) => e.toState)).toEqual([
        'shortlisted',
        'invited',
        winner,
      ]);
    });
  });

  describe('erasure and the audit trail', () => {
    it('keeps the matches of an erased trainee as anonymous facts', async () => {
      const { person, profileId: erasedProfile } = await newTrainee();
      const requestId = await createOpenWorkRequest(t, company, skill, 2);
      const matchId = await shortlist(t, company, {
        profileId: erasedProfile,
        workRequestId: requestId,
      });
      await move(t, company, matchId, { to: 'invited' });
      await move(t, person, matchId, { to: 'accepted' });
      await move(t, company, matchId, { to: 'hired', agreedRateEur: 9 });
      await move(t, company, matchId, { to: 'completed', hoursWorked: 40, incomeEur: 360 });
      await t.http.delete('/api/profiles/me').set(as(person)).expect(204);

      const res = await t.http.get(`/api/matches/${matchId}`).set(as(company)).expect(200);
      expect(res.body).toMatchObject({
        state: 'completed',
        hoursWorked: 40,
        incomeEur: 360,
        profile: { id: null, erased: true, displayName: null, headline: null, city: null },
      });
      expect(JSON.stringify(res.body)).not.toContain(erasedProfile);
      const events = await t.http.get(`/api/matches/${matchId}/events`).set(as(company));
      const accepted = events.body.items.find((e: { toState: string }) => e.toState === 'accepted');
      expect(accepted).toMatchObject({ actorRole: 'trainee', actorUserId: null });
      const [row] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM matches m JOIN profiles p ON p.id = m.profile_id
          WHERE m.id = $1 AND p.user_id IS NULL AND p.erased_at IS NOT NULL`,
        [matchId],
      );
      expect(row.n).toBe(1);
    });

    it('advances no match of an erased trainee, but still lets it be cancelled', async () => {
      const { person, profileId: erasedProfile } = await newTrainee();
      const requestId = await createOpenWorkRequest(t, company, skill, 2);
      const invitedId = await shortlist(t, company, {
        profileId: erasedProfile,
        workRequestId: requestId,
      });
      await move(t, company, invitedId, { to: 'invited' });
      const acceptedId = await shortlist(t, broker, {
        profileId: erasedProfile,
        workRequestId: await createOpenWorkRequest(t, company, skill, 1),
      });
      await move(t, broker, acceptedId, { to: 'invited' });
      await move(t, person, acceptedId, { to: 'accepted' });
      await t.http.delete('/api/profiles/me').set(as(person)).expect(204);

      const hire = await t.http
        .post(`/api/matches/${acceptedId}/transitions`)
        .set(as(company))
        .send({ to: 'hired', agreedRateEur: 10 })
        .expect(409);
      expect(hire.headers['content-type']).toContain('application/problem+json');
      expect(hire.body).toMatchObject({ code: 'PROFILE_ERASED', to: 'hired' });
      const cancelled = await t.http
        .post(`/api/matches/${invitedId}/transitions`)
        .set(as(company))
        .send({ to: 'cancelled', note: 'trainee left the programme' })
        .expect(200);
      expect(cancelled.body.state).toBe('cancelled');
      const events = await t.http.get(`/api/matches/${acceptedId}/events`).set(as(company));
      expect(events.body.items.map((e: { toState: string }) => e.toState)).toEqual([
        'shortlisted',
        'invited',
        'accepted',
      ]);
    });

    it('refuses to change or delete an audit event', async () => {
      const [event] = await sql<{ id: string }>(`SELECT id FROM match_events LIMIT 1`);
      await expect(
        sql(`UPDATE match_events SET note = 'rewritten' WHERE id = $1`, [event.id]),
      ).rejects.toThrow(/append-only/);
      await expect(sql(`DELETE FROM match_events WHERE id = $1`, [event.id])).rejects.toThrow(
        /append-only/,
      );
    });
  });

  describe('lists', () => {
    it('pages newest first with a cursor and filters by state and profile', async () => {
      const requests = await Promise.all(
        [1, 2, 3].map(() => createOpenWorkRequest(t, company, skill, 1)),
      );
      for (const workRequestId of requests)
        await shortlist(t, company, { profileId, workRequestId });
      const first = await t.http
        .get(`/api/matches?profileId=${profileId}&state=shortlisted&limit=2`)
        .set(as(company))
        .expect(200);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await t.http
        .get(
          `/api/matches?profileId=${profileId}&state=shortlisted&limit=2&cursor=${first.body.nextCursor}`,
        )
        .set(as(company))
        .expect(200);
      const seen = [...first.body.items, ...second.body.items].map(
        (m: { opportunity: { id: string } }) => m.opportunity.id,
      );
      expect(seen.slice(0, 3)).toEqual([...requests].reverse());
      for (const m of [...first.body.items, ...second.body.items])
        expect(m.state).toBe('shortlisted');
      const bad = await t.http
        .get('/api/matches?state=nope&cursor=zzz')
        .set(as(company))
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('state');
      const badCursor = await t.http.get('/api/matches?cursor=zzz').set(as(company)).expect(400);
      expect(badCursor.body.errors[0].field).toBe('cursor');
    });
  });

  it('company members other than the owner act for their company too', async () => {
    const member = await createMember(t, company, company.organisationId as string, 'company');
    const requestId = await createOpenWorkRequest(t, company, skill, 1);
    const matchId = await shortlist(t, member, { profileId, workRequestId: requestId });
    await move(t, member, matchId, { to: 'invited' });
    await move(t, company, matchId, { to: 'cancelled' });
  });
});
