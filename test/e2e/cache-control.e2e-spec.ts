import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import {
  GOOD_PASSWORD,
  makeTrainer,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { bearer } from '../support/opportunity-factories.js';
import { skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  complete,
  createCohort,
  createCourse,
  enrol,
  profileIdOf,
} from '../support/training-factories.js';

/**
 * No answer with personal data or tokens may be kept by a browser or proxy cache: `no-store` by
 * default; only the public skills taxonomy is cacheable, briefly, and never its errors.
 */
describe('Cache-Control', () => {
  let t: TestApp;
  let trainee: SignedIn;
  let company: SignedIn;
  let skillId: string;
  let certificateCode: string;

  const noStore = (res: Response) => {
    const { method, url } = res.request as unknown as { method: string; url: string };
    expect({ route: `${method} ${url}`, cacheControl: res.headers['cache-control'] }).toEqual({
      route: `${method} ${url}`,
      cacheControl: 'no-store',
    });
  };

  beforeAll(async () => {
    t = await createTestApp();
    skillId = (await skillIds(t, ['JavaScript'])).JavaScript;
    [trainee, company] = await Promise.all([registerTrainee(t), registerCompany(t)]);
    const trainer = await makeTrainer(t);
    const course = await createCourse(t, trainer, [{ skillId, level: 3 }]);
    const cohort = await createCohort(t, trainer, course.id);
    const enrolment = await enrol(t, trainer, cohort.id, await profileIdOf(t, trainee));
    certificateCode = (await complete(t, trainer, enrolment.id, { score: 90 })).code;
  });

  afterAll(async () => {
    await t.close();
  });

  it('is no-store on answers with personal data or tokens', async () => {
    noStore(
      await t.http
        .post('/api/auth/login')
        .send({ email: trainee.email, password: GOOD_PASSWORD })
        .expect(200),
    );
    noStore(
      await t.http
        .get('/api/me')
        .auth(...bearer(trainee))
        .expect(200),
    );
    noStore(
      await t.http
        .get('/api/profiles/me')
        .auth(...bearer(trainee))
        .expect(200),
    );
    noStore(
      await t.http
        .get('/api/profiles/me/export')
        .auth(...bearer(trainee))
        .expect(200),
    );
    noStore(
      await t.http
        .get('/api/talent?q=a')
        .auth(...bearer(company))
        .expect(200),
    );
    // public, but names the holder and may be revoked at any time
    noStore(await t.http.get(`/api/certificates/${certificateCode}`).expect(200));
  });

  it('is no-store on errors and on the health checks', async () => {
    noStore(await t.http.get('/api/me').expect(401));
    noStore(await t.http.get('/api/nope').expect(404));
    noStore(await t.http.get('/nope').expect(404));
    noStore(await t.http.get('/api/skills/not-a-uuid').expect(400));
    noStore(await t.http.get('/health/live').expect(200));
    noStore(await t.http.get('/health/ready').expect(200));
  });

  it('lets the public skills taxonomy be cached for five minutes', async () => {
    const search = await t.http.get('/api/skills?q=javascript').expect(200);
    expect(search.headers['cache-control']).toBe('public, max-age=300');
    const one = await t.http.get(`/api/skills/${skillId}`).expect(200);
    expect(one.headers['cache-control']).toBe('public, max-age=300');
    // writes on the same controller stay uncached
    noStore(
      await t.http
        .post('/api/skills/resolve')
        .send({ labels: ['JS'] })
        .expect(200),
    );
  });
});
