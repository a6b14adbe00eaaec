import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createOpenWorkRequest, move, shortlist } from '../support/brokering-factories.js';
import {
  makeBroker,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { bearer } from '../support/opportunity-factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

interface MatchBody {
  id: string;
  state: string;
  profile: Record<string, unknown>;
}

/**
 * A match answer shows the person only to a reader who may see their profile now: a broker
 * shortlisting a brokers-only profile on a company's request, or a trainee turning private
 * later, must not let the company read (or invite, or hire) them.
 */
describe('match answers follow profile visibility (HTTP)', () => {
  let t: TestApp;
  let skill: string;
  let company: SignedIn;
  let broker: SignedIn;

  const sql = <T = Record<string, unknown>>(q: string, p: unknown[] = []) =>
    t.app.get(DataSource).query(q, p) as Promise<T[]>;
  const get = (who: SignedIn, path: string) => t.http.get(path).auth(...bearer(who));
  const transition = (who: SignedIn, matchId: string, body: Record<string, unknown>) =>
    t.http
      .post(`/api/matches/${matchId}/transitions`)
      .auth(...bearer(who))
      .send(body);

  async function person(name: string, headline: string, visibility: string) {
    const trainee = await registerTrainee(t, { displayName: name });
    const profile = await putProfile(t, trainee, {
      headline,
      city: 'Novi Sad',
      visibility,
      skills: [{ skillId: skill, level: 4 }],
    });
    return { trainee, profileId: profile.id };
  }

  /** Every way `who` reads this match, as JSON text. */
  async function everyRead(who: SignedIn, requestId: string, matchId: string): Promise<string> {
    const one = await get(who, `/api/matches/${matchId}`).expect(200);
    const list = await get(who, `/api/matches?workRequestId=${requestId}`).expect(200);
    const events = await get(who, `/api/matches/${matchId}/events`).expect(200);
    const listed = (list.body.items as MatchBody[]).find((m) => m.id === matchId);
    expect(listed).toBeDefined();
    return JSON.stringify([one.body, listed, events.body]);
  }

  function expectAnonymous(body: MatchBody, profileId: string): void {
    expect(body.profile).toEqual({
      id: profileId,
      erased: false,
      hidden: true,
      displayName: null,
      headline: null,
      country: null,
      city: null,
    });
  }

  beforeAll(async () => {
    t = await createTestApp();
    skill = (await skillIds(t, ['JavaScript'])).JavaScript;
    company = await registerCompany(t);
    broker = await makeBroker(t);
  }, 180_000);

  afterAll(async () => {
    await t.close();
  });

  it('a broker shortlists a brokers-only profile on a company request: the company reads no profile and cannot invite', async () => {
    const requestId = await createOpenWorkRequest(t, company, skill, 1);
    const { trainee, profileId } = await person('Vesna Brokersonly', 'Night-shift QA', 'brokers');
    const matchId = await shortlist(t, broker, { profileId, workRequestId: requestId });

    const asCompany = (await get(company, `/api/matches/${matchId}`).expect(200)).body as MatchBody;
    expectAnonymous(asCompany, profileId);
    const seen = await everyRead(company, requestId, matchId);
    expect(seen).not.toMatch(/Vesna|Brokersonly|Night-shift|Novi Sad/);

    const invite = await transition(company, matchId, { to: 'invited' }).expect(409);
    expect(invite.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(invite.body).toMatchObject({ code: 'PROFILE_NOT_VISIBLE', to: 'invited' });
    expect((await sql(`SELECT state FROM matches WHERE id = $1`, [matchId]))[0].state).toBe(
      'shortlisted',
    );

    // the broker, who may see the profile, reads it and may invite
    const asBroker = (await get(broker, `/api/matches/${matchId}`).expect(200)).body as MatchBody;
    expect(asBroker.profile).toMatchObject({
      id: profileId,
      hidden: false,
      displayName: 'Vesna Brokersonly',
      headline: 'Night-shift QA',
      city: 'Novi Sad',
    });
    const invited = await move(t, broker, matchId, { to: 'invited' });
    expect(invited.profile).toMatchObject({ displayName: 'Vesna Brokersonly' });
    // the trainee sees their own match in full
    const own = (await get(trainee, `/api/matches/${matchId}`).expect(200)).body as MatchBody;
    expect(own.profile).toMatchObject({ hidden: false, displayName: 'Vesna Brokersonly' });
    // the company still reads nothing of the person after the broker's move
    expect(await everyRead(company, requestId, matchId)).not.toMatch(/Vesna|Night-shift/);
  });

  it('a trainee who turns private later disappears from the company’s match answers, and cannot be hired', async () => {
    const requestId = await createOpenWorkRequest(t, company, skill, 2);
    const { trainee, profileId } = await person(
      'Mirela Laterprivate',
      'Support agent',
      'companies',
    );
    const matchId = await shortlist(t, company, { profileId, workRequestId: requestId });
    const before = (await get(company, `/api/matches/${matchId}`).expect(200)).body as MatchBody;
    expect(before.profile).toMatchObject({ hidden: false, headline: 'Support agent' });
    await move(t, company, matchId, { to: 'invited' });
    await move(t, trainee, matchId, { to: 'accepted', note: 'Mirela here, call me' });

    await putProfile(t, trainee, {
      headline: 'Moved on to data analysis',
      visibility: 'private',
      skills: [{ skillId: skill, level: 4 }],
    });

    const after = (await get(company, `/api/matches/${matchId}`).expect(200)).body as MatchBody;
    expectAnonymous(after, profileId);
    const seen = await everyRead(company, requestId, matchId);
    expect(seen).not.toMatch(/Mirela|Laterprivate|data analysis|Support agent|call me/);
    const events = (await get(company, `/api/matches/${matchId}/events`).expect(200)).body
      .items as { actorRole: string; actorUserId: string | null; note: string | null }[];
    const theirs = events.filter((e) => e.actorRole === 'trainee');
    expect(theirs).toHaveLength(1);
    expect(theirs[0]).toMatchObject({ actorUserId: null, note: null });

    const hire = await transition(company, matchId, { to: 'hired', agreedRateEur: 12 }).expect(409);
    expect(hire.body).toMatchObject({ code: 'PROFILE_NOT_VISIBLE', to: 'hired' });
    expect((await sql(`SELECT state FROM matches WHERE id = $1`, [matchId]))[0].state).toBe(
      'accepted',
    );

    // cancelling stays possible, and its answer is anonymous too
    const cancelled = await transition(company, matchId, { to: 'cancelled' }).expect(200);
    expectAnonymous(cancelled.body as MatchBody, profileId);

    // private is visible to no party: the broker reads nothing either
    const other = await person('Dragana Private', 'Bookkeeper', 'companies');
    const brokerMatch = await shortlist(t, broker, {
      profileId: other.profileId,
      workRequestId: requestId,
    });
    await putProfile(t, other.trainee, {
      visibility: 'private',
      skills: [{ skillId: skill, level: 4 }],
    });
    const forBroker = (await get(broker, `/api/matches/${brokerMatch}`).expect(200))
      .body as MatchBody;
    expectAnonymous(forBroker, other.profileId);
    const invite = await transition(broker, brokerMatch, { to: 'invited' }).expect(409);
    expect(invite.body.code).toBe('PROFILE_NOT_VISIBLE');
  });

  it('a profile made visible again shows again', async () => {
    const requestId = await createOpenWorkRequest(t, company, skill, 1);
    const { trainee, profileId } = await person('Lina Backagain', 'Tester', 'brokers');
    const matchId = await shortlist(t, broker, { profileId, workRequestId: requestId });
    expectAnonymous(
      (await get(company, `/api/matches/${matchId}`).expect(200)).body as MatchBody,
      profileId,
    );
    await putProfile(t, trainee, {
      headline: 'Tester',
      visibility: 'companies',
      skills: [{ skillId: skill, level: 4 }],
    });
    const shown = (await get(company, `/api/matches/${matchId}`).expect(200)).body as MatchBody;
    expect(shown.profile).toMatchObject({ hidden: false, displayName: 'Lina Backagain' });
    expect(await move(t, company, matchId, { to: 'invited' })).toMatchObject({ state: 'invited' });
  });
});
