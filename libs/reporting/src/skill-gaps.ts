import { suppressColumn } from './cell-suppression.js';

/** Requests (work requests and listings) and their openings. */
export interface DemandCount {
  requests: number;
  openings: number;
}

const NONE: DemandCount = { requests: 0, openings: 0 };

/** Demand at one minimum level, split by must-have and nice-to-have. */
export interface DemandAtLevel {
  minLevel: number;
  mustHave: DemandCount;
  niceToHave: DemandCount;
}

/** One skill asked by one request for one country, as the demand reader gives it. */
export interface DemandAsk {
  skillId: string;
  country: string | null;
  minLevel: number;
  mustHave: boolean;
  openings: number;
  /** Demand now; the other asks only set the level supply is counted at. */
  counted: boolean;
}

/** A skill and country with demand, the level its supply is counted at, and the demand by level. */
export interface DemandCell {
  skillId: string;
  country: string | null;
  level: number;
  byLevel: DemandAtLevel[];
}

/**
 * The cells of the asks that count: per skill and country, the demand by minimum level, and the
 * level supply is counted at — the lowest must-have level (the lowest level when never a
 * must-have) over **every** ask, counted or not, so that the level does not move with the window
 * and two reports cannot be subtracted into the holders of one level.
 */
export function demandCells(asks: readonly DemandAsk[]): DemandCell[] {
  const cells = new Map<
    string,
    DemandCell & { mustLevel: number | null; anyLevel: number; counted: boolean }
  >();
  for (const a of asks) {
    const key = `${a.skillId}|${a.country ?? ''}`;
    let cell = cells.get(key);
    if (cell === undefined) {
      cell = {
        skillId: a.skillId,
        country: a.country,
        level: a.minLevel,
        byLevel: [],
        mustLevel: null,
        anyLevel: a.minLevel,
        counted: false,
      };
      cells.set(key, cell);
    }
    cell.anyLevel = Math.min(cell.anyLevel, a.minLevel);
    if (a.mustHave) cell.mustLevel = Math.min(cell.mustLevel ?? a.minLevel, a.minLevel);
    if (!a.counted) continue;
    cell.counted = true;
    let at = cell.byLevel.find((l) => l.minLevel === a.minLevel);
    if (at === undefined) {
      at = { minLevel: a.minLevel, mustHave: { ...NONE }, niceToHave: { ...NONE } };
      cell.byLevel.push(at);
    }
    const side = a.mustHave ? at.mustHave : at.niceToHave;
    side.requests += 1;
    side.openings += a.openings;
  }
  return [...cells.values()]
    .filter((c) => c.counted)
    .map((c) => ({
      skillId: c.skillId,
      country: c.country,
      level: c.mustLevel ?? c.anyLevel,
      byLevel: c.byLevel.sort((x, y) => x.minLevel - y.minLevel),
    }));
}

/** One skill in one country (null: work open to people anywhere) as counted, before publication. */
export interface RawSkillGap {
  skillId: string;
  country: string | null;
  /** The level supply is counted at (see `SkillGapsRepository`). */
  level: number;
  byLevel: DemandAtLevel[];
  people: number;
  verified: number;
}

/** A skill gap as it may be published: demand, suppressed supply and the unmet openings. */
export interface SkillGap {
  skillId: string;
  country: string | null;
  demand: DemandCount & {
    mustHave: DemandCount;
    niceToHave: DemandCount;
    byLevel: DemandAtLevel[];
  };
  supply: { level: number; people: number | null; verified: number | null };
  /** max(0, must-have openings − people); null when the supply is suppressed. */
  unmet: number | null;
}

const add = (a: DemandCount, b: DemandCount): DemandCount => ({
  requests: a.requests + b.requests,
  openings: a.openings + b.openings,
});

/**
 * Supply is a count of people, so it is suppressed like the indicators: `people` below the
 * threshold is null (0 included), and `verified` is one line with its complement (the unverified
 * holders, `people − verified`) under the margin `people`: both are published only when both
 * reach the threshold, else neither could be told from the other (`suppressColumn`).
 */
export function publishSupply(
  people: number,
  verified: number,
  threshold: number,
): { people: number | null; verified: number | null } {
  const line = suppressColumn([verified, people - verified], people, threshold);
  return { people: line.total ? null : people, verified: line.cells[0] ? null : verified };
}

/**
 * The must-have openings the people open to work cannot fill, even if each took one opening:
 * max(0, openings − people). Null when the supply is suppressed (with the openings published, the
 * unmet figure would give the people away); 0 when nobody asks the skill as a must-have.
 */
export function unmetOf(mustHaveOpenings: number, people: number | null): number | null {
  if (mustHaveOpenings === 0) return 0;
  return people === null ? null : Math.max(0, mustHaveOpenings - people);
}

/**
 * An open gap: the skill is a must-have somewhere and the people who hold it are fewer than the
 * openings, or too few to publish (below the threshold). Both the skill-gaps report and the
 * course ranking by gap coverage use this one rule (training's `SkillGapsService`).
 */
export function isGap(gap: SkillGap): boolean {
  return gap.demand.mustHave.openings > 0 && (gap.unmet === null || gap.unmet > 0);
}

/**
 * How a gap ranks: its unmet openings, or for a suppressed supply every must-have opening (all
 * of them may be unmet, and the ranking must use only published figures).
 */
export function unmetRank(gap: SkillGap): number {
  return gap.unmet ?? gap.demand.mustHave.openings;
}

/** Publishes raw gaps: demand totals, supply suppressed, unmet derived from the published supply. */
export function publishSkillGaps(raw: readonly RawSkillGap[], threshold: number): SkillGap[] {
  return raw.map((r) => {
    const byLevel = [...r.byLevel].sort((a, b) => a.minLevel - b.minLevel);
    const mustHave = byLevel.reduce((sum, l) => add(sum, l.mustHave), NONE);
    const niceToHave = byLevel.reduce((sum, l) => add(sum, l.niceToHave), NONE);
    const supply = publishSupply(r.people, r.verified, threshold);
    return {
      skillId: r.skillId,
      country: r.country,
      demand: { ...add(mustHave, niceToHave), mustHave, niceToHave, byLevel },
      supply: { level: r.level, ...supply },
      unmet: unmetOf(mustHave.openings, supply.people),
    };
  });
}

/** Most unmet first, then most must-have openings, most openings, then by skill and country. */
export function compareGaps(a: SkillGap, b: SkillGap): number {
  return (
    unmetRank(b) - unmetRank(a) ||
    b.demand.mustHave.openings - a.demand.mustHave.openings ||
    b.demand.openings - a.demand.openings ||
    a.skillId.localeCompare(b.skillId) ||
    (a.country ?? '~').localeCompare(b.country ?? '~')
  );
}
