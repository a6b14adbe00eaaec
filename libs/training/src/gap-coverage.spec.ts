import { describe, expect, it } from '@jest/globals';
import type { SkillGap } from '@app/reporting';
import { compareCoverage, gapCoverage } from './gap-coverage.js';

const gap = (
  skillId: string,
  country: string | null,
  level: number,
  unmet: number | null,
  mustOpenings = 4,
): SkillGap => ({
  skillId,
  country,
  demand: {
    requests: 1,
    openings: mustOpenings,
    mustHave: { requests: 1, openings: mustOpenings },
    niceToHave: { requests: 0, openings: 0 },
    byLevel: [],
  },
  supply: { level, people: unmet === null ? null : 10, verified: null },
  unmet,
});

describe('gapCoverage', () => {
  const gaps = [gap('sql', 'XK', 2, 3), gap('sql', null, 3, null, 6), gap('js', 'AL', 1, 2)];

  it('closes the gaps whose skill it teaches at their supply level or above', () => {
    expect(gapCoverage([{ skillId: 'sql', level: 2 }], gaps)).toEqual({
      gaps: 1,
      openings: 3,
      skills: [{ skillId: 'sql', level: 2, countries: ['XK'], openings: 3 }],
    });
    // level 3 also closes the anywhere gap, whose hidden supply counts every must-have opening
    expect(
      gapCoverage(
        [
          { skillId: 'sql', level: 3 },
          { skillId: 'js', level: 1 },
        ],
        gaps,
      ),
    ).toEqual({
      gaps: 3,
      openings: 11,
      skills: [
        { skillId: 'sql', level: 3, countries: ['XK', null], openings: 9 },
        { skillId: 'js', level: 1, countries: ['AL'], openings: 2 },
      ],
    });
    expect(gapCoverage([{ skillId: 'python', level: 5 }], gaps)).toEqual({
      gaps: 0,
      openings: 0,
      skills: [],
    });
  });

  it('ranks by gaps closed, then openings', () => {
    const a = gapCoverage([{ skillId: 'sql', level: 5 }], gaps);
    const b = gapCoverage([{ skillId: 'js', level: 5 }], gaps);
    expect(compareCoverage(a, b)).toBeLessThan(0);
  });
});
