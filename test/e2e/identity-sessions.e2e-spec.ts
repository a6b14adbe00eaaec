import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SessionTokensService } from '@app/identity';
import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  GOOD_PASSWORD,
  login,
  loginAdmin,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { sessionIdOf } from '../support/tokens.js';

const PROBLEM = /^application\/problem\+json/;
const NEW_PASSWORD = 'Fresh-spring-passphrase-7';

function fieldsOf(body: { errors?: { field: string }[] }): string[] {
  return (body.errors ?? []).map((e) => e.field);
}

/** Ending a session ends its access tokens at once, not when they expire. */
describe('sessions: revocation takes effect at once (HTTP)', () => {
  let t: TestApp;
  const bearer = (who: { accessToken: string }) => ({ Authorization: `Bearer ${who.accessToken}` });
  const me = (who: { accessToken: string }) => t.http.get('/api/me').set(bearer(who));
  const refresh = (refreshToken: string) => t.http.post('/api/auth/refresh').send({ refreshToken });
  const changePassword = (who: SignedIn, body: Record<string, unknown>) =>
    t.http.post('/api/me/password').set(bearer(who)).send(body);

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('puts the session id in every access token of a sign-in, and keeps it on refresh', async () => {
    const trainee = await registerTrainee(t);
    const refreshed = (await refresh(trainee.refreshToken).expect(200)).body;
    expect(sessionIdOf(refreshed.accessToken)).toBe(sessionIdOf(trainee.accessToken));
    const again = await login(t, trainee.email, GOOD_PASSWORD);
    expect(sessionIdOf(again.accessToken)).not.toBe(sessionIdOf(trainee.accessToken));
  });

  describe('logout', () => {
    it("ends that session's access tokens at once; the user's other sessions go on", async () => {
      const trainee = await registerTrainee(t);
      const second = await login(t, trainee.email, GOOD_PASSWORD);
      const refreshed = (await refresh(trainee.refreshToken).expect(200)).body;
      await me(trainee).expect(200);
      await t.http
        .post('/api/auth/logout')
        .set(bearer(refreshed))
        .send({ refreshToken: refreshed.refreshToken })
        .expect(204);
      for (const token of [trainee, refreshed]) {
        const res = await me(token).expect(401);
        expect(res.headers['content-type']).toMatch(PROBLEM);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
      await me(second).expect(200);
      await refresh(second.refreshToken).expect(200);
    });
  });

  describe('refresh-token reuse', () => {
    it("ends the family's access tokens, the newest included; other sign-ins go on", async () => {
      const trainee = await registerTrainee(t);
      const other = await login(t, trainee.email, GOOD_PASSWORD);
      const second = (await refresh(trainee.refreshToken).expect(200)).body;
      await me(second).expect(200);
      await refresh(trainee.refreshToken).expect(401); // a copy of the spent token is replayed
      await me(trainee).expect(401);
      await me(second).expect(401);
      await refresh(second.refreshToken).expect(401);
      await me(other).expect(200);
    });
  });

  describe('POST /api/me/password', () => {
    it('changes the password: 204, other sessions end, the current one goes on', async () => {
      const trainee = await registerTrainee(t);
      const phone = await login(t, trainee.email, GOOD_PASSWORD);
      const laptop = await login(t, trainee.email, GOOD_PASSWORD);
      const bystander = await registerTrainee(t);
      const res = await changePassword(laptop, {
        currentPassword: GOOD_PASSWORD,
        newPassword: NEW_PASSWORD,
      }).expect(204);
      expect(res.text).toBe('');

      for (const ended of [trainee, phone]) {
        await me(ended).expect(401);
        await refresh(ended.refreshToken).expect(401);
      }
      await me(laptop).expect(200);
      const rotated = (await refresh(laptop.refreshToken).expect(200)).body;
      await me(rotated).expect(200);
      await me(bystander).expect(200);

      await t.http
        .post('/api/auth/login')
        .send({ email: trainee.email, password: GOOD_PASSWORD })
        .expect(401);
      await login(t, trainee.email, NEW_PASSWORD);
    });

    it('refuses a wrong current password with 400 naming the field, changing nothing', async () => {
      const trainee = await registerTrainee(t);
      const phone = await login(t, trainee.email, GOOD_PASSWORD);
      const res = await changePassword(trainee, {
        currentPassword: 'Not-my-password-42',
        newPassword: NEW_PASSWORD,
      }).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(fieldsOf(res.body)).toEqual(['currentPassword']);
      await me(phone).expect(200);
      await login(t, trainee.email, GOOD_PASSWORD);
    });

    it.each([
      ['the e-mail address', (who: SignedIn) => who.email, 'must not be your e-mail address'],
      [
        'too few different characters',
        () => 'aaaaaaaaaA',
        'must use at least 5 different characters',
      ],
      ['a common password', () => 'Manchester', 'is one of the most common passwords'],
      ['the current password', () => GOOD_PASSWORD, 'must differ from the current password'],
    ])('applies the password policy to the new password (%s)', async (_case, make, message) => {
      const trainee = await registerTrainee(t);
      const phone = await login(t, trainee.email, GOOD_PASSWORD);
      const res = await changePassword(trainee, {
        currentPassword: GOOD_PASSWORD,
        newPassword: make(trainee),
      }).expect(400);
      expect(res.body.errors).toContainEqual({ field: 'newPassword', message });
      expect(new Set(fieldsOf(res.body))).toEqual(new Set(['newPassword']));
      await me(phone).expect(200);
    });

    it('refuses malformed bodies naming the fields', async () => {
      const trainee = await registerTrainee(t);
      const empty = await changePassword(trainee, {}).expect(400);
      expect(fieldsOf(empty.body)).toEqual(
        expect.arrayContaining(['currentPassword', 'newPassword']),
      );
      const wrongTypes = await changePassword(trainee, {
        currentPassword: 42,
        newPassword: ['x'],
        role: 'admin',
      }).expect(400);
      expect(fieldsOf(wrongTypes.body)).toEqual(
        expect.arrayContaining(['currentPassword', 'newPassword', 'role']),
      );
      await me(trainee).expect(200);
    });

    it('needs a signed-in caller, and ended sessions cannot use it', async () => {
      await t.http
        .post('/api/me/password')
        .send({ currentPassword: GOOD_PASSWORD, newPassword: NEW_PASSWORD })
        .expect(401);
      const trainee = await registerTrainee(t);
      await t.http
        .post('/api/auth/logout')
        .set(bearer(trainee))
        .send({ refreshToken: trainee.refreshToken })
        .expect(204);
      await changePassword(trainee, {
        currentPassword: GOOD_PASSWORD,
        newPassword: NEW_PASSWORD,
      }).expect(401);
    });

    it('works for every role, each changing only their own password', async () => {
      const company = await registerCompany(t);
      const admin = await loginAdmin(t);
      const adminPhone = await loginAdmin(t);
      await changePassword(company, {
        currentPassword: GOOD_PASSWORD,
        newPassword: NEW_PASSWORD,
      }).expect(204);
      await me(admin).expect(200);
      await me(adminPhone).expect(200);
      await login(t, company.email, NEW_PASSWORD);
    });
  });

  describe('SessionTokensService.revokeAllForUser', () => {
    it("ends every session of the user at once, and no one else's", async () => {
      const trainee = await registerTrainee(t);
      const phone = await login(t, trainee.email, GOOD_PASSWORD);
      const bystander = await registerTrainee(t);
      await t.app.get(SessionTokensService).revokeAllForUser(trainee.id);
      for (const ended of [trainee, phone]) {
        await me(ended).expect(401);
        await refresh(ended.refreshToken).expect(401);
      }
      await me(bystander).expect(200);
      const [{ open }] = await t.app
        .get(DataSource)
        .query(
          `SELECT count(*)::int AS open FROM sessions WHERE user_id = $1 AND revoked_at IS NULL`,
          [trainee.id],
        );
      expect(open).toBe(0);
      // signing in again starts a new session that works
      await me(await login(t, trainee.email, GOOD_PASSWORD)).expect(200);
    });
  });
});
