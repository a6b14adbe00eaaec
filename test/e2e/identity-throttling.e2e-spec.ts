import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { GOOD_PASSWORD, registerTrainee, uniqueEmail } from '../support/factories.js';

/** Small limits so the test stays fast: 3 failures per e-mail, 6 per IP, per minute. */
describe('sign-in throttling (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_THROTTLE_PER_EMAIL: '3',
      LOGIN_THROTTLE_PER_IP: '6',
      LOGIN_THROTTLE_WINDOW_SECONDS: '60',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  const attempt = (email: string, password: string) =>
    t.http.post('/api/auth/login').send({ email, password });

  it('does not count successful sign-ins', async () => {
    const trainee = await registerTrainee(t);
    for (let i = 0; i < 5; i += 1) {
      await attempt(trainee.email, GOOD_PASSWORD).expect(200);
    }
  });

  it('blocks an e-mail after repeated failures with 429 and Retry-After, even with the right password', async () => {
    const trainee = await registerTrainee(t);
    for (let i = 0; i < 3; i += 1) {
      await attempt(trainee.email, 'Wrong-password-1').expect(401);
    }
    const blocked = await attempt(trainee.email.toUpperCase(), 'Wrong-password-1').expect(429);
    expect(blocked.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(blocked.body).toMatchObject({ status: 429, code: 'TOO_MANY_LOGIN_ATTEMPTS' });
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(blocked.body.retryAfterSeconds).toBe(retryAfter);
    await attempt(trainee.email, GOOD_PASSWORD).expect(429);
  });

  it('blocks the IP after failures spread over several e-mail addresses', async () => {
    // 3 failures are already counted for this IP by the previous test
    for (let i = 0; i < 3; i += 1) {
      await attempt(uniqueEmail('spray'), 'Wrong-password-1').expect(401);
    }
    const blocked = await attempt(uniqueEmail('spray'), 'Wrong-password-1').expect(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('does not count a malformed body, which is still a 400', async () => {
    const res = await t.http.post('/api/auth/login').send({ email: 'nope' }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['email', 'password']),
    );
  });
});
