import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  GOOD_PASSWORD,
  loginAdmin,
  makeBroker,
  makeCompanyRegistration,
  makeTrainer,
  makeTraineeRegistration,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import {
  WEBHOOK_TEST_ENV,
  createListing,
  createOpenWorkRequest,
  shortlist,
} from '../support/brokering-factories.js';
import {
  bearer,
  makeImportRow,
  makeListingBody,
  makeWorkRequestBody,
  resolvedPostings,
  type ResolvedPosting,
} from '../support/opportunity-factories.js';
import { makeProfileBody, putProfile } from '../support/profile-factories.js';
import {
  complete,
  createCohort,
  createCourse,
  enrol,
  makeCohortBody,
  makeCourseBody,
  makeProgrammeBody,
  profileIdOf,
} from '../support/training-factories.js';

/**
 * Throws arbitrary and half-valid JSON at every write route (POST, PUT, PATCH) as a caller of
 * the right role, and asserts the API never answers 5xx and answers every 4xx as problem+json.
 * Fixed seed, so a failure reproduces; FUZZ_SEED picks another and FUZZ_RUNS raises the count.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);

let sequence = 0;
/** Unique names for bodies that must not collide with earlier runs (skills, aliases). */
const unique = (): string => `${SEED}-${(sequence += 1)}`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const nested = (levels: number, asObject: boolean): Json => {
  let value: Json = 'x';
  for (let i = 0; i < levels; i += 1) value = asObject ? { a: value } : [value];
  return value;
};

const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  'Ana\u202Egpj.exe',
  '\u2066x\u2069',
  '\u200B',
  '\u200B\u200C\u2060\uFEFF',
  '\u3164',
  'bell\u0007',
  'c1\u0085',
  'line\nbreak',
  '\t',
  ' ',
  '',
  "'; DROP TABLE users; --",
  "x' OR id > 0",
  '%00',
  '\\',
  '"',
  '\ud800',
  '\udfff',
  '𝕏 👩‍💻',
  'Đorđe Ђорђе',
  'x'.repeat(5_001),
  '1e309',
  '-1',
  'NaN',
  'true',
  'null',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31T23:59:59Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'http://',
  'https://[::1]/',
  'javascript:alert(1)',
  '__proto__',
  'constructor',
  'en:B2;;de',
  ';;;',
];

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
);

const nastyLeaf: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: nastyString, weight: 4 },
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -1, 1.5, 0.001, 1e308, -1e308, 2 ** 53, 2 ** 31, 6),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom<Json>(
    [],
    {},
    [[]],
    [{}],
    [null],
    [''],
    nested(40, false),
    nested(40, true),
    nested(1_000, false),
  ),
);

const { value: nastyValue } = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: nastyLeaf, weight: 5 },
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(nastyString, fc.string({ maxLength: 8 })), tie('value'), {
      maxKeys: 3,
    }),
  ),
}));

type Path = (string | number)[];

/** Every place in a JSON value (not the root itself), down to a few levels. */
function pathsOf(value: Json, prefix: Path = []): Path[] {
  if (prefix.length >= 6) return [];
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => [[...prefix, i], ...pathsOf(item, [...prefix, i])]);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, item]) => [
      [...prefix, k],
      ...pathsOf(item, [...prefix, k]),
    ]);
  }
  return [];
}

interface Mutation {
  pick: number;
  op: 'set' | 'delete' | 'extra' | 'wrap';
  value: Json;
}

/**
 * Applies one mutation in place (to a fresh base body): replace, delete or wrap a value
 * somewhere, or add a key. Inserted values are copied, so generated values are never changed.
 */
function mutate(copy: Json, m: Mutation): Json {
  const value = JSON.parse(JSON.stringify(m.value)) as Json;
  const paths = pathsOf(copy);
  if (paths.length === 0) return value;
  const path = paths[m.pick % paths.length];
  const parentPath = path.slice(0, -1);
  const key = path[path.length - 1];
  let parent = copy as Record<string | number, Json>;
  for (const step of parentPath) parent = parent[step] as Record<string | number, Json>;
  switch (m.op) {
    case 'set':
      parent[key] = value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'wrap':
      parent[key] = m.pick % 2 === 0 ? [parent[key]] : { value: parent[key] };
      break;
    case 'extra':
      if (!Array.isArray(parent)) parent[`extra${m.pick % 7}`] = value;
      else parent.push(value);
      break;
  }
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  op: fc.constantFrom<Mutation['op']>('set', 'set', 'set', 'delete', 'extra', 'wrap'),
  value: nastyValue,
});

/** Mostly a valid body with one to three nasty changes; sometimes any JSON at all. */
const bodyFor = (base: () => Json): fc.Arbitrary<Json> =>
  fc.oneof(
    {
      arbitrary: fc
        .array(mutation, { minLength: 1, maxLength: 3 })
        .map((ms) => ms.reduce<Json>((body, m) => mutate(body, m), base())),
      weight: 5,
    },
    { arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>, weight: 1 },
    { arbitrary: nastyValue, weight: 1 },
  );

interface WriteRoute {
  method: 'post' | 'put' | 'patch';
  path: () => string;
  as?: () => SignedIn;
  base: () => Json;
  /** Reads the current ETag to send as If-Match. */
  ifMatch?: () => Promise<string>;
}

describe('every write route survives arbitrary JSON (property-based, HTTP)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let trainee: SignedIn;
  let company: SignedIn;
  let broker: SignedIn;
  let trainer: SignedIn;
  let postings: ResolvedPosting[];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(WEBHOOK_TEST_ENV);
    admin = await loginAdmin(t);
    [trainee, company, broker, trainer] = await Promise.all([
      registerTrainee(t),
      registerCompany(t),
      makeBroker(t, admin),
      makeTrainer(t, admin),
    ]);
    postings = await resolvedPostings(t, admin, 2);
    const skillId = postings[0].known[0].skillId;
    await putProfile(t, trainee, {
      skills: [{ skillId, level: 3 }],
      visibility: 'companies',
    });
    ids.profile = await profileIdOf(t, trainee);
    ids.workRequest = await createOpenWorkRequest(t, company, skillId);
    ids.listing = await createListing(t, broker, skillId);
    ids.match = await shortlist(t, broker, { profileId: ids.profile, listingId: ids.listing });
    ids.skill = skillId;
    ids.companyOrg = company.organisationId as string;
    const course = await createCourse(t, trainer, [{ skillId, level: 3 }]);
    ids.course = course.id;
    const cohort = await createCohort(t, trainer, course.id);
    ids.cohort = cohort.id;
    const enrolment = await enrol(t, trainer, cohort.id, ids.profile);
    ids.enrolment = enrolment.id;
    // A second trainee's completed enrolment gives a certificate to revoke.
    const other = await registerTrainee(t);
    await putProfile(t, other);
    const otherEnrolment = await enrol(t, trainer, cohort.id, await profileIdOf(t, other));
    ids.certificate = (await complete(t, trainer, otherEnrolment.id)).code;
    const savedSearch = await t.http
      .post('/api/saved-searches')
      .auth(...bearer(company))
      .send({ name: 'JavaScript', kind: 'talent', query: { skills: skillId }, alert: 'daily' });
    ids.savedSearch = savedSearch.body.id as string;
    // Many accounts and objects: generous on a busy machine.
  }, 180_000);

  afterAll(async () => {
    await t.close();
  });

  const profileEtag = async (): Promise<string> => {
    const res = await t.http.get('/api/profiles/me').auth(...bearer(trainee));
    return res.headers.etag as string;
  };

  const routes: Record<string, WriteRoute> = {
    'POST /api/auth/register (trainee)': {
      method: 'post',
      path: () => '/api/auth/register',
      base: () => makeTraineeRegistration(),
    },
    'POST /api/auth/register (company)': {
      method: 'post',
      path: () => '/api/auth/register',
      base: () => makeCompanyRegistration(),
    },
    'POST /api/auth/login': {
      method: 'post',
      path: () => '/api/auth/login',
      base: () => ({ email: trainee.email, password: 'wrong-password-123' }),
    },
    'POST /api/auth/refresh': {
      method: 'post',
      path: () => '/api/auth/refresh',
      base: () => ({ refreshToken: 'q1Zq7x6m9yq5oJ0cX0k1c3aUu1v2w3x4y5z6A7B8C9D' }),
    },
    'POST /api/auth/logout': {
      method: 'post',
      path: () => '/api/auth/logout',
      as: () => company,
      base: () => ({ refreshToken: 'q1Zq7x6m9yq5oJ0cX0k1c3aUu1v2w3x4y5z6A7B8C9D' }),
    },
    'POST /api/organisations': {
      method: 'post',
      path: () => '/api/organisations',
      as: () => admin,
      base: () => ({ name: 'Digital Serbia Initiative', type: 'membership_org', country: 'RS' }),
    },
    'POST /api/organisations/:id/members': {
      method: 'post',
      path: () => `/api/organisations/${ids.companyOrg}/members`,
      as: () => admin,
      base: () => ({
        email: makeTraineeRegistration().email,
        displayName: 'Marko Jovanović',
        role: 'company',
        password: GOOD_PASSWORD,
      }),
    },
    'PUT /api/profiles/me': {
      method: 'put',
      path: () => '/api/profiles/me',
      as: () => trainee,
      base: () => makeProfileBody({ skills: [{ skillId: ids.skill, level: 3, years: 2 }] }) as Json,
      ifMatch: profileEtag,
    },
    'PUT /api/profiles/me/inclusion': {
      method: 'put',
      path: () => '/api/profiles/me/inclusion',
      as: () => trainee,
      base: () => ({
        sex: 'female',
        birthYear: 1999,
        groups: ['rural'],
        consentToReporting: true,
      }),
    },
    'POST /api/programmes': {
      method: 'post',
      path: () => '/api/programmes',
      as: () => admin,
      base: () =>
        makeProgrammeBody({
          partners: [broker.organisationId],
          priorities: [
            { kind: 'sex', value: 'female' },
            { kind: 'age', min: 15, max: 29 },
          ],
        }) as Json,
    },
    'POST /api/courses': {
      method: 'post',
      path: () => '/api/courses',
      as: () => trainer,
      base: () =>
        makeCourseBody(trainer.organisationId as string, [{ skillId: ids.skill, level: 3 }]),
    },
    'POST /api/courses/:id/cohorts': {
      method: 'post',
      path: () => `/api/courses/${ids.course}/cohorts`,
      as: () => trainer,
      base: () => makeCohortBody(),
    },
    'POST /api/cohorts/:id/enrolments': {
      method: 'post',
      path: () => `/api/cohorts/${ids.cohort}/enrolments`,
      as: () => trainer,
      base: () => ({ profileId: ids.profile }),
    },
    'POST /api/enrolments/:id/complete': {
      method: 'post',
      path: () => `/api/enrolments/${ids.enrolment}/complete`,
      as: () => trainer,
      base: () => ({ score: 87 }),
    },
    'POST /api/certificates/:code/revoke': {
      method: 'post',
      path: () => `/api/certificates/${ids.certificate}/revoke`,
      as: () => trainer,
      base: () => ({ reason: 'Assessment found to be copied' }),
    },
    'POST /api/work-requests': {
      method: 'post',
      path: () => '/api/work-requests',
      as: () => company,
      base: () => makeWorkRequestBody(postings[0], { programmeId: null }) as Json,
    },
    'PATCH /api/work-requests/:id': {
      method: 'patch',
      path: () => `/api/work-requests/${ids.workRequest}`,
      as: () => company,
      base: () => makeWorkRequestBody(postings[1]) as Json,
    },
    'POST /api/listings': {
      method: 'post',
      path: () => '/api/listings',
      as: () => broker,
      base: () => makeListingBody(postings[0], { status: 'draft' }) as Json,
    },
    'PATCH /api/listings/:id': {
      method: 'patch',
      path: () => `/api/listings/${ids.listing}`,
      as: () => broker,
      base: () => makeListingBody(postings[1]) as Json,
    },
    'POST /api/listings/import': {
      method: 'post',
      path: () => '/api/listings/import',
      as: () => broker,
      base: () =>
        postings.map((p) => makeImportRow(p, [p.known[0].label, ...p.unknown.slice(0, 1)])),
    },
    'POST /api/matches': {
      method: 'post',
      path: () => '/api/matches',
      as: () => broker,
      base: () => ({ profileId: ids.profile, listingId: ids.listing, note: 'Strong portfolio' }),
    },
    'POST /api/matches (a trainee applies)': {
      method: 'post',
      path: () => '/api/matches',
      as: () => trainee,
      base: () => ({ listingId: ids.listing, note: 'I can start Monday' }),
    },
    'POST /api/matches/:id/transitions': {
      method: 'post',
      path: () => `/api/matches/${ids.match}/transitions`,
      as: () => broker,
      base: () => ({ to: 'invited', note: 'Interview went well', agreedRateEur: 14.5 }),
    },
    'POST /api/matches/:id/rating': {
      method: 'post',
      path: () => `/api/matches/${ids.match}/rating`,
      as: () => trainee,
      base: () => ({ rating: 4, comment: 'Clear tasks' }),
    },
    'POST /api/webhooks': {
      method: 'post',
      path: () => '/api/webhooks',
      as: () => broker,
      base: () => ({ url: 'http://127.0.0.1:9/hooks', events: ['match.invited'] }),
    },
    'POST /api/skills/resolve': {
      method: 'post',
      path: () => '/api/skills/resolve',
      base: () => ({ labels: ['nodejs', 'React.js', 'MS Excel'] }),
    },
    'POST /api/skills': {
      method: 'post',
      path: () => '/api/skills',
      as: () => admin,
      base: () => ({
        name: `Skill ${unique()}`,
        category: 'digital',
        description: 'A skill for tests',
        aliases: [{ label: 'alias', lang: 'en' }],
      }),
    },
    'PUT /api/skills/:id/labels/:locale': {
      method: 'put',
      path: () => `/api/skills/${ids.skill}/labels/sq`,
      as: () => admin,
      base: () => ({ label: `etiketë ${unique()}` }),
    },
    'POST /api/skills/extract': {
      method: 'post',
      path: () => '/api/skills/extract',
      as: () => company,
      base: () => ({ text: 'You will answer customer calls in MS Excel and Docker.', limit: 5 }),
    },
    'POST /api/profiles/me/skills/suggest': {
      method: 'post',
      path: () => '/api/profiles/me/skills/suggest',
      as: () => trainee,
      base: () => ({ text: 'Two years of customer support; daily work in MS Excel.' }),
    },
    'POST /api/me/password': {
      method: 'post',
      path: () => '/api/me/password',
      as: () => company,
      // a wrong current password: the account keeps its password whatever the body
      base: () => ({
        currentPassword: 'not-the-password-1',
        newPassword: 'Lake-Ohrid-sunrise-2026',
      }),
    },
    'POST /api/auth/password-reset': {
      method: 'post',
      path: () => '/api/auth/password-reset',
      base: () => ({ email: 'nobody@talentbridge.test' }),
    },
    'POST /api/auth/password-reset/confirm': {
      method: 'post',
      path: () => '/api/auth/password-reset/confirm',
      base: () => ({
        token: 'q1Zq7x6m9yq5oJ0cX0k1c3aUu1v2w3x4',
        password: 'Lake-Ohrid-sunrise-2026',
      }),
    },
    'POST /api/auth/verify-email': {
      method: 'post',
      path: () => '/api/auth/verify-email',
      base: () => ({ token: 'q1Zq7x6m9yq5oJ0cX0k1c3aUu1v2w3x4' }),
    },
    'PATCH /api/me': {
      method: 'patch',
      path: () => '/api/me',
      as: () => trainee,
      base: () => ({ displayName: 'Ana Petrović', locale: 'sq', timezone: 'Europe/Skopje' }),
    },
    'POST /api/notifications/read': {
      method: 'post',
      path: () => '/api/notifications/read',
      as: () => trainee,
      base: () => ({ ids: ['00000000-0000-4000-8000-000000000000'] }),
    },
    'PUT /api/me/notification-preferences': {
      method: 'put',
      path: () => '/api/me/notification-preferences',
      as: () => trainee,
      base: () => ({ email: { 'match.invited': true }, digest: 'instant' }),
    },
    'PUT /api/work-requests/:id/programme': {
      method: 'put',
      path: () => `/api/work-requests/${ids.workRequest}/programme`,
      as: () => admin,
      base: () => ({ programmeId: null }),
    },
    'POST /api/listings/:id/flags': {
      method: 'post',
      path: () => `/api/listings/${ids.listing}/flags`,
      as: () => broker,
      base: () => ({ reason: 'fee_requested', note: 'Asked for 30 EUR up front.' }),
    },
    'POST /api/surveys/:token': {
      method: 'post',
      path: () => `/api/surveys/${'q1Zq7x6m9yq5oJ0cX0k1c3aUu1v2w3x4q1Zq7x6m9yq'}`,
      base: () => ({
        status: 'freelance',
        monthlyIncomeEur: 850,
        hoursPerWeek: 30,
        sector: 'ict',
        sameEngagement: true,
      }),
    },
    'POST /api/surveys/respond': {
      method: 'post',
      path: () => '/api/surveys/respond?token=q1Zq7x6m9yq5oJ0cX0k1c3aUu1v2w3x4q1Zq7x6m9yq',
      base: () => ({ status: 'employed', monthlyIncomeEur: 700 }),
    },
    'POST /api/profiles/me/surveys/:id': {
      method: 'post',
      path: () => '/api/profiles/me/surveys/00000000-0000-4000-8000-000000000000',
      as: () => trainee,
      base: () => ({ status: 'employed', monthlyIncomeEur: 700, hoursPerWeek: 40 }),
    },
    'POST /api/saved-searches (talent)': {
      method: 'post',
      path: () => '/api/saved-searches',
      as: () => company,
      base: () => ({
        name: 'JavaScript in Kosovo',
        kind: 'talent',
        query: { q: 'react', skills: ids.skill, countries: 'XK,AL', languages: 'en:B2' },
        alert: 'instant',
      }),
    },
    'POST /api/saved-searches (opportunities)': {
      method: 'post',
      path: () => '/api/saved-searches',
      as: () => trainee,
      base: () => ({
        name: 'Remote work',
        kind: 'opportunities',
        query: { q: 'support', countries: ['XK'], workModes: ['remote'], kind: 'listing' },
        alert: 'daily',
      }),
    },
    'PATCH /api/saved-searches/:id': {
      method: 'patch',
      path: () => `/api/saved-searches/${ids.savedSearch}`,
      as: () => company,
      base: () => ({ name: 'Renamed', query: { countries: 'RS' }, alert: 'weekly' }),
    },
    'POST /api/skills/:id/aliases': {
      method: 'post',
      path: () => `/api/skills/${ids.skill}/aliases`,
      as: () => admin,
      base: () => ({ label: `alias ${unique()}`, lang: 'sr' }),
    },
  };

  it.each(Object.keys(routes))('%s: no 5xx, every 4xx is problem+json', async (name) => {
    const route = routes[name];
    await fc.assert(
      fc.asyncProperty(bodyFor(route.base), async (body) => {
        let req = t.http[route.method](route.path()).set('Content-Type', 'application/json');
        const as = route.as?.();
        if (as !== undefined) req = req.auth(...bearer(as));
        if (route.ifMatch !== undefined) req = req.set('If-Match', await route.ifMatch());
        const res = await req.send(JSON.stringify(body));
        if (res.status >= 500) {
          throw new Error(
            `${name} answered ${res.status} (seed ${SEED}) to ${JSON.stringify(body).slice(0, 600)}: ${res.text.slice(0, 300)}`,
          );
        }
        if (res.status >= 400) {
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body.status).toBe(res.status);
        }
      }),
      { seed: SEED, numRuns: RUNS, verbose: 1 },
    );
  });
});
