import type { SignedIn } from './factories.js';
import type { TestApp } from './test-app.js';

let sequence = 0;

async function created(
  t: TestApp,
  by: SignedIn,
  path: string,
  body: Record<string, unknown>,
): Promise<Record<string, unknown> & { id: string }> {
  const res = await t.http.post(path).auth(by.accessToken, { type: 'bearer' }).send(body);
  if (res.status !== 201) throw new Error(`POST ${path} failed: ${res.status} ${res.text}`);
  return res.body;
}

/** A valid programme body with a unique code; override any field. */
export function makeProgrammeBody(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return {
    name: 'Digital Skills for Western Balkans Youth',
    code: `WB-DIGI-${Date.now().toString(36).toUpperCase()}-${sequence}`,
    donor: 'European Union',
    countries: ['AL', 'RS', 'XK'],
    startsOn: '2026-01-01',
    endsOn: '2027-12-31',
    ...overrides,
  };
}

export function createProgramme(
  t: TestApp,
  admin: SignedIn,
  overrides: Record<string, unknown> = {},
) {
  return created(t, admin, '/api/programmes', makeProgrammeBody(overrides));
}

/** A valid course body for the trainer's own provider; override any field. */
export function makeCourseBody(
  providerId: string,
  skills: { skillId: string; level: number }[],
  overrides: Record<string, unknown> = {},
) {
  return {
    title: 'Customer support in English, level B2',
    providerId,
    skills,
    hours: 120,
    mode: 'blended',
    ...overrides,
  };
}

export function createCourse(
  t: TestApp,
  trainer: SignedIn,
  skills: { skillId: string; level: number }[],
  overrides: Record<string, unknown> = {},
) {
  return created(
    t,
    trainer,
    '/api/courses',
    makeCourseBody(trainer.organisationId as string, skills, overrides),
  );
}

export function makeCohortBody(overrides: Record<string, unknown> = {}) {
  return {
    startsOn: '2026-03-02',
    endsOn: '2026-05-29',
    location: 'Prishtina, ICK hub',
    capacity: 25,
    ...overrides,
  };
}

export function createCohort(
  t: TestApp,
  trainer: SignedIn,
  courseId: string,
  overrides: Record<string, unknown> = {},
) {
  return created(t, trainer, `/api/courses/${courseId}/cohorts`, makeCohortBody(overrides));
}

export function enrol(t: TestApp, trainer: SignedIn, cohortId: string, profileId: string) {
  return created(t, trainer, `/api/cohorts/${cohortId}/enrolments`, { profileId });
}

/** Completes the enrolment and returns the certificate `{ code, verifyUrl, ... }`. */
export async function complete(
  t: TestApp,
  trainer: SignedIn,
  enrolmentId: string,
  body: Record<string, unknown> = {},
): Promise<{ code: string; verifyUrl: string }> {
  const res = await t.http
    .post(`/api/enrolments/${enrolmentId}/complete`)
    .auth(trainer.accessToken, { type: 'bearer' })
    .send(body);
  if (res.status !== 201) throw new Error(`complete failed: ${res.status} ${res.text}`);
  return res.body;
}

/** The id of the trainee's own profile. */
export async function profileIdOf(t: TestApp, trainee: SignedIn): Promise<string> {
  const res = await t.http.get('/api/profiles/me').auth(trainee.accessToken, { type: 'bearer' });
  if (res.status !== 200) throw new Error(`profile failed: ${res.status} ${res.text}`);
  return res.body.id;
}
