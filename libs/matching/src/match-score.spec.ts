import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  compareScores,
  ineligibilityReasons,
  isEligible,
  scoreCandidate,
  scoreOnly,
  type ScoringContext,
  withoutPriorities,
} from './match-score.js';
import {
  CEFR_LEVELS,
  ENGAGEMENT_TYPES,
  WORK_MODES,
  type Candidate,
  type Opportunity,
} from './match-types.js';
import type { ProfileMatchDocument } from '@app/profiles';
import { candidateFromDocument } from './match-documents.js';
import { parseMatchingConfig } from './match-weights.js';
import defaults from '../../../config/matching.json' with { type: 'json' };

const NOW = new Date('2026-11-27T12:00:00Z');
const config = parseMatchingConfig(defaults);
const ctx = (overrides: Partial<ScoringContext> = {}): ScoringContext => ({
  weights: config.weights,
  priorityBoostCap: config.priorityBoostCap,
  priorities: [],
  now: NOW,
  ...overrides,
});

const JS = '00000000-0000-4000-8000-00000000000a';
const SQL = '00000000-0000-4000-8000-00000000000b';

function makeOpportunity(overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id: 'o1',
    status: 'open',
    deadline: Date.parse('2027-01-31T00:00:00Z'),
    skills: [
      { skillId: JS, minLevel: 3, mustHave: true },
      { skillId: SQL, minLevel: 2, mustHave: false },
    ],
    languages: [{ code: 'en', minLevel: 'B2' }],
    engagementType: 'freelance',
    workMode: 'remote',
    countries: [],
    hoursPerWeek: 20,
    budget: { type: 'hourly', minEur: 10, maxEur: 20 },
    ...overrides,
  };
}

function makeCandidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    id: 'c1',
    skills: [{ skillId: JS, level: 4, years: 2, verified: false }],
    languages: [{ code: 'en', level: 'C1' }],
    country: 'RS',
    lat: 44.8,
    lng: 20.46,
    workModes: ['remote'],
    engagementTypes: ['freelance'],
    hoursPerWeek: 20,
    availableFrom: Date.parse('2026-11-01'),
    hourlyRateEur: 15,
    openToWork: true,
    lastActiveAt: Date.parse('2026-11-20T00:00:00Z'),
    ...overrides,
  };
}

const sumOfComponents = (s: ReturnType<typeof scoreCandidate>): number =>
  Object.values(s.explanation.components).reduce((sum, c) => sum + (c?.contribution ?? 0), 0);

describe('ineligibilityReasons (hard constraints)', () => {
  it('accepts a candidate meeting every constraint', () => {
    expect(ineligibilityReasons(makeCandidate(), makeOpportunity(), NOW)).toEqual([]);
  });

  it.each<[string, Partial<Candidate>, Partial<Opportunity>, RegExp]>([
    [
      'must-have below level',
      { skills: [{ skillId: JS, level: 2, verified: true }] },
      {},
      /must-have/,
    ],
    [
      'must-have missing',
      { skills: [{ skillId: SQL, level: 5, verified: true }] },
      {},
      /must-have/,
    ],
    ['language too low', { languages: [{ code: 'en', level: 'B1' }] }, {}, /language en/],
    ['not open to work', { openToWork: false }, {}, /open to work/],
    ['work mode', { workModes: ['onsite'] }, {}, /work mode/],
    ['engagement', { engagementTypes: ['full_time'] }, {}, /engagement/],
    ['country', { country: 'AL' }, { countries: ['RS', 'BA'] }, /country/],
    ['available too late', { availableFrom: Date.parse('2027-03-01') }, {}, /after the deadline/],
    ['deadline passed', {}, { deadline: Date.parse('2026-11-01T00:00:00Z') }, /deadline/],
    ['closed', {}, { status: 'closed' }, /not open/],
    [
      'outside radius',
      { workModes: ['onsite'], lat: 41.99, lng: 21.43 },
      { workMode: 'onsite', lat: 44.8, lng: 20.46, radiusKm: 50 },
      /radius/,
    ],
  ])('refuses: %s', (_label, candidate, opportunity, reason) => {
    const reasons = ineligibilityReasons(
      makeCandidate(candidate),
      makeOpportunity(opportunity),
      NOW,
    );
    expect(reasons.join('; ')).toMatch(reason);
  });

  it('needs at least one requested skill even when none is a must-have', () => {
    const opportunity = makeOpportunity({
      skills: [{ skillId: SQL, minLevel: 1, mustHave: false }],
    });
    expect(ineligibilityReasons(makeCandidate(), opportunity, NOW)).toEqual([
      'none of the requested skills',
    ]);
  });
});

describe('scoreCandidate', () => {
  it('explains each component and they add up to the score', () => {
    const s = scoreCandidate(makeCandidate(), makeOpportunity(), ctx());
    expect(s.score).toBeGreaterThan(0.5);
    expect(sumOfComponents(s)).toBeCloseTo(s.score, 5);
    expect(s.explanation.matchedSkills).toEqual([
      { skillId: JS, required: 3, mustHave: true, has: 4, verified: false },
    ]);
    expect(s.explanation.missingSkills.map((m) => m.skillId)).toEqual([SQL]);
    expect(s.explanation.rate).toMatch(/within budget/);
  });

  it('a verified skill outranks the same self-declared level', () => {
    const declared = makeCandidate({ id: 'a' });
    const verified = makeCandidate({
      id: 'b',
      skills: [{ ...declared.skills[0], verified: true }],
    });
    const sa = scoreCandidate(declared, makeOpportunity(), ctx());
    const sb = scoreCandidate(verified, makeOpportunity(), ctx());
    expect(sb.score).toBeGreaterThan(sa.score);
  });

  it('missing data is neutral and says so', () => {
    const s = scoreCandidate(
      makeCandidate({ hourlyRateEur: undefined, availableFrom: undefined }),
      makeOpportunity(),
      ctx(),
    );
    expect(s.explanation.components.rate).toMatchObject({ value: 0.5, note: 'no rate given' });
    expect(s.explanation.components.availability?.note).toBe('no start date given');
  });

  it('components the opportunity does not ask for take no part', () => {
    const s = scoreCandidate(
      makeCandidate(),
      makeOpportunity({ budget: undefined, hoursPerWeek: undefined, languages: [] }),
      ctx(),
    );
    expect(Object.keys(s.explanation.components).sort()).toEqual(
      ['activity', 'availability', 'location', 'skills', 'verified'].sort(),
    );
    const weights = Object.values(s.explanation.components).reduce(
      (a, c) => a + (c?.weight ?? 0),
      0,
    );
    expect(weights).toBeCloseTo(1, 5);
  });

  it('applies a programme priority only with consented inclusion data, capped', () => {
    const priorities = [{ kind: 'sex' as const, value: 'female' as const }];
    const consented = makeCandidate({ id: 'w', inclusion: { sex: 'female', groups: [] } });
    const noConsent = makeCandidate({ id: 'n' });
    const a = scoreCandidate(consented, makeOpportunity(), ctx({ priorities }));
    const b = scoreCandidate(noConsent, makeOpportunity(), ctx({ priorities }));
    expect(a.explanation.priorityBoost).toEqual({
      applied: true,
      category: 'women',
      contribution: 0.1,
    });
    expect(b.explanation.priorityBoost).toEqual({ applied: false, contribution: 0 });
    expect(a.score - b.score).toBeCloseTo(0.1, 5);
  });

  it('without priorities (a reader who may not see them weigh), nothing about them shows and the boost cannot be recovered', () => {
    const priorities = [{ kind: 'sex' as const, value: 'female' as const }];
    const her = makeCandidate({ id: 'w', inclusion: { sex: 'female', groups: [] } });
    const him = makeCandidate({ id: 'm', inclusion: { sex: 'male', groups: [] } });
    const hidden = withoutPriorities(ctx({ priorities }));
    const plain = ctx();
    for (const c of [her, him]) {
      const s = scoreCandidate(c, makeOpportunity(), hidden);
      // exactly the ranking of an opportunity outside any programme
      expect(s).toEqual(scoreCandidate(c, makeOpportunity(), plain));
      expect(scoreOnly(c, makeOpportunity(), hidden)).toBe(s.score);
      expect(s.explanation).not.toHaveProperty('priorityBoost');
      expect(s.explanation.components).not.toHaveProperty('priority');
      expect(JSON.stringify(s)).not.toMatch(/women|female|priority/);
    }
    // two people alike but for their inclusion data score alike
    expect(scoreCandidate(her, makeOpportunity(), hidden).score).toBe(
      scoreCandidate(him, makeOpportunity(), hidden).score,
    );
  });

  it('youth priority uses the age from the birth year', () => {
    const priorities = [{ kind: 'age' as const, min: 15, max: 29 }];
    const young = makeCandidate({ inclusion: { birthYear: 2000, groups: [] } });
    const older = makeCandidate({ inclusion: { birthYear: 1990, groups: [] } });
    expect(
      scoreCandidate(young, makeOpportunity(), ctx({ priorities })).explanation.priorityBoost
        ?.applied,
    ).toBe(true);
    expect(
      scoreCandidate(older, makeOpportunity(), ctx({ priorities })).explanation.priorityBoost
        ?.applied,
    ).toBe(false);
  });

  it('ties break by id, deterministically', () => {
    const scores = ['c', 'a', 'b'].map((id) =>
      scoreCandidate(makeCandidate({ id }), makeOpportunity(), ctx()),
    );
    expect(scores.sort(compareScores).map((s) => s.candidateId)).toEqual(['a', 'b', 'c']);
  });
});

describe('scoreCandidate properties', () => {
  const skillIds = [JS, SQL, '00000000-0000-4000-8000-00000000000c'];
  const candidateArb = fc.record({
    id: fc.uuid(),
    skills: fc.uniqueArray(
      fc.record({
        skillId: fc.constantFrom(...skillIds),
        level: fc.integer({ min: 1, max: 5 }),
        years: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
        verified: fc.boolean(),
      }),
      { selector: (s) => s.skillId, maxLength: 3 },
    ),
    languages: fc.uniqueArray(
      fc.record({
        code: fc.constantFrom('en', 'de', 'sr'),
        level: fc.constantFrom(...CEFR_LEVELS),
      }),
      { selector: (l) => l.code, maxLength: 3 },
    ),
    country: fc.option(fc.constantFrom('RS', 'AL', 'MK'), { nil: undefined }),
    lat: fc.option(fc.double({ min: 40, max: 46, noNaN: true }), { nil: undefined }),
    lng: fc.option(fc.double({ min: 18, max: 23, noNaN: true }), { nil: undefined }),
    workModes: fc.subarray([...WORK_MODES]),
    engagementTypes: fc.subarray([...ENGAGEMENT_TYPES]),
    hoursPerWeek: fc.option(fc.integer({ min: 1, max: 80 }), { nil: undefined }),
    availableFrom: fc.option(
      fc.constantFrom(...['2026-10-01', '2026-12-15', '2027-02-01'].map(Date.parse)),
      {
        nil: undefined,
      },
    ),
    hourlyRateEur: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
    openToWork: fc.boolean(),
    lastActiveAt: fc.option(
      fc.constantFrom(...['2026-11-26T00:00:00Z', '2026-05-01T00:00:00Z'].map(Date.parse)),
      {
        nil: undefined,
      },
    ),
    inclusion: fc.option(
      fc.record({
        sex: fc.option(fc.constantFrom('female' as const, 'male' as const), { nil: undefined }),
        birthYear: fc.option(fc.integer({ min: 1960, max: 2010 }), { nil: undefined }),
        groups: fc.subarray(['roma', 'rural']),
      }),
      { nil: undefined },
    ),
  });
  const opportunityArb = fc.record({
    skills: fc.uniqueArray(
      fc.record({
        skillId: fc.constantFrom(...skillIds),
        minLevel: fc.integer({ min: 1, max: 5 }),
        mustHave: fc.boolean(),
      }),
      { selector: (s) => s.skillId, minLength: 1, maxLength: 3 },
    ),
    hoursPerWeek: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    maxEur: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
    workMode: fc.constantFrom(...WORK_MODES),
  });
  /** A programme's priority boost cap. */
  const capArb = fc.double({ min: 0, max: 0.5, noNaN: true });
  const weightsArb = fc.record({
    skills: fc.integer({ min: 1, max: 100 }),
    verified: fc.integer({ min: 0, max: 100 }),
    languages: fc.integer({ min: 0, max: 100 }),
    hours: fc.integer({ min: 0, max: 100 }),
    availability: fc.integer({ min: 0, max: 100 }),
    rate: fc.integer({ min: 0, max: 100 }),
    location: fc.integer({ min: 0, max: 100 }),
    activity: fc.integer({ min: 0, max: 100 }),
  });

  const opportunityOf = (
    o: typeof opportunityArb extends fc.Arbitrary<infer T> ? T : never,
    more: Partial<Opportunity> = {},
  ): Opportunity =>
    makeOpportunity({
      skills: o.skills,
      hoursPerWeek: o.hoursPerWeek,
      workMode: o.workMode,
      lat: 44.8,
      lng: 20.46,
      budget: { type: 'hourly', maxEur: o.maxEur },
      ...more,
    });

  /** The compact index document the engine would return for this candidate. */
  const documentOf = (c: Candidate): ProfileMatchDocument => ({
    id: c.id,
    matchSkills: c.skills.map((s) => `${s.skillId}:${s.level}:${s.years ?? ''}`),
    verifiedSkillIds: c.skills.filter((s) => s.verified).map((s) => s.skillId),
    matchLanguages: c.languages.map((l) => `${l.code}:${l.level}`),
    country: c.country ?? null,
    ...(c.lat === undefined || c.lng === undefined ? {} : { _geo: { lat: c.lat, lng: c.lng } }),
    workModes: c.workModes,
    engagementTypes: c.engagementTypes,
    hoursPerWeek: c.hoursPerWeek ?? null,
    availableFrom: c.availableFrom === undefined ? null : c.availableFrom / 86_400_000,
    hourlyRateEur: c.hourlyRateEur ?? null,
    openToWork: c.openToWork,
    lastActiveAt: c.lastActiveAt ?? Date.parse('2026-11-20T00:00:00Z'),
  });

  it('a candidate read for one opportunity (its requested skills only) ranks and explains as the whole one', () => {
    fc.assert(
      fc.property(candidateArb, opportunityArb, weightsArb, (c, o, weights) => {
        const opportunity = opportunityOf(o);
        const scoring = { weights, priorityBoostCap: 0.1, priorities: [], now: NOW };
        const doc = documentOf(c as Candidate);
        const whole = candidateFromDocument(doc, c.inclusion);
        const requested = opportunity.skills.map((s) => s.skillId);
        const narrowed = candidateFromDocument(doc, c.inclusion, requested);
        expect(narrowed.skills.every((s) => requested.includes(s.skillId))).toBe(true);
        expect(whole.skills).toHaveLength(c.skills.length);
        expect(isEligible(narrowed, opportunity, NOW)).toBe(isEligible(whole, opportunity, NOW));
        expect(scoreOnly(narrowed, opportunity, scoring)).toBe(
          scoreOnly(whole, opportunity, scoring),
        );
        expect(scoreCandidate(narrowed, opportunity, scoring)).toEqual(
          scoreCandidate(whole, opportunity, scoring),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('the score lies in [0, 1] and equals the sum of its named components', () => {
    fc.assert(
      fc.property(candidateArb, opportunityArb, weightsArb, capArb, (c, o, weights, cap) => {
        const opportunity = opportunityOf(o);
        const s = scoreCandidate(c as Candidate, opportunity, {
          weights,
          priorityBoostCap: cap,
          priorities: [{ kind: 'sex', value: 'female' }],
          now: NOW,
        });
        expect(s.score).toBeGreaterThanOrEqual(0);
        expect(s.score).toBeLessThanOrEqual(1);
        expect(Math.abs(sumOfComponents(s) - s.score)).toBeLessThan(1e-5);
        // a boost only with consented inclusion data; the field only when a boost could weigh
        if (c.inclusion === undefined) expect(s.explanation.priorityBoost?.applied).not.toBe(true);
        expect(s.explanation.priorityBoost !== undefined).toBe(
          s.explanation.components.priority !== undefined,
        );
      }),
      { numRuns: 500 },
    );
  });

  it('ranking without explanations gives the same answers: isEligible and scoreOnly agree with the full path', () => {
    fc.assert(
      fc.property(
        candidateArb,
        opportunityArb,
        weightsArb,
        capArb,
        fc.boolean(),
        fc.option(
          fc.constantFrom(Date.parse('2026-12-01T00:00:00Z'), Date.parse('2027-03-01T00:00:00Z')),
          {
            nil: undefined,
          },
        ),
        (c, o, weights, cap, prioritised, deadline) => {
          const opportunity = opportunityOf(o, {
            radiusKm: 150,
            countries: ['RS', 'MK'],
            deadline,
          });
          const scoring: ScoringContext = {
            weights,
            priorityBoostCap: cap,
            priorities: prioritised ? [{ kind: 'group', value: 'roma' }] : [],
            now: NOW,
          };
          const candidate = c as Candidate;
          expect(isEligible(candidate, opportunity, NOW)).toBe(
            ineligibilityReasons(candidate, opportunity, NOW).length === 0,
          );
          expect(scoreOnly(candidate, opportunity, scoring)).toBe(
            scoreCandidate(candidate, opportunity, scoring).score,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('parseMatchingConfig', () => {
  it('names every bad entry', () => {
    expect(() =>
      parseMatchingConfig({
        weights: { ...defaults.weights, skills: -1, charm: 3 },
        priorityBoostCap: 2,
        programmes: { p: { weights: { rate: 'high' } } },
      }),
    ).toThrow(/weights\.charm.*weights\.skills.*priorityBoostCap.*programmes\.p\.weights\.rate/);
  });
});
