import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  GOOD_PASSWORD,
  makeTraineeRegistration,
  registerTrainee,
  uniqueEmail,
} from '../support/factories.js';

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

const PROBLEM = /^application\/problem\+json/;
/** Clears every throttling and proxy setting another app of this file may have left in the env. */
const THROTTLE_ENV = {
  LOGIN_THROTTLE_PER_EMAIL: '100000',
  LOGIN_THROTTLE_PER_IP: '100000',
  LOGIN_THROTTLE_WINDOW_SECONDS: '60',
  REGISTRATION_THROTTLE_PER_IP: '100000',
  REGISTRATION_THROTTLE_PER_DOMAIN: '100000',
  REGISTRATION_THROTTLE_WINDOW_SECONDS: '3600',
  TRUSTED_PROXIES: '',
};

let addressSequence = 0;
/** A made-up client address (TEST-NET-3); only ever sent as a header, never connected to. */
const nextAddress = () => {
  addressSequence += 1;
  return `203.0.113.${addressSequence % 250}`;
};

describe('changing the password is throttled like signing in (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ ...THROTTLE_ENV, LOGIN_THROTTLE_PER_EMAIL: '3' });
  });

  afterAll(async () => {
    await t.close();
  });

  it('counts wrong current passwords with failed sign-ins of the account, then answers 429', async () => {
    const trainee = await registerTrainee(t);
    const change = (currentPassword: string) =>
      t.http
        .post('/api/me/password')
        .auth(trainee.accessToken, { type: 'bearer' })
        .send({ currentPassword, newPassword: 'Fresh-spring-passphrase-7' });
    await change('Wrong-password-1').expect(400);
    await t.http
      .post('/api/auth/login')
      .send({ email: trainee.email, password: 'Wrong-password-2' })
      .expect(401);
    await change('Wrong-password-3').expect(400);
    const blocked = await change(GOOD_PASSWORD).expect(429);
    expect(blocked.headers['content-type']).toMatch(PROBLEM);
    expect(blocked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await t.http
      .post('/api/auth/login')
      .send({ email: trainee.email, password: GOOD_PASSWORD })
      .expect(429);
  });
});

describe('registration throttling (HTTP)', () => {
  let t: TestApp;
  const register = (email: string, from: string, password = GOOD_PASSWORD) =>
    t.http
      .post('/api/auth/register')
      .set('X-Forwarded-For', from)
      .send(makeTraineeRegistration({ email, password }));

  beforeAll(async () => {
    t = await createTestApp({
      ...THROTTLE_ENV,
      REGISTRATION_THROTTLE_PER_IP: '3',
      REGISTRATION_THROTTLE_PER_DOMAIN: '4',
      // the test plays clients behind a proxy on loopback
      TRUSTED_PROXIES: 'loopback',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('limits registrations per client IP: 429 problem+json with Retry-After', async () => {
    const ip = nextAddress();
    for (let i = 0; i < 3; i += 1) {
      await register(uniqueEmail('ip').replace('example.org', `d${i}.example`), ip).expect(201);
    }
    const blocked = await register(uniqueEmail('ip').replace('example.org', 'd9.example'), ip);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['content-type']).toMatch(PROBLEM);
    expect(blocked.body).toMatchObject({ status: 429, code: 'TOO_MANY_REGISTRATIONS' });
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(blocked.body.retryAfterSeconds).toBe(retryAfter);
    // nothing was written for the refused one, and another client is not affected
    await register(uniqueEmail('ip').replace('example.org', 'd9.example'), nextAddress()).expect(
      201,
    );
  });

  it('limits registrations per e-mail domain, across client IPs and letter case', async () => {
    const domain = `academy-${addressSequence}.example`;
    for (let i = 0; i < 4; i += 1) {
      const email = uniqueEmail('cohort').replace(
        'example.org',
        i === 0 ? domain.toUpperCase() : domain,
      );
      await register(email, nextAddress()).expect(201);
    }
    const ip = nextAddress();
    const blocked = await register(uniqueEmail('cohort').replace('example.org', domain), ip);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('TOO_MANY_REGISTRATIONS');
    await register(uniqueEmail('cohort').replace('example.org', `other-${domain}`), ip).expect(201);
  });

  it('does not count bodies refused by validation or the password policy', async () => {
    const ip = nextAddress();
    for (let i = 0; i < 5; i += 1) {
      await register(
        uniqueEmail('weak').replace('example.org', `w${i}.example`),
        ip,
        'aaaaaaaaaA',
      ).expect(400);
    }
    for (let i = 0; i < 3; i += 1) {
      await register(uniqueEmail('weak').replace('example.org', `w${i}.example`), ip).expect(201);
    }
  });

  it('counts attempts with a taken e-mail, so probing for addresses is limited too', async () => {
    const ip = nextAddress();
    const email = uniqueEmail('taken').replace('example.org', 'taken.example');
    await register(email, ip).expect(201);
    await register(email, ip).expect(409);
    await register(email, ip).expect(409);
    await register(email, ip).expect(429);
  });
});

describe('forwarded client addresses (HTTP)', () => {
  const attempt = (t: TestApp, from: string) =>
    t.http
      .post('/api/auth/login')
      .set('X-Forwarded-For', from)
      .send({ email: uniqueEmail('spray'), password: 'Wrong-password-1' });

  describe('with no TRUSTED_PROXIES', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({
        ...THROTTLE_ENV,
        LOGIN_THROTTLE_PER_IP: '3',
        REGISTRATION_THROTTLE_PER_IP: '2',
      });
    });

    afterAll(async () => {
      await t.close();
    });

    it('ignores X-Forwarded-For: a rotating one does not escape the per-IP sign-in limit', async () => {
      for (let i = 0; i < 3; i += 1) await attempt(t, nextAddress()).expect(401);
      const blocked = await attempt(t, nextAddress()).expect(429);
      expect(blocked.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    });

    it('nor the per-IP registration limit', async () => {
      for (let i = 0; i < 2; i += 1) {
        await t.http
          .post('/api/auth/register')
          .set('X-Forwarded-For', nextAddress())
          .send(
            makeTraineeRegistration({
              email: uniqueEmail().replace('example.org', `r${i}.example`),
            }),
          )
          .expect(201);
      }
      await t.http
        .post('/api/auth/register')
        .set('X-Forwarded-For', nextAddress())
        .send(
          makeTraineeRegistration({ email: uniqueEmail().replace('example.org', 'r9.example') }),
        )
        .expect(429);
    });
  });

  describe('with TRUSTED_PROXIES=127.0.0.1/8', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await createTestApp({
        ...THROTTLE_ENV,
        LOGIN_THROTTLE_PER_IP: '3',
        TRUSTED_PROXIES: '127.0.0.1/8',
      });
    });

    afterAll(async () => {
      await t.close();
    });

    it('counts per forwarded client address', async () => {
      for (let i = 0; i < 6; i += 1) await attempt(t, nextAddress()).expect(401);
      const client = nextAddress();
      for (let i = 0; i < 3; i += 1) await attempt(t, client).expect(401);
      await attempt(t, client).expect(429);
      // the client address is the last one added by a trusted proxy, not a spoofed first entry
      await attempt(t, `198.51.100.7, ${client}`).expect(429);
      await attempt(t, nextAddress()).expect(401);
    });
  });
});
