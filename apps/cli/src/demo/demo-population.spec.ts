import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../bench/profile-population.js';
import {
  FITS_PER_EMPLOYER,
  NEAR_MISSES_PER_EMPLOYER,
  demoRequestBody,
  generateDemoProfiles,
  hoursFor,
  type DemoEmployer,
  type ResolvedOccupation,
} from './demo-population.js';

const occupation = (label: string, prefix: string): ResolvedOccupation => ({
  label,
  headline: label.charAt(0).toUpperCase() + label.slice(1),
  description: `What a ${label} does.`,
  core: [`${prefix}1`, `${prefix}2`, `${prefix}3`],
  essential: [`${prefix}1`, `${prefix}2`, `${prefix}3`, `${prefix}4`, `${prefix}5`],
  optional: [`${prefix}6`, `${prefix}7`],
});
const OCCUPATIONS = [
  occupation('customer service representative', 'cs'),
  occupation('software developer', 'sd'),
];
const EMPLOYERS: DemoEmployer[] = [
  {
    key: 'tirana',
    name: 'Tirana Support',
    country: 'AL',
    city: 'Tirana',
    occupation: 'customer service representative',
  },
  {
    key: 'nssoft',
    name: 'Novi Sad Software',
    country: 'RS',
    city: 'Novi Sad',
    occupation: 'software developer',
  },
];
const NOW = new Date('2026-12-02T10:00:00Z');

describe('generateDemoProfiles', () => {
  const profiles = generateDemoProfiles(40, 2026, OCCUPATIONS, EMPLOYERS, NOW);

  it('gives each person only the skills of their occupation, headed by its label', () => {
    for (const p of profiles) {
      const o = OCCUPATIONS.find((x) => x.label === p.occupation) as ResolvedOccupation;
      expect(p.headline).toBe(o.headline);
      expect(p.skills.length).toBeGreaterThan(0);
      for (const s of p.skills) expect([...o.essential, ...o.optional]).toContain(s.skillId);
    }
  });

  it("casts people who fit each employer's work and near misses lacking its first core skill", () => {
    for (const employer of EMPLOYERS) {
      const o = OCCUPATIONS.find((x) => x.label === employer.occupation) as ResolvedOccupation;
      const cast = profiles.filter((p) => p.occupation === o.label && p.role !== 'other');
      const fits = cast.filter((p) => p.role === 'fit');
      const near = cast.filter((p) => p.role === 'near');
      expect([fits.length, near.length]).toEqual([FITS_PER_EMPLOYER, NEAR_MISSES_PER_EMPLOYER]);
      for (const p of cast) {
        expect(p.city).toBe(employer.city);
        expect(p.openToWork).toBe(true);
        expect(p.visibility).toBe('companies');
        const held = new Map(p.skills.map((s) => [s.skillId, s.level]));
        expect(held.has(o.core[0])).toBe(p.role === 'fit');
        for (const id of o.core.slice(1)) expect(held.get(id)).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('is the same for the same seed', () => {
    expect(generateDemoProfiles(40, 2026, OCCUPATIONS, EMPLOYERS, NOW)).toEqual(profiles);
  });
});

describe('hours and requests', () => {
  it('asks for hours that fit the engagement', () => {
    const rnd = seededRandom(1);
    for (let i = 0; i < 200; i += 1) {
      expect(hoursFor('full_time', rnd)).toBeGreaterThanOrEqual(35);
      const part = hoursFor('part_time', rnd);
      expect(part >= 10 && part <= 30).toBe(true);
      const internship = hoursFor('internship', rnd);
      expect(internship >= 20 && internship <= 40).toBe(true);
    }
    const rnd2 = seededRandom(2);
    for (let i = 0; i < 50; i += 1) {
      const body = demoRequestBody(EMPLOYERS[0], OCCUPATIONS[0], i, rnd2, NOW);
      if (body.engagementType === 'full_time') {
        expect(body.hoursPerWeek as number).toBeGreaterThanOrEqual(35);
        expect(body.hoursPerWeek as number).toBeLessThanOrEqual(40);
      }
      // the company's own country, or remote anywhere
      if (body.countries !== undefined) expect(body.countries).toEqual(['AL']);
      const skills = body.skills as { skillId: string; mustHave: boolean }[];
      expect(skills[0]).toMatchObject({ skillId: 'cs1', mustHave: true });
    }
  });
});
