import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboxRelay } from '@app/search';
import {
  loginAdmin,
  makeBroker,
  makeTrainer,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { bearer, inDays, uniqueSourceUrl } from '../support/opportunity-factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  createCohort,
  createCourse,
  createProgramme,
  enrol,
} from '../support/training-factories.js';

interface Gap {
  kind: string;
  detail: string;
  skillId?: string;
  name?: string | null;
  code?: string;
  required?: number | string;
  has?: number | string;
  courses?: {
    courseId: string;
    title: string;
    cohortId: string;
    startsOn: string;
    startsBeforeDeadline: boolean;
  }[];
}

interface Item {
  profile: Record<string, unknown> & { id: string };
  score: number;
  explanation: {
    priorityBoost?: unknown;
    components: Record<string, number>;
  };
  nearMiss?: boolean;
  gaps?: Gap[];
}

interface Recommendation {
  opportunity: { id: string; title: string };
  score: number;
  nearMiss?: boolean;
  gaps?: Gap[];
}

const day = (n: number): string => inDays(n).slice(0, 10);

/**
 * When nobody fits a request, brokers and companies see who fails exactly one hard constraint
 * by a little — named, in words, with the courses that close a missing skill — and trainees see
 * the opportunities one step away. The same visibility and priority rules as candidates hold.
 */
describe('near misses (HTTP)', () => {
  let t: TestApp;
  let skills: Record<string, string>;
  let company: SignedIn;
  let broker: SignedIn;
  let partnerBroker: SignedIn;
  let trainer: SignedIn;
  let shortTrainee: SignedIn;
  const ids: Record<string, string> = {};
  let hardRequest: string; // nobody meets it fully
  let easyRequest: string; // the German B1 speaker meets it
  let listingId: string;
  const courseIds: Record<string, string> = {};
  const cohortIds: Record<string, string> = {};

  const get = async <T = Item[]>(who: SignedIn, path: string): Promise<T> => {
    const res = await t.http.get(path).auth(...bearer(who));
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${res.text}`);
    return res.body as T;
  };
  const nearMissesOf = (items: Item[]) => items.filter((m) => m.nearMiss === true);
  const byId = (items: Item[]) => new Map(items.map((m) => [m.profile.id, m]));

  /** Eligible for the hard request, except for what `extra` changes. */
  const fitting = (extra: Record<string, unknown> = {}) => ({
    country: 'RS',
    city: 'Novi Sad',
    skills: [
      { skillId: skills.JavaScript, level: 3, years: 2 },
      { skillId: skills.SQL, level: 2 },
    ],
    languages: [
      { code: 'de', level: 'B2' },
      { code: 'en', level: 'C1' },
    ],
    workModes: ['hybrid', 'remote'],
    engagementTypes: ['part_time', 'freelance'],
    hoursPerWeek: 30,
    availableFrom: day(1),
    hourlyRateEur: 15,
    visibility: 'companies',
    openToWork: true,
    ...extra,
  });

  async function person(key: string, body: Record<string, unknown>, inclusion?: object) {
    const trainee = await registerTrainee(t, { displayName: `Person ${key}` });
    ids[key] = (await putProfile(t, trainee, body)).id;
    if (inclusion !== undefined) {
      await t.http
        .put('/api/profiles/me/inclusion')
        .auth(...bearer(trainee))
        .send(inclusion)
        .expect(204);
    }
    return trainee;
  }

  async function openRequest(body: Record<string, unknown>): Promise<string> {
    const created = await t.http
      .post('/api/work-requests')
      .auth(...bearer(company))
      .send({
        description: 'A shop front-end, with the team in Novi Sad two days a week',
        budget: { type: 'hourly', minEur: 10, maxEur: 20 },
        openings: 1,
        ...body,
      })
      .expect(201);
    await t.http
      .post(`/api/work-requests/${created.body.id}/publish`)
      .auth(...bearer(company))
      .expect(200);
    return created.body.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp();
    skills = await skillIds(t, ['JavaScript', 'SQL']);
    const admin = await loginAdmin(t);
    company = await registerCompany(t);
    broker = await makeBroker(t, admin);
    partnerBroker = await makeBroker(t, admin);
    trainer = await makeTrainer(t, admin);
    const programme = await createProgramme(t, admin, {
      partners: [partnerBroker.organisationId],
      priorities: [{ kind: 'sex', value: 'female' }],
    });

    // one gap each, of every kind
    await person('skillMissing', fitting({ skills: [{ skillId: skills.SQL, level: 4 }] }));
    shortTrainee = await person(
      'skillLevel',
      fitting({
        skills: [
          { skillId: skills.JavaScript, level: 2 },
          { skillId: skills.SQL, level: 2 },
        ],
      }),
    );
    await person(
      'language',
      fitting({
        languages: [
          { code: 'de', level: 'B1' },
          { code: 'en', level: 'C1' },
        ],
      }),
      { sex: 'female', birthYear: 1995, consentToReporting: true },
    );
    await person('distance', fitting({ city: 'Belgrade' }));
    await person('availability', fitting({ availableFrom: day(26) }));
    await person('workMode', fitting({ workModes: ['remote'] }));
    await person('engagement', fitting({ engagementTypes: ['freelance'] }));
    // not near misses: two constraints, too far off, not open, or brokers only
    await person(
      'twoGaps',
      fitting({
        workModes: ['remote'],
        languages: [
          { code: 'de', level: 'B1' },
          { code: 'en', level: 'C1' },
        ],
      }),
    );
    await person(
      'twoLevelsShort',
      fitting({
        skills: [
          { skillId: skills.JavaScript, level: 1 },
          { skillId: skills.SQL, level: 2 },
        ],
      }),
    );
    await person('tooLate', fitting({ availableFrom: day(45) }));
    await person('closed', fitting({ workModes: ['remote'], openToWork: false }));
    await person('brokersOnly', fitting({ workModes: ['remote'], visibility: 'brokers' }));
    await person('private', fitting({ workModes: ['remote'], visibility: 'private' }));

    hardRequest = await openRequest({
      title: 'Front-end developer, hybrid in Novi Sad',
      skills: [
        { skillId: skills.JavaScript, minLevel: 3, mustHave: true },
        { skillId: skills.SQL, minLevel: 2, mustHave: false },
      ],
      languages: [{ code: 'de', minLevel: 'B2' }],
      engagementType: 'part_time',
      workMode: 'hybrid',
      countries: ['RS'],
      city: 'Novi Sad',
      radiusKm: 55,
      deadline: inDays(20),
    });
    await t.http
      .put(`/api/work-requests/${hardRequest}/programme`)
      .auth(...bearer(partnerBroker))
      .send({ programmeId: programme.id })
      .expect(200);
    easyRequest = await openRequest({
      title: 'Remote JavaScript fixes',
      skills: [{ skillId: skills.JavaScript, minLevel: 2, mustHave: true }],
      languages: [{ code: 'de', minLevel: 'B1' }],
      engagementType: 'freelance',
      workMode: 'remote',
      deadline: inDays(20),
    });

    // courses that teach JavaScript: at level 4 starting before the deadline, at level 3
    // starting after it; and three that must not be offered (too low, started, full)
    const course = async (key: string, title: string, level: number, startsIn: number) => {
      courseIds[key] = (
        await createCourse(t, trainer, [{ skillId: skills.JavaScript, level }], { title })
      ).id;
      cohortIds[key] = (
        await createCohort(t, trainer, courseIds[key], {
          startsOn: day(startsIn),
          endsOn: day(startsIn + 60),
          capacity: key === 'full' ? 1 : 20,
        })
      ).id;
    };
    await course('after', 'JavaScript for web shops', 3, 40);
    await course('before', 'Modern JavaScript', 4, 10);
    await course('tooLow', 'JavaScript first steps', 2, 5);
    await course('started', 'JavaScript evening class', 3, -3);
    await course('full', 'JavaScript bootcamp', 5, 7);
    await enrol(t, trainer, cohortIds.full, ids.twoGaps);

    const imported = await t.http
      .post('/api/listings/import')
      .auth(...bearer(broker))
      .send([
        {
          title: 'JavaScript widget, German-speaking client',
          description: 'Small fixes to a widget',
          skills: 'JavaScript',
          source: 'upwork',
          sourceUrl: uniqueSourceUrl(),
          engagementType: 'part_time',
          workMode: 'hybrid',
          languages: 'de:B2',
          openings: 1,
          deadline: inDays(20),
        },
      ])
      .expect(200);
    expect(imported.body.created).toBe(1);
    const listings = await t.http
      .get('/api/listings')
      .auth(...bearer(broker))
      .expect(200);
    listingId = listings.body.items[0].id;
    await t.app.get(OutboxRelay).drain();
  }, 240_000);

  afterAll(async () => {
    await t.close();
  });

  it('a request nobody fully meets has no candidates, and near misses only when asked for', async () => {
    expect(await get(broker, `/api/work-requests/${hardRequest}/candidates`)).toEqual([]);
    const items = await get(broker, `/api/work-requests/${hardRequest}/candidates?nearMisses=true`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((m) => m.nearMiss === true && m.gaps?.length === 1)).toBe(true);
  });

  it('names the single failed constraint, one case per kind of gap', async () => {
    const items = byId(
      await get(broker, `/api/work-requests/${hardRequest}/candidates?nearMisses=true`),
    );
    const gapOf = (key: string): Gap => {
      const m = items.get(ids[key]);
      if (m === undefined) throw new Error(`${key} is not a near miss`);
      expect(m.gaps).toHaveLength(1);
      return (m.gaps as Gap[])[0];
    };
    expect(gapOf('skillMissing')).toMatchObject({
      kind: 'skill_missing',
      skillId: skills.JavaScript,
      name: 'JavaScript',
      required: 3,
      detail: 'No JavaScript on the profile; level 3 is asked for (must-have)',
    });
    expect(gapOf('skillLevel')).toMatchObject({
      kind: 'skill_level',
      skillId: skills.JavaScript,
      required: 3,
      has: 2,
      detail: 'JavaScript at level 2; level 3 is asked for (must-have)',
    });
    expect(gapOf('language')).toMatchObject({
      kind: 'language',
      code: 'de',
      required: 'B2',
      has: 'B1',
      detail: 'German at B1; B2 is asked for',
    });
    const distance = gapOf('distance');
    expect(distance).toMatchObject({ kind: 'distance', required: 55 });
    expect(distance.has).toBeGreaterThan(55);
    expect(distance.has).toBeLessThanOrEqual(82.5);
    expect(distance.detail).toMatch(/^Lives about \d+ km away; the work asks for at most 55 km/);
    const late = gapOf('availability');
    expect(late).toMatchObject({ kind: 'availability', required: day(20), has: day(26) });
    expect(late.detail).toMatch(
      new RegExp(`^Available from ${day(26)}, [56] days after the deadline`),
    );
    expect(gapOf('workMode')).toMatchObject({
      kind: 'work_mode',
      required: 'hybrid',
      detail: 'Did not tick hybrid work (ticked: remote work)',
    });
    expect(gapOf('engagement')).toMatchObject({
      kind: 'engagement',
      required: 'part_time',
      detail: 'Did not tick part-time work (ticked: freelance)',
    });
    // courses only on skill gaps
    expect(gapOf('language').courses).toBeUndefined();
  });

  it('someone failing two constraints, or one by too much, is not a near miss', async () => {
    const items = byId(
      await get(broker, `/api/work-requests/${hardRequest}/candidates?nearMisses=true`),
    );
    for (const key of ['twoGaps', 'twoLevelsShort', 'tooLate', 'closed', 'private']) {
      expect([key, items.has(ids[key])]).toEqual([key, false]);
    }
  });

  it('lists open cohorts of courses teaching the missing skill at the level, starting before the deadline first', async () => {
    const items = byId(
      await get(broker, `/api/work-requests/${hardRequest}/candidates?nearMisses=true`),
    );
    for (const key of ['skillMissing', 'skillLevel']) {
      const courses = items.get(ids[key])?.gaps?.[0].courses;
      expect(courses).toEqual([
        {
          courseId: courseIds.before,
          title: 'Modern JavaScript',
          cohortId: cohortIds.before,
          startsOn: day(10),
          endsOn: day(70),
          startsBeforeDeadline: true,
        },
        {
          courseId: courseIds.after,
          title: 'JavaScript for web shops',
          cohortId: cohortIds.after,
          startsOn: day(40),
          endsOn: day(100),
          startsBeforeDeadline: false,
        },
      ]);
    }
  });

  it('near misses are ranked by the same score, after the eligible candidates, which are unchanged', async () => {
    const plain = await get(company, `/api/work-requests/${easyRequest}/candidates`);
    const withNear = await get(
      company,
      `/api/work-requests/${easyRequest}/candidates?nearMisses=true`,
    );
    expect(plain.map((m) => m.profile.id)).toContain(ids.language);
    expect(withNear.slice(0, plain.length)).toEqual(plain);
    const near = withNear.slice(plain.length);
    expect(near.every((m) => m.nearMiss === true)).toBe(true);
    const scores = near.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const m of near) {
      const sum = Object.values(m.explanation.components).reduce((s, v) => s + v, 0);
      expect(sum).toBeCloseTo(m.score, 5);
    }
  });

  it('limit caps the near misses too', async () => {
    const all = nearMissesOf(
      await get(broker, `/api/work-requests/${hardRequest}/candidates?nearMisses=true`),
    );
    expect(all.length).toBeGreaterThan(2);
    const two = await get(
      broker,
      `/api/work-requests/${hardRequest}/candidates?nearMisses=true&limit=2`,
    );
    expect(two.map((m) => m.profile.id)).toEqual(all.slice(0, 2).map((m) => m.profile.id));
  });

  it('a company never sees a near miss it could not see as a candidate, nor a priority', async () => {
    const forCompany = await get(
      company,
      `/api/work-requests/${hardRequest}/candidates?nearMisses=true&limit=100`,
    );
    const forBroker = await get(
      broker,
      `/api/work-requests/${hardRequest}/candidates?nearMisses=true&limit=100`,
    );
    const seenByCompany = forCompany.map((m) => m.profile.id);
    // the brokers-only person is a near miss for a broker, never for the company
    expect(forBroker.map((m) => m.profile.id)).toContain(ids.brokersOnly);
    expect(seenByCompany).not.toContain(ids.brokersOnly);
    expect(seenByCompany).not.toContain(ids.private);
    expect(seenByCompany).toEqual(
      expect.arrayContaining([ids.skillMissing, ids.language, ids.workMode]),
    );
    // the profile a company sees of a near miss is the one it sees of a candidate
    const asCandidate = (await get(company, `/api/work-requests/${easyRequest}/candidates`)).find(
      (m) => m.profile.id === ids.language,
    );
    const asNearMiss = forCompany.find((m) => m.profile.id === ids.language);
    expect(asNearMiss?.profile).toEqual(asCandidate?.profile);
    const text = JSON.stringify(forCompany);
    expect(text).not.toMatch(/@|priority|inclusion|birthYear|"sex"/);
    // the programme's partner sees the boost on the consenting woman; the company does not
    const forPartner = byId(
      await get(partnerBroker, `/api/work-requests/${hardRequest}/candidates?nearMisses=true`),
    );
    expect(forPartner.get(ids.language)?.explanation.priorityBoost).toMatchObject({
      applied: true,
      category: 'women',
    });
    expect(asNearMiss?.explanation.priorityBoost).toBeUndefined();
    expect(asNearMiss?.explanation.components.priority).toBeUndefined();
  });

  it('a listing lists near misses for the brokers of its organisation', async () => {
    const items = byId(await get(broker, `/api/listings/${listingId}/candidates?nearMisses=true`));
    expect(items.get(ids.language)).toMatchObject({
      nearMiss: true,
      gaps: [{ kind: 'language', code: 'de', required: 'B2', has: 'B1' }],
    });
    const eligible = [...items.values()].filter((m) => m.nearMiss !== true);
    // no radius on the listing: the person in Belgrade is a candidate there
    expect(eligible.map((m) => m.profile.id)).toContain(ids.distance);
  });

  it('a trainee one step away sees the opportunity with the gap and the course that closes it', async () => {
    const plain = await get<Recommendation[]>(shortTrainee, '/api/profiles/me/recommendations');
    expect(plain.map((r) => r.opportunity.id)).not.toContain(hardRequest);
    const withNear = await get<Recommendation[]>(
      shortTrainee,
      '/api/profiles/me/recommendations?nearMisses=true',
    );
    expect(withNear.slice(0, plain.length)).toEqual(plain);
    const step = withNear.find((r) => r.opportunity.id === hardRequest);
    expect(step).toMatchObject({
      nearMiss: true,
      gaps: [
        {
          kind: 'skill_level',
          name: 'JavaScript',
          required: 3,
          has: 2,
          detail: 'JavaScript at level 2; level 3 is asked for (must-have)',
        },
      ],
    });
    expect(step?.gaps?.[0].courses?.[0]).toMatchObject({
      title: 'Modern JavaScript',
      cohortId: cohortIds.before,
      startsBeforeDeadline: true,
    });
  });

  it('refuses a nearMisses value that is not true or false, naming it', async () => {
    const res = await t.http
      .get(`/api/work-requests/${hardRequest}/candidates?nearMisses=yes`)
      .auth(...bearer(broker))
      .expect(400);
    expect(JSON.stringify(res.body.errors)).toContain('nearMisses');
  });
});
