import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TransactionRunner } from '@app/database';
import { PROFILES_INDEX, ProfilesService } from '@app/profiles';
import { OutboxRelay, SearchIndexRegistry } from '@app/search';
import { TaxonomyService } from '@app/taxonomy';
import { DataSource } from 'typeorm';
import { bulkInsertProfiles } from '../../apps/cli/src/bench/profile-bulk-writer.js';
import { generateProfiles } from '../../apps/cli/src/bench/profile-population.js';
import {
  demandedSkills,
  loadPostings,
  resolvePostings,
  workRequestBodies,
} from '../../apps/cli/src/bench/request-population.js';
import {
  bruteForceCandidates,
  bruteForceNearMisses,
  bruteForceRecommendations,
  defaultContext,
  loadAllCandidates,
  loadAllOpportunities,
} from '../support/brute-force-matching.js';
import {
  GOOD_PASSWORD,
  login,
  makeBroker,
  registerCompany,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { putProfile } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PROFILES = 3_000;
const REQUESTS = 30;

interface Answer {
  profile?: { id: string };
  opportunity?: { id: string };
  score: number;
  nearMiss?: true;
  gaps?: { kind: string }[];
}

describe('matching is exact: endpoints equal a brute-force scorer over PostgreSQL', () => {
  let t: TestApp;
  let ds: DataSource;
  let company: SignedIn;
  let broker: SignedIn;
  const requestIds: string[] = [];
  const auth = (u: SignedIn) => ({ Authorization: `Bearer ${u.accessToken}` });
  const emails: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    ds = t.app.get(DataSource);
    company = await registerCompany(t);
    broker = await makeBroker(t);
    const taxonomy = t.app.get(TaxonomyService);
    const postings = await resolvePostings(
      loadPostings(new URL('../fixtures/postings.json', import.meta.url).pathname),
      async (labels) => (await taxonomy.resolveLabels(labels)).map((r) => r.skill?.id ?? null),
    );
    const all: { id: string }[] = await ds.query(
      `SELECT id FROM skills WHERE category IN ('digital', 'bpo') ORDER BY id`,
    );
    const now = new Date();
    const seeded = generateProfiles(
      PROFILES,
      7,
      { demanded: demandedSkills(postings), all: all.map((s) => s.id) },
      now,
      'exact',
    );
    // one real registration lends its password hash, so seeded trainees can sign in
    const donor = await registerTrainee(t);
    const [{ password_hash: hash }] = await ds.query(
      `SELECT password_hash FROM users WHERE id = $1`,
      [donor.id],
    );
    await bulkInsertProfiles((text, params) => ds.query(text, params), seeded, hash);
    emails.push(
      ...seeded.filter((p) => p.openToWork && p.visibility !== 'private').map((p) => p.email),
    );
    await t.app.get(SearchIndexRegistry).reindex(PROFILES_INDEX);

    for (const body of workRequestBodies(postings, REQUESTS, 11, now)) {
      const created = await t.http.post('/api/work-requests').set(auth(company)).send(body);
      if (created.status !== 201) throw new Error(`request: ${created.status} ${created.text}`);
      await t.http
        .post(`/api/work-requests/${created.body.id}/publish`)
        .set(auth(company))
        .expect(200);
      requestIds.push(created.body.id);
    }
    await t.app.get(OutboxRelay).drain();
  }, 600_000);

  afterAll(async () => {
    await t.close();
  });

  it('the bulk path writes the same rows as registration + PUT /api/profiles/me + evidence + consent', async () => {
    const skillRows: { id: string }[] = await ds.query(`SELECT id FROM skills ORDER BY id LIMIT 9`);
    const pool = skillRows.map((s) => s.id);
    const [seed] = generateProfiles(1, 99, { demanded: pool, all: pool }, new Date(), 'rows');
    skillRows.splice(3);
    seed.skills = skillRows.map((s, i) => ({
      skillId: s.id,
      level: i + 2,
      years: i === 0 ? null : i,
    }));
    seed.verifiedSkillIds = [skillRows[1].id];
    seed.languages = [
      { code: 'de', level: 'B1' },
      { code: 'en', level: 'C1' },
    ];
    seed.inclusion = { sex: 'female', birthYear: 2001, groups: ['rural'] };
    const viaHttp = await registerTrainee(t, { displayName: seed.displayName });
    const { id: httpId } = await putProfile(t, viaHttp, {
      headline: seed.headline,
      bio: undefined,
      country: seed.country,
      city: seed.city,
      skills: seed.skills.map((s) => ({
        skillId: s.skillId,
        level: s.level,
        ...(s.years === null ? {} : { years: s.years }),
      })),
      languages: seed.languages,
      workModes: seed.workModes,
      engagementTypes: seed.engagementTypes,
      hoursPerWeek: seed.hoursPerWeek ?? undefined,
      availableFrom: seed.availableFrom ?? undefined,
      hourlyRateEur: seed.hourlyRateEur ?? undefined,
      portfolio: [],
      openToWork: seed.openToWork,
      visibility: seed.visibility,
    });
    await t.app
      .get(TransactionRunner)
      .run((m) => t.app.get(ProfilesService).markSkillsVerified(m, httpId, seed.verifiedSkillIds));
    await t.http
      .put('/api/profiles/me/inclusion')
      .set(auth(viaHttp))
      .send({ ...seed.inclusion, consentToReporting: true })
      .expect(204);
    await bulkInsertProfiles((text, params) => ds.query(text, params), [seed], 'x');
    const [{ id: bulkId }] = await ds.query(
      `SELECT p.id FROM profiles p JOIN users u ON u.id = p.user_id WHERE u.email = $1`,
      [seed.email],
    );
    const rows = async (id: string) => ({
      profile: (
        await ds.query(
          `SELECT headline, bio, country, city, lat, lng, work_modes, engagement_types,
                  hours_per_week, available_from::text, hourly_rate_eur::text, portfolio,
                  open_to_work, visibility, version, erased_at
             FROM profiles WHERE id = $1`,
          [id],
        )
      )[0],
      user: (
        await ds.query(
          `SELECT u.display_name, u.role, u.organisation_id, u.erased_at FROM users u
             JOIN profiles p ON p.user_id = u.id WHERE p.id = $1`,
          [id],
        )
      )[0],
      skills: await ds.query(
        `SELECT skill_id, level, declared_level, certified_level, years, verified FROM profile_skills WHERE profile_id = $1 ORDER BY skill_id`,
        [id],
      ),
      languages: await ds.query(
        `SELECT code, level FROM profile_languages WHERE profile_id = $1 ORDER BY code`,
        [id],
      ),
      inclusion: await ds.query(
        `SELECT sex, birth_year, groups FROM profile_inclusion WHERE profile_id = $1`,
        [id],
      ),
    });
    expect(await rows(bulkId)).toEqual(await rows(httpId));
  }, 120_000);

  it.each([
    ['company', ['companies'], 20],
    ['broker', ['brokers', 'companies'], 50],
  ] as const)(
    'candidates of %s for %#: every request, the same ids in the same order with the same scores',
    async (who, visibilities, k) => {
      const viewer = who === 'company' ? company : broker;
      const everyone = await loadAllCandidates(ds);
      const opportunities = new Map((await loadAllOpportunities(ds)).map((o) => [o.id, o]));
      let nonEmpty = 0;
      for (const id of requestIds) {
        const res = await t.http
          .get(`/api/work-requests/${id}/candidates?limit=${k}`)
          .set(auth(viewer))
          .expect(200);
        const now = new Date();
        const expected = bruteForceCandidates(
          everyone,
          opportunities.get(id)!,
          [...visibilities],
          k,
          defaultContext(now),
        );
        const got = res.body as Answer[];
        expect(got.map((a) => a.profile!.id)).toEqual(expected.map((e) => e.candidateId));
        got.forEach((a, i) => expect(a.score).toBeCloseTo(expected[i].score, 5));
        if (got.length > 0) nonEmpty += 1;
      }
      // the comparison means something only if most requests do find people
      expect(nonEmpty).toBeGreaterThanOrEqual(REQUESTS * 0.6);
    },
    300_000,
  );

  it.each([
    ['company', ['companies'], 20],
    ['broker', ['brokers', 'companies'], 50],
  ] as const)(
    'near misses of %s for %#: every request, the candidates unchanged, then the same near misses in the same order with the same gaps',
    async (who, visibilities, k) => {
      const viewer = who === 'company' ? company : broker;
      const everyone = await loadAllCandidates(ds);
      const opportunities = new Map((await loadAllOpportunities(ds)).map((o) => [o.id, o]));
      let withNearMisses = 0;
      for (const id of requestIds) {
        const res = await t.http
          .get(`/api/work-requests/${id}/candidates?limit=${k}&nearMisses=true`)
          .set(auth(viewer))
          .expect(200);
        const ctx = defaultContext(new Date());
        const o = opportunities.get(id)!;
        const eligible = bruteForceCandidates(everyone, o, [...visibilities], k, ctx);
        const near = bruteForceNearMisses(everyone, o, [...visibilities], k, ctx);
        const got = res.body as Answer[];
        const gotEligible = got.filter((a) => a.nearMiss !== true);
        const gotNear = got.slice(gotEligible.length);
        expect(gotEligible.map((a) => a.profile!.id)).toEqual(eligible.map((e) => e.candidateId));
        expect(gotNear.map((a) => [a.profile!.id, a.nearMiss, a.gaps?.map((g) => g.kind)])).toEqual(
          near.map((e) => [e.candidateId, true, [e.gap.kind]]),
        );
        gotNear.forEach((a, i) => expect(a.score).toBeCloseTo(near[i].score, 5));
        if (gotNear.length > 0) withNearMisses += 1;
      }
      // the comparison means something only if most requests do have near misses
      expect(withNearMisses).toBeGreaterThanOrEqual(REQUESTS * 0.6);
    },
    300_000,
  );

  it('recommendations equal the brute-force ranking of every opportunity for a person', async () => {
    const everyone = new Map((await loadAllCandidates(ds)).map((s) => [s.candidate.id, s]));
    const opportunities = await loadAllOpportunities(ds);
    const owners: { id: string; email: string }[] = await ds.query(
      `SELECT p.id, u.email FROM profiles p JOIN users u ON u.id = p.user_id
        WHERE u.email = ANY($1) ORDER BY u.email`,
      [emails],
    );
    const now = new Date();
    const count = (id: string) =>
      bruteForceRecommendations(
        everyone.get(id)!.candidate,
        opportunities,
        100,
        defaultContext(now),
      ).length;
    // people with something to recommend, and a few with nothing
    const sample = [
      ...owners.filter((o) => count(o.id) > 0).slice(0, 10),
      ...owners.filter((o) => count(o.id) === 0).slice(0, 3),
    ];
    expect(sample.length).toBeGreaterThanOrEqual(8);
    for (const { id, email } of sample) {
      const trainee = await login(t, email, GOOD_PASSWORD);
      const res = await t.http
        .get('/api/profiles/me/recommendations?limit=100')
        .set(auth(trainee))
        .expect(200);
      const expected = bruteForceRecommendations(
        everyone.get(id)!.candidate,
        opportunities,
        100,
        defaultContext(new Date()),
      );
      const got = res.body as Answer[];
      expect(got.map((a) => a.opportunity!.id)).toEqual(expected.map((e) => e.candidateId));
      got.forEach((a, i) => expect(a.score).toBeCloseTo(expected[i].score, 5));
    }
  }, 300_000);
});
