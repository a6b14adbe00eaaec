import { describe, expect, it } from '@jest/globals';
import { GeoCover, geoCellKeys } from '@app/geonames';
import fc from 'fast-check';
import { candidateFilter, nearMissFilter } from './match-filters.js';
import { ineligibilityReasons, isEligible } from './match-score.js';
import {
  CEFR_LEVELS,
  ENGAGEMENT_TYPES,
  WORK_MODES,
  type Candidate,
  type Opportunity,
} from './match-types.js';
import { describeGap, nearMissGap } from './near-miss.js';

const NOW = new Date('2026-11-27T12:00:00Z');
const DAY = 86_400_000;
const JS = '00000000-0000-4000-8000-00000000000a';
const SQL = '00000000-0000-4000-8000-00000000000b';
const DEADLINE = Date.parse('2026-12-14T12:00:00Z');
// Novi Sad; Belgrade is ~70 km away
const NOVI_SAD = { lat: 45.2671, lng: 19.8335 };
const BELGRADE = { lat: 44.8125, lng: 20.4612 };

function opportunity(overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id: 'o1',
    status: 'open',
    deadline: DEADLINE,
    skills: [
      { skillId: JS, minLevel: 3, mustHave: true },
      { skillId: SQL, minLevel: 2, mustHave: false },
    ],
    languages: [{ code: 'de', minLevel: 'B2' }],
    engagementType: 'part_time',
    workMode: 'hybrid',
    countries: ['RS'],
    ...NOVI_SAD,
    radiusKm: 50,
    ...overrides,
  };
}

function candidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    id: 'c1',
    skills: [
      { skillId: JS, level: 3, verified: false },
      { skillId: SQL, level: 2, verified: false },
    ],
    languages: [{ code: 'de', level: 'B2' }],
    country: 'RS',
    ...NOVI_SAD,
    workModes: ['hybrid', 'remote'],
    engagementTypes: ['part_time'],
    availableFrom: Date.parse('2026-12-01'),
    openToWork: true,
    ...overrides,
  };
}

describe('nearMissGap (the one-constraint classifier)', () => {
  it('is undefined for an eligible person', () => {
    expect(isEligible(candidate(), opportunity(), NOW)).toBe(true);
    expect(nearMissGap(candidate(), opportunity(), NOW)).toBeUndefined();
  });

  it('names a must-have skill that is missing', () => {
    const c = candidate({ skills: [{ skillId: SQL, level: 4, verified: false }] });
    expect(nearMissGap(c, opportunity(), NOW)).toEqual({
      kind: 'skill_missing',
      skillId: JS,
      required: 3,
    });
  });

  it('names a must-have skill one level short, but not two', () => {
    const at = (level: number) =>
      candidate({
        skills: [
          { skillId: JS, level, verified: false },
          { skillId: SQL, level: 2, verified: false },
        ],
      });
    expect(nearMissGap(at(2), opportunity(), NOW)).toEqual({
      kind: 'skill_level',
      skillId: JS,
      required: 3,
      has: 2,
    });
    expect(nearMissGap(at(1), opportunity(), NOW)).toBeUndefined();
  });

  it('does not count a nice-to-have skill as a gap', () => {
    const c = candidate({ skills: [{ skillId: JS, level: 5, verified: false }] });
    expect(isEligible(c, opportunity(), NOW)).toBe(true);
    expect(nearMissGap(c, opportunity(), NOW)).toBeUndefined();
  });

  it('names a language one CEFR step short, not two and not a missing one', () => {
    const speaking = (level: 'B1' | 'A2') => candidate({ languages: [{ code: 'de', level }] });
    expect(nearMissGap(speaking('B1'), opportunity(), NOW)).toEqual({
      kind: 'language',
      code: 'de',
      required: 'B2',
      has: 'B1',
    });
    expect(nearMissGap(speaking('A2'), opportunity(), NOW)).toBeUndefined();
    expect(nearMissGap(candidate({ languages: [] }), opportunity(), NOW)).toBeUndefined();
  });

  it('names a distance outside the radius by at most half of it', () => {
    // Belgrade is ~70 km from Novi Sad: within 1.5 × 50 km, outside 1.5 × 40 km
    const gap = nearMissGap(candidate(BELGRADE), opportunity(), NOW);
    expect(gap).toMatchObject({ kind: 'distance', radiusKm: 50 });
    expect(gap?.kind === 'distance' && gap.distanceKm).toBeGreaterThan(60);
    expect(nearMissGap(candidate(BELGRADE), opportunity({ radiusKm: 40 }), NOW)).toBeUndefined();
    // an unknown town is never a near miss where a radius applies
    expect(
      nearMissGap(candidate({ lat: undefined, lng: undefined }), opportunity(), NOW),
    ).toBeUndefined();
  });

  it('names availability up to 14 days after the deadline', () => {
    const from = (day: string) => candidate({ availableFrom: Date.parse(day) });
    // the deadline is 14 December at noon: the 28th is 13.5 days later, the 29th 14.5
    expect(nearMissGap(from('2026-12-20'), opportunity(), NOW)).toEqual({
      kind: 'availability',
      deadline: DEADLINE,
      availableFrom: Date.parse('2026-12-20'),
      daysLate: 6,
    });
    expect(nearMissGap(from('2026-12-28'), opportunity(), NOW)).toMatchObject({ daysLate: 14 });
    expect(nearMissGap(from('2026-12-29'), opportunity(), NOW)).toBeUndefined();
  });

  it('names a work mode or an engagement type not ticked', () => {
    expect(nearMissGap(candidate({ workModes: ['remote'] }), opportunity(), NOW)).toEqual({
      kind: 'work_mode',
      required: 'hybrid',
      accepted: ['remote'],
    });
    expect(
      nearMissGap(candidate({ engagementTypes: ['freelance', 'full_time'] }), opportunity(), NOW),
    ).toEqual({ kind: 'engagement', required: 'part_time', accepted: ['freelance', 'full_time'] });
  });

  it('is undefined for a person failing two constraints, each of them near', () => {
    const c = candidate({ workModes: ['remote'], languages: [{ code: 'de', level: 'B1' }] });
    expect(ineligibilityReasons(c, opportunity(), NOW)).toHaveLength(2);
    expect(nearMissGap(c, opportunity(), NOW)).toBeUndefined();
    const twoSkills = opportunity({
      skills: [
        { skillId: JS, minLevel: 3, mustHave: true },
        { skillId: SQL, minLevel: 3, mustHave: true },
      ],
    });
    const bothShort = candidate({
      skills: [
        { skillId: JS, level: 2, verified: false },
        { skillId: SQL, level: 2, verified: false },
      ],
    });
    expect(nearMissGap(bothShort, twoSkills, NOW)).toBeUndefined();
  });

  it('never relaxes openness, the country, holding a requested skill or the opportunity being open', () => {
    expect(nearMissGap(candidate({ openToWork: false }), opportunity(), NOW)).toBeUndefined();
    expect(nearMissGap(candidate({ country: 'AL' }), opportunity(), NOW)).toBeUndefined();
    // the only requested skill is a must-have the person lacks: they hold none of them
    const onlyJs = opportunity({ skills: [{ skillId: JS, minLevel: 3, mustHave: true }] });
    const sqlOnly = candidate({ skills: [{ skillId: SQL, level: 5, verified: false }] });
    expect(nearMissGap(sqlOnly, onlyJs, NOW)).toBeUndefined();
    const closedGap = candidate({ workModes: ['remote'] });
    expect(nearMissGap(closedGap, opportunity({ status: 'closed' }), NOW)).toBeUndefined();
    expect(
      nearMissGap(closedGap, opportunity({ deadline: NOW.getTime() - DAY }), NOW),
    ).toBeUndefined();
  });

  it('a near miss always fails exactly one hard constraint, and an eligible person never is one', () => {
    const skills = fc.uniqueArray(
      fc.record({
        skillId: fc.constantFrom(JS, SQL),
        level: fc.integer({ min: 1, max: 5 }),
        verified: fc.constant(false),
      }),
      { selector: (s) => s.skillId, maxLength: 2 },
    );
    const arb = fc.record({
      skills,
      level: fc.constantFrom(...CEFR_LEVELS),
      modes: fc.subarray([...WORK_MODES]),
      engagements: fc.subarray([...ENGAGEMENT_TYPES]),
      lat: fc.double({ min: 44, max: 46, noNaN: true }),
      lateDays: fc.integer({ min: -30, max: 30 }),
      minJs: fc.integer({ min: 1, max: 5 }),
      sqlMust: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const o = opportunity({
          skills: [
            { skillId: JS, minLevel: a.minJs, mustHave: true },
            { skillId: SQL, minLevel: 2, mustHave: a.sqlMust },
          ],
        });
        const c = candidate({
          skills: a.skills,
          languages: [{ code: 'de', level: a.level }],
          workModes: a.modes,
          engagementTypes: a.engagements,
          lat: a.lat,
          availableFrom: DEADLINE + a.lateDays * DAY,
        });
        const gap = nearMissGap(c, o, NOW);
        const reasons = ineligibilityReasons(c, o, NOW);
        if (reasons.length === 0) expect(gap).toBeUndefined();
        if (gap !== undefined) expect(reasons).toHaveLength(1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('describeGap (what a broker tells the person)', () => {
  it('names the skill, the levels, the language, kilometres and days', () => {
    expect(
      describeGap({ kind: 'skill_level', skillId: JS, required: 3, has: 2 }, 'JavaScript'),
    ).toBe('JavaScript at level 2; level 3 is asked for (must-have)');
    expect(describeGap({ kind: 'skill_missing', skillId: JS, required: 3 }, 'JavaScript')).toBe(
      'No JavaScript on the profile; level 3 is asked for (must-have)',
    );
    expect(describeGap({ kind: 'language', code: 'de', required: 'B2', has: 'B1' })).toBe(
      'German at B1; B2 is asked for',
    );
    expect(describeGap({ kind: 'distance', radiusKm: 50, distanceKm: 70.4 })).toBe(
      'Lives about 70 km away; the work asks for at most 50 km (21 km too far)',
    );
    expect(
      describeGap({
        kind: 'availability',
        deadline: DEADLINE,
        availableFrom: Date.parse('2026-12-20'),
        daysLate: 6,
      }),
    ).toBe('Available from 2026-12-20, 6 days after the deadline (2026-12-14)');
    expect(describeGap({ kind: 'work_mode', required: 'onsite', accepted: ['remote'] })).toBe(
      'Did not tick on-site work (ticked: remote work)',
    );
    expect(describeGap({ kind: 'engagement', required: 'full_time', accepted: [] })).toBe(
      'Did not tick full-time work (ticked: none)',
    );
  });
});

const SUBOTICA = { lat: 46.1, lng: 19.6653 };
const COVER = new GeoCover([NOVI_SAD, BELGRADE, SUBOTICA]);
/** Whether a document at this town meets the filter's radius part. */
function lives(filter: string, at: { lat: number; lng: number }): boolean {
  const list = /geoCells IN \[([^\]]*)\]/.exec(filter)?.[1] ?? '';
  const keys = new Set(list.split(', ').map((k) => JSON.parse(k) as string));
  return geoCellKeys(at.lat, at.lng).some((k) => keys.has(k));
}

describe('nearMissFilter', () => {
  it('widens each relaxable part to its near extent and lets at most one strict part fail', () => {
    const text = nearMissFilter(opportunity(), ['companies'], COVER)?.toString() ?? '';
    // radius × 1.5 (Belgrade, ~70 km from Novi Sad, is in; Subotica, ~94 km, is not), 14 more
    // days, one CEFR step and one level lower
    expect(lives(text, NOVI_SAD)).toBe(true);
    expect(lives(text, BELGRADE)).toBe(true);
    expect(lives(text, SUBOTICA)).toBe(false);
    expect(text).toContain(`availableFrom <= ${Math.floor(DEADLINE / DAY) + 14}`);
    expect(text).toContain('languageLevels = "de:B1"');
    expect(text).toContain(`skillLevels = "${JS}:2"`);
    expect(text).toContain(`skillIds != "${JS}"`);
    // …and still holds every strict facet part, in an OR of "all but one"
    const strict = candidateFilter(opportunity(), ['companies'], COVER)?.toString() ?? '';
    expect(lives(strict, NOVI_SAD)).toBe(true);
    expect(lives(strict, BELGRADE)).toBe(false);
    expect(text).toContain(' OR ');
    expect(text).toMatch(/OR \(.*workModes = "hybrid"/);
    expect(text).toMatch(/OR \(.*languageLevels = "de:B2"/);
    // the radius and the availability range stand once, at their near extent, outside the OR
    expect(text.match(/geoCells IN/g)).toHaveLength(1);
    expect(text.match(/availableFrom <=/g)).toHaveLength(1);
  });

  it('is undefined when the viewer may see no profile', () => {
    expect(nearMissFilter(opportunity(), [], COVER)).toBeUndefined();
  });

  it('is undefined when no known town lies within the widened radius', () => {
    const far = new GeoCover([SUBOTICA]);
    expect(nearMissFilter(opportunity(), ['companies'], far)).toBeUndefined();
    expect(candidateFilter(opportunity(), ['companies'], far)).toBeUndefined();
    // within 1.5 × the radius but not the radius: near misses only
    const near = new GeoCover([BELGRADE]);
    expect(candidateFilter(opportunity(), ['companies'], near)).toBeUndefined();
    expect(
      lives(nearMissFilter(opportunity(), ['companies'], near)?.toString() ?? '', BELGRADE),
    ).toBe(true);
  });
});
