import { unmetRank, type SkillGap } from '@app/reporting';
import type { SkillAtLevel } from './training-values.js';

/** One taught skill that closes open gaps: where, and how many openings wait for it. */
export interface CoveredSkill {
  skillId: string;
  /** The level the course teaches. */
  level: number;
  /** Countries of the gaps it closes (null: work open to people anywhere). */
  countries: (string | null)[];
  openings: number;
}

/** How much of the open skill gaps a course would close. */
export interface GapCoverage {
  /** Open gaps (skill × country) one of its skills closes. */
  gaps: number;
  /** Their unmet must-have openings (all must-have openings where the supply is suppressed). */
  openings: number;
  skills: CoveredSkill[];
}

/**
 * A course closes a gap when it teaches the gap's skill at the level supply is counted at, or
 * above: its graduates would count as supply there.
 */
export function gapCoverage(
  taught: readonly SkillAtLevel[],
  gaps: readonly SkillGap[],
): GapCoverage {
  const skills: CoveredSkill[] = [];
  for (const s of taught) {
    const closed = gaps.filter((g) => g.skillId === s.skillId && s.level >= g.supply.level);
    if (closed.length === 0) continue;
    skills.push({
      skillId: s.skillId,
      level: s.level,
      countries: closed.map((g) => g.country),
      openings: closed.reduce((sum, g) => sum + unmetRank(g), 0),
    });
  }
  skills.sort((a, b) => b.openings - a.openings || a.skillId.localeCompare(b.skillId));
  return {
    gaps: skills.reduce((sum, s) => sum + s.countries.length, 0),
    openings: skills.reduce((sum, s) => sum + s.openings, 0),
    skills,
  };
}

/** Most gaps closed first, then most openings. */
export function compareCoverage(a: GapCoverage, b: GapCoverage): number {
  return b.gaps - a.gaps || b.openings - a.openings;
}
