import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboxRelay } from '@app/search';
import { ProgrammeDirectory } from '@app/training';
import type { Response } from 'supertest';
import {
  createMember,
  createOrganisation,
  loginAdmin,
  makeBroker,
  makeTrainer,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { putProfile, skillIds, skillNamesById } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  complete,
  createCohort,
  createCourse,
  createProgramme,
  enrol,
  makeCohortBody,
  makeCourseBody,
  makeProgrammeBody,
  profileIdOf,
} from '../support/training-factories.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** The distinct fields a 400 problem+json names (a field may break several rules). */
function fieldsOf(res: Response): string[] {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return [...new Set((res.body.errors as { field: string }[]).map((e) => e.field))];
}

describe('training (HTTP)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let trainerA: SignedIn;
  let trainerB: SignedIn;
  let broker: SignedIn;
  let skills: Record<string, string>;

  const as = (user: SignedIn) => ({ Authorization: `Bearer ${user.accessToken}` });
  const post = (user: SignedIn, path: string, body: object = {}) =>
    t.http.post(path).set(as(user)).send(body);
  const get = (user: SignedIn, path: string) => t.http.get(path).set(as(user));

  /** A trainee with a profile visible to brokers, declaring `declared` skills. */
  const makeTrainee = async (
    displayName: string,
    declared: { skillId: string; level: number }[] = [],
  ) => {
    const trainee = await registerTrainee(t, { displayName });
    await putProfile(t, trainee, { skills: declared, visibility: 'brokers' });
    return { ...trainee, profileId: await profileIdOf(t, trainee) };
  };
  const ownSkills = async (trainee: SignedIn) => {
    const res = await get(trainee, '/api/profiles/me').expect(200);
    return Object.fromEntries(
      (res.body.skills as { skillId: string; level: number; verified: boolean }[]).map((s) => [
        s.skillId,
        { level: s.level, verified: s.verified },
      ]),
    );
  };
  const talentIds = async (skillId: string) => {
    await t.app.get(OutboxRelay).drain();
    const res = await get(broker, `/api/talent?skills=${skillId}&verified=true`).expect(200);
    return (res.body.items as { id: string }[]).map((i) => i.id);
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await loginAdmin(t);
    trainerA = await makeTrainer(t, admin);
    trainerB = await makeTrainer(t, admin);
    broker = await makeBroker(t, admin);
    const named = await skillIds(t, ['JavaScript', 'SQL', 'Python (computer programming)']);
    skills = { ...named, Python: named['Python (computer programming)'] };
  }, 60_000);

  afterAll(async () => {
    await t.close();
  });

  describe('programmes', () => {
    it('an admin creates one with partners and priorities; anyone signed in reads it', async () => {
      const body = makeProgrammeBody({
        code: 'wb-digi-2026',
        partners: [broker.organisationId],
        priorities: [
          { kind: 'sex', value: 'female' },
          { kind: 'age', min: 15, max: 29 },
        ],
      });
      const res = await post(admin, '/api/programmes', body).expect(201);
      expect(res.body).toMatchObject({
        code: 'WB-DIGI-2026',
        countries: ['AL', 'RS', 'XK'],
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
        partners: [broker.organisationId],
        priorities: [
          { kind: 'sex', value: 'female' },
          { kind: 'age', min: 15, max: 29 },
        ],
      });
      const one = await get(trainerA, `/api/programmes/${res.body.id}`).expect(200);
      expect(one.body).toEqual(res.body);
      const list = await get(broker, '/api/programmes?limit=100').expect(200);
      expect(list.body.items.map((p: { id: string }) => p.id)).toContain(res.body.id);
      expect(list.body.nextCursor).toBeNull();

      // What matching reads through the exported facade.
      const programmes = t.app.get(ProgrammeDirectory);
      expect(await programmes.findPriorities(res.body.id)).toEqual(res.body.priorities);
      expect(await programmes.findPriorities(UNKNOWN_ID)).toBeNull();
      expect(await programmes.isPartner(res.body.id, broker.organisationId as string)).toBe(true);
      expect(await programmes.isPartner(res.body.id, trainerA.organisationId as string)).toBe(
        false,
      );
    });

    it('a second programme with the same code (any case) is a 409', async () => {
      await createProgramme(t, admin, { code: 'DUP-CODE-1' });
      const res = await post(admin, '/api/programmes', makeProgrammeBody({ code: 'dup-code-1' }));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('PROGRAMME_CODE_TAKEN');
    });

    it('only an admin creates programmes; the signed-out read nothing', async () => {
      for (const user of [trainerA, broker]) {
        expect((await post(user, '/api/programmes', makeProgrammeBody())).status).toBe(403);
      }
      expect((await t.http.get('/api/programmes')).status).toBe(401);
    });

    it('names bad dates, countries, partners and priorities', async () => {
      const provider = await createOrganisation(t, admin, { type: 'training_provider' });
      const res = await post(
        admin,
        '/api/programmes',
        makeProgrammeBody({
          startsOn: '2026-02-30',
          countries: ['Serbia'],
          partners: [broker.organisationId, UNKNOWN_ID, provider],
          priorities: [{ kind: 'age', min: 30, max: 18 }],
        }),
      );
      expect(fieldsOf(res)).toEqual(expect.arrayContaining(['startsOn', 'countries']));
      const late = await post(
        admin,
        '/api/programmes',
        makeProgrammeBody({
          startsOn: '2027-01-01',
          endsOn: '2026-12-31',
          partners: [broker.organisationId, UNKNOWN_ID, provider],
          priorities: [{ kind: 'age', min: 30, max: 18 }],
        }),
      );
      expect(fieldsOf(late).sort()).toEqual(
        ['endsOn', 'partners[1]', 'partners[2]', 'priorities[0].max'].sort(),
      );
    });

    it('an unknown or malformed programme id is a 404 or a 400 naming it', async () => {
      expect((await get(broker, `/api/programmes/${UNKNOWN_ID}`)).status).toBe(404);
      expect(fieldsOf(await get(broker, '/api/programmes/nope'))).toEqual(['id']);
    });
  });

  describe('courses and cohorts', () => {
    it('a trainer creates courses for their own provider only; an admin for any', async () => {
      const programme = await createProgramme(t, admin);
      const res = await post(
        trainerA,
        '/api/courses',
        makeCourseBody(trainerA.organisationId as string, [{ skillId: skills.SQL, level: 2 }], {
          programmeId: programme.id,
        }),
      ).expect(201);
      expect(res.body).toMatchObject({
        programmeId: programme.id,
        providerId: trainerA.organisationId,
        skills: [{ skillId: skills.SQL, name: 'SQL', level: 2 }],
        hours: 120,
        mode: 'blended',
      });
      const other = makeCourseBody(trainerB.organisationId as string, [
        { skillId: skills.SQL, level: 2 },
      ]);
      expect((await post(trainerA, '/api/courses', other)).status).toBe(403);
      expect((await post(broker, '/api/courses', other)).status).toBe(403);
      expect((await post(admin, '/api/courses', other)).status).toBe(201);
      const trainee = await registerTrainee(t);
      expect((await post(trainee, '/api/courses', other)).status).toBe(403);
    });

    it('names each bad field of a course', async () => {
      const res = await post(trainerA, '/api/courses', {
        ...makeCourseBody(trainerA.organisationId as string, [
          { skillId: skills.SQL, level: 6 },
          { skillId: 'js', level: 2 },
        ]),
        hours: 0,
        mode: 'correspondence',
      });
      expect(fieldsOf(res)).toEqual(
        expect.arrayContaining(['skills[0].level', 'skills[1].skillId', 'hours', 'mode']),
      );
      const unknown = await post(
        trainerA,
        '/api/courses',
        makeCourseBody(
          trainerA.organisationId as string,
          [
            { skillId: skills.SQL, level: 2 },
            { skillId: UNKNOWN_ID, level: 2 },
            { skillId: skills.SQL, level: 3 },
          ],
          { programmeId: UNKNOWN_ID },
        ),
      );
      expect(fieldsOf(unknown).sort()).toEqual(
        ['programmeId', 'skills[1].skillId', 'skills[2].skillId'].sort(),
      );
      const empty = await post(
        trainerA,
        '/api/courses',
        makeCourseBody(trainerA.organisationId as string, []),
      );
      expect(fieldsOf(empty)).toEqual(['skills']);
      const notProvider = await post(
        admin,
        '/api/courses',
        makeCourseBody(broker.organisationId as string, [{ skillId: skills.SQL, level: 2 }]),
      );
      expect(fieldsOf(notProvider)).toEqual(['providerId']);
    });

    it("a trainer sees only their provider's courses; others see all", async () => {
      const a = await createCourse(t, trainerA, [{ skillId: skills.SQL, level: 1 }]);
      const b = await createCourse(t, trainerB, [{ skillId: skills.SQL, level: 1 }]);
      const idsOf = async (user: SignedIn) => {
        const res = await get(user, '/api/courses?limit=100').expect(200);
        return (res.body.items as { id: string }[]).map((c) => c.id);
      };
      expect(await idsOf(trainerA)).toContain(a.id);
      expect(await idsOf(trainerA)).not.toContain(b.id);
      expect(await idsOf(broker)).toEqual(expect.arrayContaining([a.id, b.id]));
      expect((await get(trainerB, `/api/courses/${a.id}`)).status).toBe(404);
      expect((await get(broker, `/api/courses/${a.id}`)).body.title).toBe(a.title);
    });

    it('pages courses with a cursor, without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: Response = await get(
          broker,
          `/api/courses?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`,
        ).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((c: { id: string }) => c.id));
        cursor = res.body.nextCursor;
      } while (cursor !== null);
      expect(new Set(seen).size).toBe(seen.length);
      const all = await get(broker, '/api/courses?limit=100').expect(200);
      expect(seen).toEqual(all.body.items.map((c: { id: string }) => c.id));
      expect(fieldsOf(await get(broker, '/api/courses?cursor=garbage'))).toEqual(['cursor']);
    });

    it('cohorts: only a trainer of the provider opens them; bad dates and capacity are named', async () => {
      const course = await createCourse(t, trainerA, [{ skillId: skills.SQL, level: 2 }]);
      const path = `/api/courses/${course.id}/cohorts`;
      expect((await post(trainerB, path, makeCohortBody())).status).toBe(403);
      expect((await post(broker, path, makeCohortBody())).status).toBe(403);
      expect(
        (await post(trainerA, `/api/courses/${UNKNOWN_ID}/cohorts`, makeCohortBody())).status,
      ).toBe(404);
      const res = await post(trainerA, path, makeCohortBody({ capacity: 3 })).expect(201);
      expect(res.body).toMatchObject({ courseId: course.id, capacity: 3, seatsTaken: 0 });
      expect(
        fieldsOf(
          await post(
            trainerA,
            path,
            makeCohortBody({ startsOn: '2026-06-01', endsOn: '2026-05-01' }),
          ),
        ),
      ).toEqual(['endsOn']);
      expect(fieldsOf(await post(trainerA, path, makeCohortBody({ capacity: 0 })))).toEqual([
        'capacity',
      ]);
      expect(fieldsOf(await post(trainerA, path, makeCohortBody({ capacity: 1001 })))).toEqual([
        'capacity',
      ]);
      expect(
        fieldsOf(await post(trainerA, path, makeCohortBody({ startsOn: '02/03/2026' }))),
      ).toEqual(['startsOn']);

      const list = await get(trainerA, path).expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([res.body.id]);
      expect((await get(admin, path)).status).toBe(200);
      expect((await get(trainerB, path)).status).toBe(403);
      expect((await get(broker, path)).status).toBe(403);
    });
  });

  describe('enrolments', () => {
    let cohortId: string;

    beforeAll(async () => {
      const course = await createCourse(t, trainerA, [{ skillId: skills.Python, level: 2 }]);
      cohortId = (await createCohort(t, trainerA, course.id, { capacity: 10 })).id;
    });

    it("a trainer of another provider cannot enrol into this provider's cohort", async () => {
      const trainee = await makeTrainee('Besa Krasniqi');
      const res = await post(trainerB, `/api/cohorts/${cohortId}/enrolments`, {
        profileId: trainee.profileId,
      });
      expect(res.status).toBe(403);
      for (const user of [broker, admin, trainee]) {
        const res = await post(user, `/api/cohorts/${cohortId}/enrolments`, {
          profileId: trainee.profileId,
        });
        expect(res.status).toBe(403);
      }
    });

    it('only the profile of an active trainee can be enrolled', async () => {
      for (const profileId of [broker.id, trainerA.id, UNKNOWN_ID]) {
        const res = await post(trainerA, `/api/cohorts/${cohortId}/enrolments`, { profileId });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('TRAINEE_PROFILE_NOT_FOUND');
        expect(res.body.errors[0].field).toBe('profileId');
      }
      expect(
        fieldsOf(await post(trainerA, `/api/cohorts/${cohortId}/enrolments`, { profileId: 'me' })),
      ).toEqual(['profileId']);
      const erased = await makeTrainee('Erased Person');
      await t.http.delete('/api/profiles/me').set(as(erased)).expect(204);
      const gone = await post(trainerA, `/api/cohorts/${cohortId}/enrolments`, {
        profileId: erased.profileId,
      });
      expect(gone.body.code).toBe('TRAINEE_PROFILE_NOT_FOUND');
    });

    it('enrols once per cohort; a second time is a 409', async () => {
      const trainee = await makeTrainee('Arta Hoxha');
      const res = await enrol(t, trainerA, cohortId, trainee.profileId);
      expect(res).toMatchObject({
        cohortId,
        profileId: trainee.profileId,
        status: 'enrolled',
        score: null,
      });
      const again = await post(trainerA, `/api/cohorts/${cohortId}/enrolments`, {
        profileId: trainee.profileId,
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ALREADY_ENROLLED');
      const list = await get(trainerA, `/api/cohorts/${cohortId}/enrolments`).expect(200);
      expect(list.body.items.map((e: { id: string }) => e.id)).toContain(res.id);
      expect((await get(trainerB, `/api/cohorts/${cohortId}/enrolments`)).status).toBe(403);
      expect((await get(trainerA, `/api/cohorts/${UNKNOWN_ID}/enrolments`)).status).toBe(404);
    });

    it('two trainers racing for the last seat: exactly one 201 and one 409 COHORT_FULL', async () => {
      const secondTrainerA = await createMember(
        t,
        admin,
        trainerA.organisationId as string,
        'trainer',
      );
      for (let round = 0; round < 3; round += 1) {
        const course = await createCourse(t, trainerA, [{ skillId: skills.Python, level: 1 }]);
        const cohort = await createCohort(t, trainerA, course.id, { capacity: 2 });
        const first = await makeTrainee(`Seated ${round}`);
        await enrol(t, trainerA, cohort.id, first.profileId);
        const [x, y] = await Promise.all([makeTrainee(`X ${round}`), makeTrainee(`Y ${round}`)]);
        const results = await Promise.all([
          post(trainerA, `/api/cohorts/${cohort.id}/enrolments`, { profileId: x.profileId }),
          post(secondTrainerA, `/api/cohorts/${cohort.id}/enrolments`, { profileId: y.profileId }),
        ]);
        expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
        expect(results.find((r) => r.status === 409)?.body.code).toBe('COHORT_FULL');
        const cohorts = await get(trainerA, `/api/courses/${course.id}/cohorts`).expect(200);
        expect(cohorts.body.items[0].seatsTaken).toBe(2);
      }
    });

    it('a dropout frees the seat; dropped cannot be completed and completed cannot be dropped', async () => {
      const course = await createCourse(t, trainerA, [{ skillId: skills.Python, level: 1 }]);
      const cohort = await createCohort(t, trainerA, course.id, { capacity: 1 });
      const [p, q] = [await makeTrainee('Drop Out'), await makeTrainee('Next In')];
      const dropped = await enrol(t, trainerA, cohort.id, p.profileId);
      expect((await post(trainerB, `/api/enrolments/${dropped.id}/drop`)).status).toBe(403);
      const res = await post(trainerA, `/api/enrolments/${dropped.id}/drop`).expect(200);
      expect(res.body.status).toBe('dropped');
      await post(trainerA, `/api/enrolments/${dropped.id}/drop`).expect(200);
      const refused = await post(trainerA, `/api/enrolments/${dropped.id}/complete`, {});
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('ENROLMENT_FINISHED');
      const next = await enrol(t, trainerA, cohort.id, q.profileId);
      await complete(t, trainerA, next.id);
      const undrop = await post(trainerA, `/api/enrolments/${next.id}/drop`);
      expect(undrop.status).toBe(409);
      expect(undrop.body.code).toBe('ENROLMENT_FINISHED');
      expect((await post(trainerA, `/api/enrolments/${UNKNOWN_ID}/drop`)).status).toBe(404);
    });
  });

  describe('completion, verification and revocation', () => {
    let trainee: SignedIn & { profileId: string };
    let basics: { enrolmentId: string; code: string };
    let advanced: { enrolmentId: string; code: string };

    /** Enrols the trainee into a fresh cohort of a new course teaching `taught`. */
    const enrolInCourse = async (title: string, taught: { skillId: string; level: number }[]) => {
      const course = await createCourse(t, trainerA, taught, { title });
      const cohort = await createCohort(t, trainerA, course.id);
      return (await enrol(t, trainerA, cohort.id, trainee.profileId)).id;
    };

    beforeAll(async () => {
      // Declares JavaScript at 4: certification at 3 must not lower it.
      trainee = await makeTrainee('Ana Petrović', [{ skillId: skills.JavaScript, level: 4 }]);
    });

    it('completing issues a certificate once; repeating answers with the same one', async () => {
      const enrolmentId = await enrolInCourse('Web basics', [
        { skillId: skills.JavaScript, level: 3 },
        { skillId: skills.SQL, level: 2 },
      ]);
      expect(
        fieldsOf(await post(trainerA, `/api/enrolments/${enrolmentId}/complete`, { score: 101 })),
      ).toEqual(['score']);
      expect(
        fieldsOf(
          await post(trainerA, `/api/enrolments/${enrolmentId}/complete`, { score: 'high' }),
        ),
      ).toEqual(['score']);
      expect((await post(trainerB, `/api/enrolments/${enrolmentId}/complete`, {})).status).toBe(
        403,
      );
      expect((await post(trainee, `/api/enrolments/${enrolmentId}/complete`, {})).status).toBe(403);

      const first = await post(trainerA, `/api/enrolments/${enrolmentId}/complete`, {
        score: 87,
      }).expect(201);
      expect(first.body.code).toMatch(/^[A-Z2-7]{32}$/);
      expect(first.body.verifyUrl).toMatch(new RegExp(`/api/certificates/${first.body.code}$`));
      const second = await post(trainerA, `/api/enrolments/${enrolmentId}/complete`, {
        score: 10,
      }).expect(200);
      expect(second.body.code).toBe(first.body.code);
      basics = { enrolmentId, code: first.body.code };
    });

    it('two completions of one enrolment at once issue one certificate', async () => {
      const other = await makeTrainee('Teuta Berisha');
      const course = await createCourse(t, trainerA, [{ skillId: skills.SQL, level: 1 }]);
      const cohort = await createCohort(t, trainerA, course.id);
      const enrolment = await enrol(t, trainerA, cohort.id, other.profileId);
      const results = await Promise.all(
        [1, 2].map(() => post(trainerA, `/api/enrolments/${enrolment.id}/complete`, {})),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 201]);
      expect(results[0].body.code).toBe(results[1].body.code);

      // Once the holder erases their account, the certificate no longer verifies anyone.
      await t.http.get(`/api/certificates/${results[0].body.code}`).expect(200);
      await t.http.delete('/api/profiles/me').set(as(other)).expect(204);
      const gone = await t.http.get(`/api/certificates/${results[0].body.code}`).expect(404);
      expect(gone.body.code).toBe('CERTIFICATE_NOT_FOUND');
    });

    it('makes the taught skills verified without lowering a higher declared level', async () => {
      expect(await ownSkills(trainee)).toEqual({
        [skills.JavaScript]: { level: 4, verified: true },
        [skills.SQL]: { level: 2, verified: true },
      });
    });

    it('a broker finds the trainee by verified skill once the outbox is relayed', async () => {
      expect(await talentIds(skills.SQL)).toContain(trainee.profileId);
    });

    it('verification is public and shows no e-mail or inclusion data', async () => {
      const res = await t.http.get(`/api/certificates/${basics.code.toLowerCase()}`).expect(200);
      expect(res.body).toEqual({
        code: basics.code,
        valid: true,
        holderName: 'Ana Petrović',
        courseTitle: 'Web basics',
        courseHours: 120,
        providerName: 'Tirana Tech Academy',
        programmeCode: null,
        completedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        score: 87,
        skills: expect.arrayContaining([
          { skillId: skills.JavaScript, name: 'JavaScript', level: 3 },
          { skillId: skills.SQL, name: 'SQL', level: 2 },
        ]),
      });
      expect(JSON.stringify(res.body)).not.toContain('@');
    });

    it('an unknown or malformed code is a 404 problem+json', async () => {
      for (const code of ['A'.repeat(32), 'not-a-code']) {
        const res = await t.http.get(`/api/certificates/${code}`).expect(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.code).toBe('CERTIFICATE_NOT_FOUND');
      }
    });

    it('a skill backed by two certificates stays verified when one is revoked', async () => {
      const enrolmentId = await enrolInCourse('Databases in depth', [
        { skillId: skills.SQL, level: 4 },
      ]);
      advanced = { enrolmentId, code: (await complete(t, trainerA, enrolmentId)).code };
      expect((await ownSkills(trainee))[skills.SQL]).toEqual({ level: 4, verified: true });

      const revoke = (user: SignedIn, code: string, body: object) =>
        post(user, `/api/certificates/${code}/revoke`, body);
      expect((await revoke(trainerB, advanced.code, { reason: 'copied' })).status).toBe(403);
      expect((await revoke(broker, advanced.code, { reason: 'copied' })).status).toBe(403);
      expect(fieldsOf(await revoke(trainerA, advanced.code, { reason: '  ' }))).toEqual(['reason']);
      expect(fieldsOf(await revoke(trainerA, advanced.code, {}))).toEqual(['reason']);
      expect((await revoke(trainerA, 'A'.repeat(32), { reason: 'x' })).status).toBe(404);

      const res = await revoke(trainerA, advanced.code, { reason: 'Assessment was copied' }).expect(
        200,
      );
      expect(res.body.revokedAt).not.toBeNull();
      expect((await revoke(admin, advanced.code, { reason: 'again' })).body.code).toBe(
        'CERTIFICATE_ALREADY_REVOKED',
      );
      // SQL is still backed by the first certificate, at its level.
      expect((await ownSkills(trainee))[skills.SQL]).toEqual({ level: 2, verified: true });
      expect(await talentIds(skills.SQL)).toContain(trainee.profileId);

      const verification = await t.http.get(`/api/certificates/${advanced.code}`).expect(404);
      expect(verification.body.code).toBe('CERTIFICATE_REVOKED');
      expect(verification.body.detail).toMatch(/revoked/);
    });

    it('revoking the last certificate removes the verified flag and restores the declared level', async () => {
      await post(admin, `/api/certificates/${basics.code}/revoke`, {
        reason: 'Issued in error',
      }).expect(200);
      // JavaScript was declared (level 4): it stays, unverified; SQL was only certified: it goes.
      expect(await ownSkills(trainee)).toEqual({
        [skills.JavaScript]: { level: 4, verified: false },
      });
      expect(await talentIds(skills.SQL)).not.toContain(trainee.profileId);
      expect(await talentIds(skills.JavaScript)).not.toContain(trainee.profileId);
    });

    it('a certified skill survives the trainee editing their declared skills', async () => {
      const enrolmentId = await enrolInCourse('Python first steps', [
        { skillId: skills.Python, level: 2 },
      ]);
      await complete(t, trainerA, enrolmentId);
      await putProfile(t, trainee, {
        skills: [{ skillId: skills.Python, level: 1 }],
        visibility: 'brokers',
      });
      expect(await ownSkills(trainee)).toEqual({ [skills.Python]: { level: 2, verified: true } });
      await putProfile(t, trainee, { skills: [], visibility: 'brokers' });
      expect(await ownSkills(trainee)).toEqual({ [skills.Python]: { level: 2, verified: true } });
    });

    it('the trainee sees their own enrolments and certificates, revoked ones with the reason', async () => {
      const enrolments = await get(trainee, '/api/profiles/me/enrolments').expect(200);
      expect(enrolments.body.items.map((e: { courseTitle: string }) => e.courseTitle)).toEqual([
        'Web basics',
        'Databases in depth',
        'Python first steps',
      ]);
      expect(enrolments.body.items[0]).toMatchObject({
        status: 'completed',
        score: 87,
        providerName: 'Tirana Tech Academy',
        certificate: { code: basics.code },
      });
      const certificates = await get(trainee, '/api/profiles/me/certificates').expect(200);
      expect(certificates.body.items).toHaveLength(3);
      expect(certificates.body.items[1]).toMatchObject({
        code: advanced.code,
        revocationReason: 'Assessment was copied',
        courseTitle: 'Databases in depth',
      });
      // every certificate names the skills it certifies
      const certified = (certificates.body.items as { skills: { skillId: string }[] }[]).flatMap(
        (c) => c.skills,
      );
      const names = await skillNamesById(
        t,
        certified.map((s) => s.skillId),
      );
      expect(certified.length).toBeGreaterThan(0);
      for (const s of certified) expect(s).toMatchObject({ name: names[s.skillId] });
      for (const user of [trainerA, broker, admin]) {
        expect((await get(user, '/api/profiles/me/certificates')).status).toBe(403);
        expect((await get(user, '/api/profiles/me/enrolments')).status).toBe(403);
      }
      const stranger = await makeTrainee('Someone Else');
      expect((await get(stranger, '/api/profiles/me/certificates')).body.items).toEqual([]);
    });
  });
});
