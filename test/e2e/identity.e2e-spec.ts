import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RegistrationHooks, UserAccountsService } from '@app/identity';
import { TransactionRunner } from '@app/database';
import { DataSource } from 'typeorm';
import { TEST_JWT_SECRET, createTestApp, type TestApp } from '../support/test-app.js';
import {
  GOOD_PASSWORD,
  createMember,
  createOrganisation,
  login,
  loginAdmin,
  makeBroker,
  makeCompanyRegistration,
  makeTraineeRegistration,
  registerCompany,
  registerTrainee,
  uniqueEmail,
  type SignedIn,
} from '../support/factories.js';
import { accessClaims, sessionIdOf, signJwt } from '../support/tokens.js';

const PROBLEM = /^application\/problem\+json/;

function fieldsOf(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}

describe('identity (HTTP)', () => {
  let t: TestApp;
  let admin: SignedIn;
  const bearer = (who: { accessToken: string }) => ({ Authorization: `Bearer ${who.accessToken}` });

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('registration', () => {
    it('registers a trainee, who can read their own account', async () => {
      const body = makeTraineeRegistration({ email: uniqueEmail('Mixed.Case').toUpperCase() });
      const res = await t.http.post('/api/auth/register').send(body).expect(201);
      expect(res.body).toEqual({
        user: {
          id: expect.any(String),
          email: body.email.toLowerCase(),
          displayName: 'Ana Petrović',
          role: 'trainee',
          organisationId: null,
          emailVerified: false,
          locale: 'en',
          timezone: 'Europe/Belgrade',
        },
        accessToken: expect.any(String),
        refreshToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        expiresIn: 900,
      });
      const me = await t.http.get('/api/me').set(bearer(res.body)).expect(200);
      expect(me.body).toEqual(res.body.user);
    });

    it('registers a company account with its organisation, owned by the user', async () => {
      const body = makeCompanyRegistration({ organisationCountry: 'xk' });
      const res = await t.http.post('/api/auth/register').send(body).expect(201);
      expect(res.body.user.role).toBe('company');
      const organisationId = res.body.user.organisationId as string;
      const org = await t.http
        .get(`/api/organisations/${organisationId}`)
        .set(bearer(res.body))
        .expect(200);
      expect(org.body).toMatchObject({
        id: organisationId,
        name: 'Balkan Code d.o.o.',
        type: 'company',
        country: 'XK',
        ownerUserId: res.body.user.id,
      });
    });

    it('requires organisationName for a company and refuses it for a trainee', async () => {
      const company = await t.http
        .post('/api/auth/register')
        .send(makeCompanyRegistration({ organisationName: undefined }))
        .expect(400);
      expect(fieldsOf(company.body)).toEqual(['organisationName']);
      const trainee = await t.http
        .post('/api/auth/register')
        .send(makeTraineeRegistration({ organisationName: 'Acme' }))
        .expect(400);
      expect(fieldsOf(trainee.body)).toEqual(['organisationName']);
    });

    it('refuses a taken e-mail with 409, whatever the letter case', async () => {
      const first = makeTraineeRegistration();
      await t.http.post('/api/auth/register').send(first).expect(201);
      const same = await t.http.post('/api/auth/register').send(first).expect(409);
      const upper = await t.http
        .post('/api/auth/register')
        .send(makeCompanyRegistration({ email: first.email.toUpperCase() }))
        .expect(409);
      expect(same.headers['content-type']).toMatch(PROBLEM);
      expect(same.body).toMatchObject({
        status: 409,
        code: 'EMAIL_TAKEN',
        detail: 'An account with this e-mail address already exists',
      });
      expect(upper.body).toEqual(same.body);
    });

    it('rolls a company registration back when the e-mail is taken (no orphan organisation)', async () => {
      const taken = await registerTrainee(t);
      const ds = t.app.get(DataSource);
      const [{ count: before }] = await ds.query(
        `SELECT count(*)::int AS count FROM organisations`,
      );
      await t.http
        .post('/api/auth/register')
        .send(makeCompanyRegistration({ email: taken.email, organisationName: 'Orphan Ltd' }))
        .expect(409);
      const [{ count: after }] = await ds.query(`SELECT count(*)::int AS count FROM organisations`);
      expect(after).toBe(before);
    });

    it.each([
      ['too short', 'Ab1-short'],
      ['one kind of character', 'onlylowercaseletters'],
      ['a very common password', 'Password123'],
    ])('refuses a weak password (%s) naming the field', async (_case, password) => {
      const res = await t.http
        .post('/api/auth/register')
        .send(makeTraineeRegistration({ password }))
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(['password']));
      expect(new Set(fieldsOf(res.body))).toEqual(new Set(['password']));
    });

    it.each([
      [
        'padded with invisible characters',
        `Ab1${'\u200B'.repeat(10)}`,
        'must be at least 10 characters long',
      ],
      [
        'short once accents are composed (NFKC)',
        'Ab1-e\u0301e\u0301e\u0301',
        'must be at least 10 characters long',
      ],
      [
        'with too few different characters',
        'aaaaaaaaaA',
        'must use at least 5 different characters',
      ],
      ['among the 10,000 most common', 'Manchester', 'is one of the most common passwords'],
      [
        'a common one with digits and symbols added',
        'Monkey2026!!',
        'is a common password with a few characters added or changed',
      ],
    ])('refuses a password %s, naming the field', async (_case, password, message) => {
      const body = makeTraineeRegistration({ password });
      const res = await t.http.post('/api/auth/register').send(body).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors).toContainEqual({ field: 'password', message });
      expect(new Set(fieldsOf(res.body))).toEqual(new Set(['password']));
      const [{ count }] = await t.app
        .get(DataSource)
        .query(`SELECT count(*)::int AS count FROM users WHERE email = $1`, [body.email]);
      expect(count).toBe(0);
    });

    it('refuses the e-mail address as password', async () => {
      const email = uniqueEmail('Self');
      const res = await t.http
        .post('/api/auth/register')
        .send(makeTraineeRegistration({ email, password: email }))
        .expect(400);
      expect(res.body.errors).toEqual([
        { field: 'password', message: 'must not be your e-mail address' },
      ]);
    });

    it.each(['not-an-email', 'a@b', '', 42])(
      'refuses a bad e-mail %p naming the field',
      async (email) => {
        const res = await t.http
          .post('/api/auth/register')
          .send(makeTraineeRegistration({ email }))
          .expect(400);
        expect(fieldsOf(res.body)).toContain('email');
      },
    );

    it('refuses unknown fields, a bad account type and a missing display name by name', async () => {
      const res = await t.http
        .post('/api/auth/register')
        .send({
          ...makeTraineeRegistration({ accountType: 'admin', displayName: '' }),
          role: 'admin',
        })
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(
        expect.arrayContaining(['accountType', 'displayName', 'role']),
      );
    });

    it('runs trainee hooks inside the registration transaction, rolling back when one fails', async () => {
      const hooks = t.app.get(RegistrationHooks);
      const seen: { id: string; visible: boolean }[] = [];
      let fail = false;
      hooks.onTraineeRegistered(async (manager, user) => {
        const rows = await manager.query(`SELECT id FROM users WHERE id = $1`, [user.id]);
        seen.push({ id: user.id, visible: rows.length === 1 });
        if (fail) throw new Error('hook failed');
      });
      const ok = await registerTrainee(t);
      expect(seen).toEqual([{ id: ok.id, visible: true }]);

      fail = true;
      const body = makeTraineeRegistration();
      await t.http.post('/api/auth/register').send(body).expect(500);
      fail = false;
      // nothing was kept: the same e-mail registers fine now
      await t.http.post('/api/auth/register').send(body).expect(201);
      await t.http.post('/api/auth/register').send(makeCompanyRegistration()).expect(201);
      expect(seen).toHaveLength(3); // company registrations do not run trainee hooks
    });
  });

  describe('sign-in', () => {
    it('signs in with the e-mail in any letter case', async () => {
      const trainee = await registerTrainee(t);
      const res = await t.http
        .post('/api/auth/login')
        .send({ email: trainee.email.toUpperCase(), password: GOOD_PASSWORD })
        .expect(200);
      expect(res.body.user.id).toBe(trainee.id);
      await t.http.get('/api/me').set(bearer(res.body)).expect(200);
    });

    it('answers a wrong password exactly like an unknown e-mail', async () => {
      const trainee = await registerTrainee(t);
      const wrong = await t.http
        .post('/api/auth/login')
        .send({ email: trainee.email, password: 'Wrong-password-42' })
        .expect(401);
      const unknown = await t.http
        .post('/api/auth/login')
        .send({ email: uniqueEmail('nobody'), password: 'Wrong-password-42' })
        .expect(401);
      expect(wrong.headers['content-type']).toMatch(PROBLEM);
      const { instance: _a, ...wrongBody } = wrong.body;
      const { instance: _b, ...unknownBody } = unknown.body;
      expect(wrongBody).toEqual(unknownBody);
      expect(wrongBody.code).toBe('INVALID_CREDENTIALS');
    });

    it('refuses a malformed login body with 400 naming the field', async () => {
      const res = await t.http
        .post('/api/auth/login')
        .send({ email: 'nope', password: 'x', extra: 1 })
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(['email', 'extra']));
      const missing = await t.http.post('/api/auth/login').send({}).expect(400);
      expect(fieldsOf(missing.body)).toEqual(expect.arrayContaining(['email', 'password']));
    });

    it('an erased user can never sign in again, and their tokens stop working', async () => {
      const trainee = await registerTrainee(t);
      await t.app
        .get(TransactionRunner)
        .run((manager) => t.app.get(UserAccountsService).eraseUser(manager, trainee.id));
      const res = await t.http
        .post('/api/auth/login')
        .send({ email: trainee.email, password: GOOD_PASSWORD })
        .expect(401);
      expect(res.body.code).toBe('INVALID_CREDENTIALS');
      await t.http.get('/api/me').set(bearer(trainee)).expect(401);
      await t.http
        .post('/api/auth/refresh')
        .send({ refreshToken: trainee.refreshToken })
        .expect(401);
      const [row] = await t.app
        .get(DataSource)
        .query(`SELECT email, display_name, password_hash, erased_at FROM users WHERE id = $1`, [
          trainee.id,
        ]);
      expect(row.email).toBe(`erased-${trainee.id}@erased.invalid`);
      expect(row.display_name).toBeNull();
      expect(row.password_hash).toBeNull();
      expect(row.erased_at).toBeInstanceOf(Date);
      // the address is free again
      await t.http
        .post('/api/auth/register')
        .send(makeTraineeRegistration({ email: trainee.email }))
        .expect(201);
    });
  });

  describe('refresh tokens', () => {
    it('rotates: the new pair works, the old refresh token does not', async () => {
      const trainee = await registerTrainee(t);
      const res = await t.http
        .post('/api/auth/refresh')
        .send({ refreshToken: trainee.refreshToken })
        .expect(200);
      expect(res.body.refreshToken).not.toBe(trainee.refreshToken);
      expect(res.body.user.id).toBe(trainee.id);
      await t.http.get('/api/me').set(bearer(res.body)).expect(200);
      const again = await t.http
        .post('/api/auth/refresh')
        .send({ refreshToken: trainee.refreshToken })
        .expect(401);
      expect(again.body.code).toBe('INVALID_REFRESH_TOKEN');
    });

    it('reuse of a spent token revokes the whole family, the newest token included', async () => {
      const trainee = await registerTrainee(t);
      const other = await login(t, trainee.email, GOOD_PASSWORD); // a second family
      const r2 = (
        await t.http
          .post('/api/auth/refresh')
          .send({ refreshToken: trainee.refreshToken })
          .expect(200)
      ).body.refreshToken as string;
      const r3 = (await t.http.post('/api/auth/refresh').send({ refreshToken: r2 }).expect(200))
        .body.refreshToken as string;
      // someone replays the first, spent token
      await t.http
        .post('/api/auth/refresh')
        .send({ refreshToken: trainee.refreshToken })
        .expect(401);
      await t.http.post('/api/auth/refresh').send({ refreshToken: r3 }).expect(401);
      // the other sign-in's family is untouched
      await t.http.post('/api/auth/refresh').send({ refreshToken: other.refreshToken }).expect(200);
    });

    it('two concurrent refreshes with one token: one wins, and the family is revoked', async () => {
      const trainee = await registerTrainee(t);
      const results = await Promise.all(
        [1, 2].map(() =>
          t.http.post('/api/auth/refresh').send({ refreshToken: trainee.refreshToken }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
      const winner = results.find((r) => r.status === 200);
      await t.http
        .post('/api/auth/refresh')
        .send({ refreshToken: winner?.body.refreshToken })
        .expect(401);
    });

    it('refuses an unknown or malformed refresh token', async () => {
      await t.http
        .post('/api/auth/refresh')
        .send({ refreshToken: 'A'.repeat(43) })
        .expect(401);
      const res = await t.http.post('/api/auth/refresh').send({ refreshToken: 7 }).expect(400);
      expect(fieldsOf(res.body)).toContain('refreshToken');
    });

    it('logout revokes the family; it needs a signed-in caller', async () => {
      const trainee = await registerTrainee(t);
      await t.http
        .post('/api/auth/logout')
        .send({ refreshToken: trainee.refreshToken })
        .expect(401);
      await t.http
        .post('/api/auth/logout')
        .set(bearer(trainee))
        .send({ refreshToken: trainee.refreshToken })
        .expect(204);
      await t.http
        .post('/api/auth/refresh')
        .send({ refreshToken: trainee.refreshToken })
        .expect(401);
    });

    it("logout with someone else's refresh token does not revoke it", async () => {
      const a = await registerTrainee(t);
      const b = await registerTrainee(t);
      await t.http
        .post('/api/auth/logout')
        .set(bearer(a))
        .send({ refreshToken: b.refreshToken })
        .expect(204);
      await t.http.post('/api/auth/refresh').send({ refreshToken: b.refreshToken }).expect(200);
    });
  });

  describe('access tokens', () => {
    let trainee: SignedIn;
    let other: SignedIn;
    /** Claims of a valid token of the trainee's session, with `overrides`. */
    const validClaims = (overrides: Record<string, unknown> = {}) =>
      accessClaims(trainee.id, { sid: sessionIdOf(trainee.accessToken), ...overrides });
    const now = () => Math.floor(Date.now() / 1000);

    beforeAll(async () => {
      trainee = await registerTrainee(t);
      other = await registerTrainee(t);
    });

    it('accepts a hand-made token with the right key and claims (control)', async () => {
      const token = signJwt(validClaims(), TEST_JWT_SECRET);
      await t.http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(200);
    });

    it.each([
      [
        'expired',
        () => signJwt(validClaims({ exp: Math.floor(Date.now() / 1000) - 5 }), TEST_JWT_SECRET),
      ],
      [
        'signed with another secret',
        () => signJwt(validClaims(), 'another-secret-another-secret-12345'),
      ],
      ['alg none', () => signJwt(validClaims(), '', { alg: 'none', typ: 'JWT' })],
      ['wrong audience', () => signJwt(validClaims({ aud: 'someone-else' }), TEST_JWT_SECRET)],
      ['wrong issuer', () => signJwt(validClaims({ iss: 'someone-else' }), TEST_JWT_SECRET)],
      ['HS512', () => signJwt(validClaims(), TEST_JWT_SECRET, { alg: 'HS512', typ: 'JWT' })],
      [
        'tampered (role changed after signing)',
        () => {
          const [header, , signature] = trainee.accessToken.split('.');
          const claims = JSON.parse(
            Buffer.from(trainee.accessToken.split('.')[1], 'base64url').toString(),
          );
          const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString(
            'base64url',
          );
          return `${header}.${forged}.${signature}`;
        },
      ],
      ['garbage', () => 'not.a.token'],
      ['without exp', () => signJwt(validClaims({ exp: undefined }), TEST_JWT_SECRET)],
      ['with a non-numeric exp', () => signJwt(validClaims({ exp: 'never' }), TEST_JWT_SECRET)],
      ['without iat', () => signJwt(validClaims({ iat: undefined }), TEST_JWT_SECRET)],
      [
        'issued in the future',
        () => signJwt(validClaims({ iat: now() + 3600, exp: now() + 3660 }), TEST_JWT_SECRET),
      ],
      [
        'living longer than an access token may (30 days)',
        () => signJwt(validClaims({ iat: now(), exp: now() + 30 * 86_400 }), TEST_JWT_SECRET),
      ],
      ['without a session id', () => signJwt(validClaims({ sid: undefined }), TEST_JWT_SECRET)],
      [
        'for an unknown session',
        () =>
          signJwt(validClaims({ sid: '00000000-0000-4000-8000-000000000001' }), TEST_JWT_SECRET),
      ],
      [
        "naming another user's session",
        () => signJwt(validClaims({ sid: sessionIdOf(other.accessToken) }), TEST_JWT_SECRET),
      ],
      [
        'for a subject that is not a user id',
        () => signJwt(accessClaims('not-a-uuid'), TEST_JWT_SECRET),
      ],
      [
        'for a user that does not exist',
        () => signJwt(accessClaims('00000000-0000-4000-8000-000000000000'), TEST_JWT_SECRET),
      ],
    ])('refuses a token that is %s with 401 problem+json', async (_case, make) => {
      const res = await t.http.get('/api/me').set('Authorization', `Bearer ${make()}`).expect(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    it('says when the token expired', async () => {
      const token = signJwt(
        validClaims({ exp: Math.floor(Date.now() / 1000) - 5 }),
        TEST_JWT_SECRET,
      );
      const res = await t.http.get('/api/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(res.body.detail).toMatch(/expired/);
    });

    it('takes the role from the database, not from the token', async () => {
      const token = signJwt(validClaims({ role: 'admin' }), TEST_JWT_SECRET);
      await t.http
        .post('/api/organisations')
        .set('Authorization', `Bearer ${token}`)
        .send({ name: 'Sneaky', type: 'company', country: 'RS' })
        .expect(403);
    });

    it('accepts the Authorization header in a CORS preflight', async () => {
      const res = await t.http
        .options('/api/me')
        .set('Origin', 'https://app.example.org')
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'authorization');
      expect(res.status).toBeLessThan(300);
      expect(String(res.headers['access-control-allow-headers'])).toMatch(/Authorization/i);
    });
  });

  describe('organisations', () => {
    it('only an admin creates organisations', async () => {
      const trainee = await registerTrainee(t);
      const company = await registerCompany(t);
      const broker = await makeBroker(t, admin);
      for (const who of [trainee, company, broker]) {
        const res = await t.http
          .post('/api/organisations')
          .set(bearer(who))
          .send({ name: 'Nope', type: 'company', country: 'RS' })
          .expect(403);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.body.code).toBe('FORBIDDEN');
      }
      await t.http
        .post('/api/organisations')
        .send({ name: 'Nope', type: 'company', country: 'RS' })
        .expect(401);
      const res = await t.http
        .post('/api/organisations')
        .set(bearer(admin))
        .send({ name: 'Skopje Freelancers Union', type: 'membership_org', country: 'mk' })
        .expect(201);
      expect(res.body).toMatchObject({
        name: 'Skopje Freelancers Union',
        type: 'membership_org',
        country: 'MK',
        ownerUserId: null,
      });
    });

    it('refuses malformed organisations naming the fields', async () => {
      const res = await t.http
        .post('/api/organisations')
        .set(bearer(admin))
        .send({ name: '', type: 'club', country: 'Serbia' })
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(['name', 'type', 'country']));
    });

    it('shows an organisation to its members and admins only', async () => {
      const company = await registerCompany(t);
      const stranger = await registerCompany(t);
      const trainee = await registerTrainee(t);
      const path = `/api/organisations/${company.organisationId}`;
      await t.http.get(path).set(bearer(company)).expect(200);
      await t.http.get(path).set(bearer(admin)).expect(200);
      await t.http.get(path).set(bearer(stranger)).expect(403);
      await t.http.get(path).set(bearer(trainee)).expect(403);
      const bad = await t.http.get('/api/organisations/not-a-uuid').set(bearer(admin)).expect(400);
      expect(fieldsOf(bad.body)).toEqual(['id']);
      await t.http
        .get('/api/organisations/00000000-0000-4000-8000-000000000000')
        .set(bearer(admin))
        .expect(404);
    });

    it('the first member of an admin-made organisation becomes its owner and adds colleagues', async () => {
      const orgId = await createOrganisation(t, admin, { type: 'membership_org' });
      const first = await t.http
        .post(`/api/organisations/${orgId}/members`)
        .set(bearer(admin))
        .send({
          email: uniqueEmail('broker'),
          displayName: 'Owner Broker',
          role: 'broker',
          password: GOOD_PASSWORD,
        })
        .expect(201);
      expect(first.body.isOwner).toBe(true);
      expect(first.body.user).toMatchObject({ role: 'broker', organisationId: orgId });
      expect(first.body.generatedPassword).toBeUndefined();
      const owner = await login(t, first.body.user.email, GOOD_PASSWORD);

      const colleague = await t.http
        .post(`/api/organisations/${orgId}/members`)
        .set(bearer(owner))
        .send({ email: uniqueEmail('broker'), displayName: 'Colleague', role: 'broker' })
        .expect(201);
      expect(colleague.body.isOwner).toBe(false);
      expect(colleague.body.generatedPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
      const signedIn = await login(t, colleague.body.user.email, colleague.body.generatedPassword);

      // a colleague who is not the owner cannot add people
      await t.http
        .post(`/api/organisations/${orgId}/members`)
        .set(bearer(signedIn))
        .send({ email: uniqueEmail('broker'), displayName: 'Third', role: 'broker' })
        .expect(403);
      const members = await t.http
        .get(`/api/organisations/${orgId}/members`)
        .set(bearer(signedIn))
        .expect(200);
      expect(members.body.map((m: { displayName: string }) => m.displayName)).toEqual([
        'Owner Broker',
        'Colleague',
      ]);
    });

    it('an owner cannot create members in another organisation', async () => {
      const ownerA = await makeBroker(t, admin);
      const orgB = await createOrganisation(t, admin, { type: 'membership_org', name: 'Org B' });
      await createMember(t, admin, orgB, 'broker');
      const res = await t.http
        .post(`/api/organisations/${orgB}/members`)
        .set(bearer(ownerA))
        .send({
          email: uniqueEmail('broker'),
          displayName: 'Intruder',
          role: 'broker',
          password: GOOD_PASSWORD,
        })
        .expect(403);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      const company = await registerCompany(t);
      await t.http
        .post(`/api/organisations/${orgB}/members`)
        .set(bearer(company))
        .send({ email: uniqueEmail('broker'), displayName: 'Intruder', role: 'broker' })
        .expect(403);
      const trainee = await registerTrainee(t);
      await t.http
        .post(`/api/organisations/${orgB}/members`)
        .set(bearer(trainee))
        .send({ email: uniqueEmail('broker'), displayName: 'Intruder', role: 'broker' })
        .expect(403);
    });

    it('a company owner adds a colleague to their own company', async () => {
      const company = await registerCompany(t);
      const res = await t.http
        .post(`/api/organisations/${company.organisationId}/members`)
        .set(bearer(company))
        .send({ email: uniqueEmail('colleague'), displayName: 'Colleague', role: 'company' })
        .expect(201);
      expect(res.body.user.organisationId).toBe(company.organisationId);
    });

    it.each([
      ['membership_org', 'trainer'],
      ['training_provider', 'broker'],
      ['company', 'broker'],
      ['membership_org', 'admin'],
      ['membership_org', 'trainee'],
    ] as const)(
      'refuses a member role that does not fit a %s (%s) naming role',
      async (type, role) => {
        const orgId = await createOrganisation(t, admin, { type });
        const res = await t.http
          .post(`/api/organisations/${orgId}/members`)
          .set(bearer(admin))
          .send({ email: uniqueEmail('x'), displayName: 'X', role })
          .expect(400);
        expect(fieldsOf(res.body)).toEqual(['role']);
      },
    );

    it('refuses malformed members naming the fields, and a taken e-mail with 409', async () => {
      const orgId = await createOrganisation(t, admin, { type: 'training_provider' });
      const res = await t.http
        .post(`/api/organisations/${orgId}/members`)
        .set(bearer(admin))
        .send({ email: 'nope', displayName: '', role: 'wizard', password: 'short' })
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(['email', 'displayName', 'role']));
      const weak = await t.http
        .post(`/api/organisations/${orgId}/members`)
        .set(bearer(admin))
        .send({ email: uniqueEmail('t'), displayName: 'T', role: 'trainer', password: 'short' })
        .expect(400);
      expect(new Set(fieldsOf(weak.body))).toEqual(new Set(['password']));
      const trainee = await registerTrainee(t);
      await t.http
        .post(`/api/organisations/${orgId}/members`)
        .set(bearer(admin))
        .send({ email: trainee.email.toUpperCase(), displayName: 'T', role: 'trainer' })
        .expect(409);
    });
  });
});
