import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  compareGaps,
  demandCells,
  isGap,
  publishSkillGaps,
  publishSupply,
  unmetOf,
  type RawSkillGap,
} from './skill-gaps.js';

const raw = (over: Partial<RawSkillGap>): RawSkillGap => ({
  skillId: 's',
  country: 'XK',
  level: 2,
  byLevel: [
    {
      minLevel: 2,
      mustHave: { requests: 1, openings: 3 },
      niceToHave: { requests: 0, openings: 0 },
    },
  ],
  people: 10,
  verified: 5,
  ...over,
});

describe('publishSupply', () => {
  it('hides people below the threshold, 0 included', () => {
    expect(publishSupply(0, 0, 5)).toEqual({ people: null, verified: null });
    expect(publishSupply(4, 4, 5)).toEqual({ people: null, verified: null });
    expect(publishSupply(12, 7, 5)).toEqual({ people: 12, verified: 7 });
  });

  it('hides verified when its complement (the unverified holders) is small', () => {
    expect(publishSupply(12, 9, 5)).toEqual({ people: 12, verified: null });
    expect(publishSupply(12, 12, 5)).toEqual({ people: 12, verified: null });
    expect(publishSupply(12, 2, 5)).toEqual({ people: 12, verified: null });
  });

  it('never publishes a count, or a difference of published counts, below the threshold', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.nat(60), fc.integer({ min: 2, max: 10 }), (a, b, threshold) => {
        const people = Math.max(a, b);
        const verified = Math.min(a, b);
        const out = publishSupply(people, verified, threshold);
        if (out.people !== null) expect(out.people).toBeGreaterThanOrEqual(threshold);
        if (out.verified !== null) {
          expect(out.people).not.toBeNull();
          expect(out.verified).toBeGreaterThanOrEqual(threshold);
          expect((out.people as number) - out.verified).toBeGreaterThanOrEqual(threshold);
        }
      }),
    );
  });
});

describe('unmet and gaps', () => {
  it('counts must-have openings beyond the people, null when the people are hidden', () => {
    expect(unmetOf(5, 4)).toBe(1);
    expect(unmetOf(3, 10)).toBe(0);
    expect(unmetOf(3, null)).toBeNull();
    expect(unmetOf(0, null)).toBe(0);
  });

  it('publishes demand totals and ranks by unmet, a hidden supply by its must-have openings', () => {
    const [short, hidden, niceOnly, covered] = publishSkillGaps(
      [
        raw({ skillId: 'short', people: 5, verified: 0 }), // 3 openings, 5 people: 0 unmet
        raw({ skillId: 'hidden', people: 1, verified: 1 }),
        raw({
          skillId: 'nice',
          byLevel: [
            {
              minLevel: 1,
              mustHave: { requests: 0, openings: 0 },
              niceToHave: { requests: 2, openings: 4 },
            },
          ],
          people: 0,
          verified: 0,
        }),
        raw({
          skillId: 'covered',
          byLevel: [
            {
              minLevel: 2,
              mustHave: { requests: 2, openings: 9 },
              niceToHave: { requests: 0, openings: 0 },
            },
            {
              minLevel: 4,
              mustHave: { requests: 0, openings: 0 },
              niceToHave: { requests: 1, openings: 1 },
            },
          ],
          people: 6,
          verified: 0,
        }),
      ],
      5,
    );
    expect(short.unmet).toBe(0);
    expect(isGap(short)).toBe(false);
    expect(hidden).toMatchObject({ supply: { people: null, verified: null }, unmet: null });
    expect(isGap(hidden)).toBe(true);
    expect(niceOnly.unmet).toBe(0);
    expect(isGap(niceOnly)).toBe(false);
    expect(covered.demand).toMatchObject({
      requests: 3,
      openings: 10,
      mustHave: { requests: 2, openings: 9 },
      niceToHave: { requests: 1, openings: 1 },
    });
    expect(covered.unmet).toBe(3);
    expect([short, hidden, niceOnly, covered].sort(compareGaps).map((g) => g.skillId)).toEqual([
      'covered',
      'hidden',
      'short',
      'nice',
    ]);
  });
});

describe('demandCells', () => {
  const ask = (over: Partial<Parameters<typeof demandCells>[0][number]>) => ({
    skillId: 'sql',
    country: 'XK' as string | null,
    minLevel: 2,
    mustHave: true,
    openings: 1,
    counted: true,
    ...over,
  });

  it('splits demand by level and kind, and counts supply at the lowest must-have level of every ask', () => {
    expect(
      demandCells([
        ask({ minLevel: 3, openings: 2 }),
        ask({ minLevel: 3, mustHave: false, openings: 4 }),
        ask({ minLevel: 1, counted: false }), // closed before the window: sets the level only
        ask({ country: null, minLevel: 4, mustHave: false }),
        ask({ skillId: 'js', counted: false }), // no counted demand: no cell
      ]),
    ).toEqual([
      {
        skillId: 'sql',
        country: 'XK',
        level: 1,
        byLevel: [
          {
            minLevel: 3,
            mustHave: { requests: 1, openings: 2 },
            niceToHave: { requests: 1, openings: 4 },
          },
        ],
      },
      {
        skillId: 'sql',
        country: null,
        level: 4,
        byLevel: [
          {
            minLevel: 4,
            mustHave: { requests: 0, openings: 0 },
            niceToHave: { requests: 1, openings: 1 },
          },
        ],
      },
    ]);
  });
});
