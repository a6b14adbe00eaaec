import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { move, shortlist } from '../support/brokering-factories.js';
import { registerCompany, registerTrainee, type SignedIn } from '../support/factories.js';
import { bearer, inDays } from '../support/opportunity-factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Outcomes of matches feed donor reports: a hiring party must not be able to record ten billion
 * euro or a million hours. Each implausible value is a 400 naming the field, and nothing moves.
 */
describe('match outcomes are bounded (HTTP)', () => {
  let t: TestApp;
  let skill: string;
  let company: SignedIn;

  const sql = <T = Record<string, unknown>>(q: string, p: unknown[] = []) =>
    t.app.get(DataSource).query(q, p) as Promise<T[]>;

  /** A published request of `company`, optionally with a planned duration. */
  async function openRequest(extra: Record<string, unknown> = {}): Promise<string> {
    const created = await t.http
      .post('/api/work-requests')
      .auth(...bearer(company))
      .send({
        title: 'Customer support in English',
        description: 'Answer e-mails and chats for an online shop',
        skills: [{ skillId: skill, minLevel: 2, mustHave: true }],
        languages: [],
        engagementType: 'freelance',
        workMode: 'remote',
        openings: 5,
        deadline: inDays(30),
        ...extra,
      });
    expect(created.status).toBe(201);
    await t.http
      .post(`/api/work-requests/${created.body.id}/publish`)
      .auth(...bearer(company))
      .expect(200);
    return created.body.id as string;
  }

  /** A match of a fresh trainee on `requestId`, moved as far as `accepted`. */
  async function accepted(requestId: string): Promise<string> {
    const person = await registerTrainee(t);
    const profile = await putProfile(t, person, { skills: [{ skillId: skill, level: 4 }] });
    const id = await shortlist(t, company, { profileId: profile.id, workRequestId: requestId });
    await move(t, company, id, { to: 'invited' });
    await move(t, person, id, { to: 'accepted' });
    return id;
  }

  async function hired(requestId: string): Promise<string> {
    const id = await accepted(requestId);
    await move(t, company, id, { to: 'hired', agreedRateEur: 12.5, agreedHoursPerWeek: 20 });
    return id;
  }

  const transition = (matchId: string, body: Record<string, unknown> | string) =>
    t.http
      .post(`/api/matches/${matchId}/transitions`)
      .auth(...bearer(company))
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));

  /** The refusal names exactly `field`, and the match is still where it was, values untouched. */
  async function refused(
    matchId: string,
    body: Record<string, unknown> | string,
    field: string,
    state: string,
  ): Promise<void> {
    const before = await sql(`SELECT * FROM matches WHERE id = $1`, [matchId]);
    const res = await transition(matchId, body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    // one field may carry several messages (e.g. a type and a range), never another field
    expect([...new Set((res.body.errors as { field: string }[]).map((e) => e.field))]).toEqual([
      field,
    ]);
    const after = await sql(`SELECT * FROM matches WHERE id = $1`, [matchId]);
    expect(after).toEqual(before);
    expect(after[0].state).toBe(state);
  }

  beforeAll(async () => {
    t = await createTestApp();
    skill = (await skillIds(t, ['JavaScript'])).JavaScript;
    company = await registerCompany(t);
  }, 180_000);

  afterAll(async () => {
    await t.close();
  });

  it('refuses the audit’s ten billion euro and a million hours, naming each field', async () => {
    const matchId = await hired(await openRequest());
    const valid = { to: 'completed', hoursWorked: 120, incomeEur: 1500 };
    await refused(matchId, { ...valid, incomeEur: 9_999_999_999.99 }, 'incomeEur', 'hired');
    await refused(matchId, { ...valid, hoursWorked: 999_999.99 }, 'hoursWorked', 'hired');
    await refused(matchId, { ...valid, incomeEur: 100_000.01 }, 'incomeEur', 'hired');
    const totals = await sql(`SELECT sum(income_eur)::text AS income FROM matches`);
    expect(totals[0].income).toBeNull();
  });

  it('refuses negative, over-precise, non-finite and mistyped outcomes', async () => {
    const matchId = await hired(await openRequest());
    const valid = { to: 'completed', hoursWorked: 120, incomeEur: 1500 };
    await refused(matchId, { ...valid, incomeEur: -1 }, 'incomeEur', 'hired');
    await refused(matchId, { ...valid, hoursWorked: -0.5 }, 'hoursWorked', 'hired');
    await refused(matchId, { ...valid, incomeEur: 1500.001 }, 'incomeEur', 'hired');
    await refused(matchId, { ...valid, hoursWorked: 12.345 }, 'hoursWorked', 'hired');
    await refused(matchId, { ...valid, incomeEur: '1500' }, 'incomeEur', 'hired');
    // 1e400 is valid JSON and parses to Infinity
    await refused(
      matchId,
      '{"to":"completed","hoursWorked":1e400,"incomeEur":1500}',
      'hoursWorked',
      'hired',
    );
    await refused(matchId, { ...valid, rating: 6 }, 'rating', 'hired');
    await refused(matchId, { ...valid, rating: 0 }, 'rating', 'hired');
    await refused(matchId, { ...valid, rating: 4.5 }, 'rating', 'hired');
  });

  it('bounds hours by the weeks of the engagement: one week since the hire, 168 hours', async () => {
    const matchId = await hired(await openRequest());
    await refused(
      matchId,
      { to: 'completed', hoursWorked: 168.01, incomeEur: 1000 },
      'hoursWorked',
      'hired',
    );
    // earned more than the hourly ceiling allows for the hours reported
    await refused(
      matchId,
      { to: 'completed', hoursWorked: 10, incomeEur: 5000.01 },
      'incomeEur',
      'hired',
    );
    await refused(
      matchId,
      { to: 'completed', hoursWorked: 0, incomeEur: 50 },
      'incomeEur',
      'hired',
    );
    const done = await move(t, company, matchId, {
      to: 'completed',
      hoursWorked: 168,
      incomeEur: 2100,
      rating: 5,
    });
    expect(done).toMatchObject({ state: 'completed', hoursWorked: 168, incomeEur: 2100 });
  });

  it('a planned duration or a long engagement allows more hours, never more than 168 a week', async () => {
    const planned = await hired(await openRequest({ durationWeeks: 2 }));
    await refused(
      planned,
      { to: 'completed', hoursWorked: 336.5, incomeEur: 4000 },
      'hoursWorked',
      'hired',
    );
    expect(
      await move(t, company, planned, { to: 'completed', hoursWorked: 336, incomeEur: 4000 }),
    ).toMatchObject({ state: 'completed', hoursWorked: 336 });

    // hired three weeks ago (and the request states no duration): up to 3 × 168 hours
    const long = await hired(await openRequest());
    await sql(`UPDATE matches SET hired_at = now() - interval '20 days' WHERE id = $1`, [long]);
    await refused(
      long,
      { to: 'completed', hoursWorked: 505, incomeEur: 6000 },
      'hoursWorked',
      'hired',
    );
    expect(
      await move(t, company, long, { to: 'completed', hoursWorked: 504, incomeEur: 6000 }),
    ).toMatchObject({ state: 'completed', hoursWorked: 504 });
  });

  it('bounds the agreed hourly rate at hire', async () => {
    const matchId = await accepted(await openRequest());
    await refused(matchId, { to: 'hired', agreedRateEur: 500.01 }, 'agreedRateEur', 'accepted');
    await refused(matchId, { to: 'hired', agreedRateEur: -3 }, 'agreedRateEur', 'accepted');
    await refused(matchId, { to: 'hired', agreedRateEur: 9.999 }, 'agreedRateEur', 'accepted');
    expect(await move(t, company, matchId, { to: 'hired', agreedRateEur: 500 })).toMatchObject({
      state: 'hired',
      agreedRateEur: 500,
    });
  });
});
