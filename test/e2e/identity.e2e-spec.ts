import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { loginAdmin, registerTrainee } from '../support/factories.js';

describe('identity (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('registers a trainee who can read their own account', async () => {
    const trainee = await registerTrainee(t);
    const me = await t.http
      .get('/api/me')
      .auth(trainee.accessToken, { type: 'bearer' })
      .expect(200);
    expect(me.body).toEqual({
      id: trainee.id,
      email: trainee.email,
      displayName: 'Ana Petrović',
      role: 'trainee',
      organisationId: null,
    });
  });

  it('seeds the admin from ADMIN_EMAIL / ADMIN_PASSWORD', async () => {
    const admin = await loginAdmin(t);
    const me = await t.http.get('/api/me').auth(admin.accessToken, { type: 'bearer' }).expect(200);
    expect(me.body.role).toBe('admin');
  });

  it('refuses a request without a token with a 401 problem+json', async () => {
    const res = await t.http.get('/api/me').expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('UNAUTHENTICATED');
  });
});
