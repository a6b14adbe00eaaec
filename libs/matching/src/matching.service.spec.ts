import { describe, expect, it, jest } from '@jest/globals';
import type { GeoService } from '@app/geo';
import { GeoCover } from '@app/geonames';
import type { AuthUser } from '@app/identity';
import type { OpportunitiesService } from '@app/opportunities';
import type { ProfilesService, PublicProfileRecord } from '@app/profiles';
import type { TaxonomyService } from '@app/taxonomy';
import type { CohortOffer, CourseOffers } from '@app/training';
import defaults from '../../../config/matching.json' with { type: 'json' };
import type { ProfileMatchDocument } from '@app/profiles';
import type { ConsentedInclusion, Opportunity } from './match-types.js';
import { RankingSlots } from './ranking-slots.js';
import { parseMatchingConfig } from './match-weights.js';
import type { MatchingRepository } from './matching.repository.js';
import { MatchingService } from './matching.service.js';
import type { ProgrammeFacts, ProgrammePriorities } from './programme-priorities.js';

const NOW = new Date('2026-11-27T12:00:00Z');
const JS = '00000000-0000-4000-8000-00000000000a';
const SQL = '00000000-0000-4000-8000-00000000000b';
const PROGRAMME: ProgrammeFacts = {
  id: '00000000-0000-4000-8000-0000000000aa',
  code: 'WB-TEST',
  priorities: [{ kind: 'sex', value: 'female' }],
  partners: ['mo'],
};

const company: AuthUser = { id: 'c', email: 'c@x.test', role: 'company', organisationId: 'org' };
const broker: AuthUser = { id: 'b', email: 'b@x.test', role: 'broker', organisationId: 'mo' };
const outsider: AuthUser = { id: 'o', email: 'o@x.test', role: 'broker', organisationId: 'mo-2' };

function doc(id: string, skills: string[], extra: Partial<ProfileMatchDocument> = {}) {
  return {
    id,
    matchSkills: skills,
    verifiedSkillIds: [],
    matchLanguages: ['en:C1'],
    country: 'RS',
    workModes: ['remote'],
    engagementTypes: ['freelance'],
    hoursPerWeek: 20,
    availableFrom: null,
    hourlyRateEur: 15,
    openToWork: true,
    lastActiveAt: NOW.getTime(),
    ...extra,
  } as ProfileMatchDocument;
}

function opportunity(overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id: 'request-1',
    status: 'open',
    skills: [
      { skillId: JS, minLevel: 3, mustHave: true },
      { skillId: SQL, minLevel: 2, mustHave: false },
    ],
    languages: [{ code: 'en', minLevel: 'B2' }],
    engagementType: 'freelance',
    workMode: 'remote',
    countries: [],
    budget: { type: 'hourly', maxEur: 20 },
    ...overrides,
  };
}

/** A public profile record as the profiles facade answers it. */
function publicProfile(id: string): PublicProfileRecord {
  return {
    id,
    displayName: id,
    headline: null,
    bio: null,
    country: null,
    city: null,
    cityId: null,
    cityLocalName: null,
    skills: [],
    languages: [],
    workModes: [],
    engagementTypes: [],
    hoursPerWeek: null,
    availableFrom: null,
    hourlyRateEur: null,
    portfolio: [],
    openToWork: true,
    lastActiveAt: new Date('2026-01-01T00:00:00Z'),
  };
}

/** The service over in-memory stand-ins for the engine, PostgreSQL and the other libs. */
function setUp(
  docs: ProfileMatchDocument[],
  inclusion = new Map<string, ConsentedInclusion>(),
  slots = new RankingSlots(2),
) {
  const repository = {
    fetchEligibleProfiles: jest.fn(async () => docs),
    findConsentedInclusion: jest.fn(async () => inclusion),
  };
  const profiles = {
    getVisibleInOrder: jest.fn(async (_viewer: AuthUser, ids: string[]) => ({
      // one of them became invisible since it was indexed: it must simply be left out
      profiles: ids.filter((id) => id !== 'gone').map((id) => publicProfile(id)),
      skillNames: new Map([
        [JS, 'JavaScript'],
        [SQL, 'SQL'],
      ]),
    })),
  };
  const courses = {
    openCohortsTeaching: jest.fn(
      async (_needs: unknown, _today: string) => new Map<string, CohortOffer[]>(),
    ),
  };
  const programmes = {
    find: jest.fn(async (id: string) => (id === PROGRAMME.id ? PROGRAMME : undefined)),
  };
  const geoCover = new GeoCover([]);
  const service = new MatchingService(
    parseMatchingConfig(defaults),
    repository as unknown as MatchingRepository,
    {} as OpportunitiesService,
    profiles as unknown as ProfilesService,
    { answerSkillNames: jest.fn(async () => new Map()) } as unknown as TaxonomyService,
    programmes as unknown as ProgrammePriorities,
    slots,
    courses as unknown as CourseOffers,
    { geoCover: () => geoCover } as unknown as GeoService,
  );
  return { service, repository, profiles, programmes, courses };
}

describe('MatchingService.rankCandidates', () => {
  it('answers nothing, without asking the engine, for an opportunity that is not open or past its deadline', async () => {
    const { service, repository } = setUp([doc('a', [`${JS}:4:2`])]);
    expect(
      await service.rankCandidates(company, opportunity({ status: 'filled' }), 10, NOW),
    ).toEqual([]);
    expect(
      await service.rankCandidates(
        company,
        opportunity({ deadline: Date.parse('2026-11-27T11:00:00Z') }),
        10,
        NOW,
      ),
    ).toEqual([]);
    expect(repository.fetchEligibleProfiles).not.toHaveBeenCalled();
  });

  it('re-checks the rules on what the engine returned and keeps the best k, best first, ties by id', async () => {
    const { service } = setUp([
      doc('weak', [`${JS}:3:`]),
      doc('strong', [`${JS}:5:4`, `${SQL}:4:2`]),
      doc('no-must-have', [`${SQL}:5:5`]),
      doc('closed-to-work', [`${JS}:5:5`], { openToWork: false }),
      doc('twin-b', [`${JS}:4:2`]),
      doc('twin-a', [`${JS}:4:2`]),
    ]);
    const ranked = await service.rankCandidates(company, opportunity(), 3, NOW);
    expect(ranked.map((r) => r.profile.id)).toEqual(['strong', 'twin-a', 'twin-b']);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
    expect(ranked[1].score).toBe(ranked[2].score);
    for (const r of ranked) {
      const sum = Object.values(r.explanation.components).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(r.score, 5);
    }
    expect(ranked[0].explanation.matchedSkills.map((s) => s.name)).toEqual(['JavaScript', 'SQL']);
  });

  it('holds the eligible documents of at most MATCHING_CONCURRENCY rankings at once', async () => {
    const { service, repository } = setUp(
      [doc('a', [`${JS}:4:2`])],
      undefined,
      new RankingSlots(1),
    );
    const fetched: (() => void)[] = [];
    repository.fetchEligibleProfiles.mockImplementation(
      () => new Promise((resolve) => fetched.push(() => resolve([doc('a', [`${JS}:4:2`])]))),
    );
    const first = service.rankCandidates(company, opportunity(), 10, NOW);
    const second = service.rankCandidates(company, opportunity(), 10, NOW);
    await new Promise((resolve) => setImmediate(resolve));
    expect(repository.fetchEligibleProfiles).toHaveBeenCalledTimes(1); // the second waits
    fetched[0]();
    expect((await first).map((r) => r.profile.id)).toEqual(['a']);
    expect(repository.fetchEligibleProfiles).toHaveBeenCalledTimes(2);
    fetched[1]();
    expect((await second).map((r) => r.profile.id)).toEqual(['a']);
  });

  it('leaves out a ranked profile the read-back no longer shows', async () => {
    const { service } = setUp([doc('gone', [`${JS}:5:5`]), doc('here', [`${JS}:3:`])]);
    const ranked = await service.rankCandidates(broker, opportunity(), 10, NOW);
    expect(ranked.map((r) => r.profile.id)).toEqual(['here']);
  });

  it('reads consented inclusion data only for a programme with priorities, and shows the boost to brokers of its partners only', async () => {
    const inclusion = new Map<string, ConsentedInclusion>([['her', { sex: 'female', groups: [] }]]);
    const docs = [doc('her', [`${JS}:3:`]), doc('him', [`${JS}:3:`])];

    const plain = setUp(docs, inclusion);
    await plain.service.rankCandidates(broker, opportunity(), 10, NOW);
    expect(plain.repository.findConsentedInclusion).not.toHaveBeenCalled();

    const inProgramme = opportunity({ programmeId: PROGRAMME.id });
    const asBroker = await setUp(docs, inclusion).service.rankCandidates(
      broker,
      inProgramme,
      10,
      NOW,
    );
    expect(asBroker[0].profile.id).toBe('her');
    expect(asBroker[0].explanation.priorityBoost).toMatchObject({
      applied: true,
      category: 'women',
    });
    expect(asBroker[1].explanation.priorityBoost).toEqual({ applied: false, contribution: 0 });

    // a company, and a broker of an organisation that is not a partner, get the ranking of the
    // same request without priorities: no inclusion data is even read
    for (const viewer of [company, outsider]) {
      const hidden = setUp(docs, inclusion);
      const ranked = await hidden.service.rankCandidates(viewer, inProgramme, 10, NOW);
      expect(hidden.repository.findConsentedInclusion).not.toHaveBeenCalled();
      expect(ranked).toEqual(
        await setUp(docs, inclusion).service.rankCandidates(viewer, opportunity(), 10, NOW),
      );
      expect(ranked.map((r) => r.profile.id)).toEqual(['her', 'him'].sort());
      expect(ranked[0].score).toBe(ranked[1].score);
      expect(JSON.stringify(ranked)).not.toMatch(/women|priority|applied/);
    }
  });

  it('scores an unknown programme with the default weights and no boost', async () => {
    const { service, programmes } = setUp([doc('a', [`${JS}:3:`])]);
    const [ranked] = await service.rankCandidates(
      broker,
      opportunity({ programmeId: '00000000-0000-4000-8000-0000000000ff' }),
      10,
      NOW,
    );
    expect(programmes.find).toHaveBeenCalledTimes(1);
    expect(ranked.explanation.components).not.toHaveProperty('priority');
  });

  it('with near misses, asks the engine once and puts them after the unchanged eligible ones, with their gap and courses', async () => {
    const docs = [
      doc('strong', [`${JS}:5:4`, `${SQL}:4:2`]),
      doc('weak', [`${JS}:3:`]),
      doc('one-short', [`${JS}:2:`, `${SQL}:4:`]),
      doc('english-b1', [`${JS}:4:`], { matchLanguages: ['en:B1'] }),
      doc('two-gaps', [`${JS}:2:`], { matchLanguages: ['en:B1'] }),
      doc('no-requested-skill', ['00000000-0000-4000-8000-00000000000c:5:']),
    ];
    const plain = setUp(docs);
    const eligible = await plain.service.rankCandidates(company, opportunity(), 10, NOW);
    const { service, repository, courses } = setUp(docs);
    courses.openCohortsTeaching.mockImplementation(
      async () =>
        new Map([
          [
            `${JS}:3`,
            [
              {
                courseId: 'course',
                title: 'Modern JavaScript',
                cohortId: 'late',
                startsOn: '2027-03-01',
                endsOn: '2027-04-01',
              },
              {
                courseId: 'course',
                title: 'Modern JavaScript',
                cohortId: 'soon',
                startsOn: '2026-12-01',
                endsOn: '2027-01-01',
              },
            ],
          ],
        ]),
    );
    const deadline = Date.parse('2027-01-31T12:00:00Z');
    const ranked = await service.rankCandidates(company, opportunity({ deadline }), 10, NOW, true);
    expect(repository.fetchEligibleProfiles).toHaveBeenCalledTimes(1);
    expect(ranked.slice(0, eligible.length)).toEqual(eligible);
    const near = ranked.slice(eligible.length);
    expect(near.map((r) => [r.profile.id, r.nearMiss, r.gaps?.map((g) => g.kind)])).toEqual([
      ['one-short', true, ['skill_level']],
      ['english-b1', true, ['language']],
    ]);
    expect(courses.openCohortsTeaching).toHaveBeenCalledWith(
      [{ skillId: JS, level: 3 }],
      '2026-11-27',
    );
    // the cohort starting before the deadline comes first, whatever order they were read in
    expect(near[0].gaps?.[0].courses?.map((c) => [c.cohortId, c.startsBeforeDeadline])).toEqual([
      ['soon', true],
      ['late', false],
    ]);
  });
});
