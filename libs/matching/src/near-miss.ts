import { distanceKm } from './match-score.js';
import {
  CEFR_LEVELS,
  type Candidate,
  type CefrLevel,
  type EngagementType,
  type Opportunity,
  type WorkMode,
} from './match-types.js';

const DAY_MS = 86_400_000;

/**
 * How far a near miss may be from a constraint it fails: outside the radius by at most half of
 * it, available at most 14 days after the deadline, one CEFR step short of a language, a
 * must-have skill one level short or not held at all.
 */
export const NEAR_MISS_RANGE = { radiusShare: 0.5, lateDays: 14 } as const;

/** The one hard constraint a near miss fails, with the facts that describe it. */
export type NearMissGap =
  | { kind: 'skill_missing'; skillId: string; required: number }
  | { kind: 'skill_level'; skillId: string; required: number; has: number }
  | { kind: 'language'; code: string; required: CefrLevel; has: CefrLevel }
  | { kind: 'distance'; radiusKm: number; distanceKm: number }
  | { kind: 'availability'; deadline: number; availableFrom: number; daysLate: number }
  | { kind: 'work_mode'; required: WorkMode; accepted: WorkMode[] }
  | { kind: 'engagement'; required: EngagementType; accepted: EngagementType[] };

export type NearMissGapKind = NearMissGap['kind'];
export const NEAR_MISS_GAP_KINDS: readonly NearMissGapKind[] = [
  'skill_missing',
  'skill_level',
  'language',
  'distance',
  'availability',
  'work_mode',
  'engagement',
];

/** The level one CEFR step below `level`, or undefined below A1. */
export function cefrStepBelow(level: CefrLevel): CefrLevel | undefined {
  const i = CEFR_LEVELS.indexOf(level);
  return i > 0 ? CEFR_LEVELS[i - 1] : undefined;
}

/** Whole days from `deadline` to `availableFrom` (epoch ms), counting a started day. */
export const daysLate = (availableFrom: number, deadline: number): number =>
  Math.ceil((availableFrom - deadline) / DAY_MS);

/**
 * The single hard constraint `c` fails for `o`, when it fails exactly one and only by a little
 * ({@link NEAR_MISS_RANGE}); undefined when the person is eligible, fails two or more
 * constraints, fails one by more than that, or fails one that is never relaxed: the opportunity
 * open with its deadline ahead, the person open to work, holding at least one requested skill,
 * in a requested country, with a known town where a radius applies. Visibility is enforced by
 * the query that loads candidates, exactly as for eligible ones.
 */
export function nearMissGap(c: Candidate, o: Opportunity, now: Date): NearMissGap | undefined {
  if (o.status !== 'open') return undefined;
  if (o.deadline !== undefined && o.deadline <= now.getTime()) return undefined;
  if (!c.openToWork) return undefined;
  if (o.countries.length > 0 && (c.country === undefined || !o.countries.includes(c.country))) {
    return undefined;
  }
  let gap: NearMissGap | undefined;
  let failures = 0;
  /** Records a relaxable failure; false when the person fails by too much or more than once. */
  const fail = (g: NearMissGap | undefined): boolean => {
    failures += 1;
    gap = g;
    return g !== undefined && failures === 1;
  };

  let holdsAny = false;
  for (const req of o.skills) {
    const has = c.skills.find((s) => s.skillId === req.skillId);
    if (has !== undefined) holdsAny = true;
    if (!req.mustHave || (has !== undefined && has.level >= req.minLevel)) continue;
    const g: NearMissGap | undefined =
      has === undefined
        ? { kind: 'skill_missing', skillId: req.skillId, required: req.minLevel }
        : has.level === req.minLevel - 1
          ? { kind: 'skill_level', skillId: req.skillId, required: req.minLevel, has: has.level }
          : undefined;
    if (!fail(g)) return undefined;
  }
  if (o.skills.length > 0 && !holdsAny) return undefined;

  for (const req of o.languages) {
    const has = c.languages.find((l) => l.code === req.code)?.level;
    if (has !== undefined && CEFR_LEVELS.indexOf(has) >= CEFR_LEVELS.indexOf(req.minLevel)) {
      continue;
    }
    const g: NearMissGap | undefined =
      has !== undefined && has === cefrStepBelow(req.minLevel)
        ? { kind: 'language', code: req.code, required: req.minLevel, has }
        : undefined;
    if (!fail(g)) return undefined;
  }

  if (!c.workModes.includes(o.workMode)) {
    if (!fail({ kind: 'work_mode', required: o.workMode, accepted: [...c.workModes] })) {
      return undefined;
    }
  }
  if (!c.engagementTypes.includes(o.engagementType)) {
    const g: NearMissGap = {
      kind: 'engagement',
      required: o.engagementType,
      accepted: [...c.engagementTypes],
    };
    if (!fail(g)) return undefined;
  }

  if (
    o.workMode !== 'remote' &&
    o.radiusKm !== undefined &&
    o.lat !== undefined &&
    o.lng !== undefined
  ) {
    if (c.lat === undefined || c.lng === undefined) return undefined;
    const km = distanceKm(o.lat, o.lng, c.lat, c.lng);
    if (km > o.radiusKm) {
      const g: NearMissGap | undefined =
        km <= o.radiusKm * (1 + NEAR_MISS_RANGE.radiusShare)
          ? { kind: 'distance', radiusKm: o.radiusKm, distanceKm: km }
          : undefined;
      if (!fail(g)) return undefined;
    }
  }

  if (o.deadline !== undefined && c.availableFrom !== undefined && c.availableFrom > o.deadline) {
    const late = daysLate(c.availableFrom, o.deadline);
    const g: NearMissGap | undefined =
      late <= NEAR_MISS_RANGE.lateDays
        ? {
            kind: 'availability',
            deadline: o.deadline,
            availableFrom: c.availableFrom,
            daysLate: late,
          }
        : undefined;
    if (!fail(g)) return undefined;
  }

  return failures === 1 ? gap : undefined;
}

const WORK_MODE_WORDS: Record<WorkMode, string> = {
  remote: 'remote work',
  onsite: 'on-site work',
  hybrid: 'hybrid work',
};
const ENGAGEMENT_WORDS: Record<EngagementType, string> = {
  freelance: 'freelance',
  part_time: 'part-time',
  full_time: 'full-time',
  internship: 'internship',
};
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
const languageName = (code: string): string => {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
};
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const ticked = (words: string[]): string => (words.length === 0 ? 'none' : words.join(', '));

/**
 * The gap in plain words a broker can repeat to the person: the skill's name and levels, the
 * language and CEFR levels, kilometres, days. `skillName` names `skillId` for the skill kinds.
 */
export function describeGap(gap: NearMissGap, skillName?: string | null): string {
  switch (gap.kind) {
    case 'skill_missing':
      return `No ${skillName ?? 'such skill'} on the profile; level ${gap.required} is asked for (must-have)`;
    case 'skill_level':
      return `${skillName ?? 'A must-have skill'} at level ${gap.has}; level ${gap.required} is asked for (must-have)`;
    case 'language':
      return `${languageName(gap.code)} at ${gap.has}; ${gap.required} is asked for`;
    case 'distance': {
      const beyond = Math.max(1, Math.ceil(gap.distanceKm - gap.radiusKm));
      return `Lives about ${Math.round(gap.distanceKm)} km away; the work asks for at most ${gap.radiusKm} km (${beyond} km too far)`;
    }
    case 'availability':
      return `Available from ${isoDay(gap.availableFrom)}, ${gap.daysLate} day${gap.daysLate === 1 ? '' : 's'} after the deadline (${isoDay(gap.deadline)})`;
    case 'work_mode':
      return `Did not tick ${WORK_MODE_WORDS[gap.required]} (ticked: ${ticked(gap.accepted.map((m) => WORK_MODE_WORDS[m]))})`;
    case 'engagement':
      return `Did not tick ${ENGAGEMENT_WORDS[gap.required]} work (ticked: ${ticked(gap.accepted.map((e) => ENGAGEMENT_WORDS[e]))})`;
  }
}

/** The gap's facts as the answer shows them (`required`, `has`, and what they refer to). */
export function gapFacts(gap: NearMissGap): {
  skillId?: string;
  code?: string;
  required: number | string;
  has?: number | string;
} {
  switch (gap.kind) {
    case 'skill_missing':
      return { skillId: gap.skillId, required: gap.required };
    case 'skill_level':
      return { skillId: gap.skillId, required: gap.required, has: gap.has };
    case 'language':
      return { code: gap.code, required: gap.required, has: gap.has };
    case 'distance':
      return { required: gap.radiusKm, has: Math.round(gap.distanceKm * 10) / 10 };
    case 'availability':
      return { required: isoDay(gap.deadline), has: isoDay(gap.availableFrom) };
    case 'work_mode':
    case 'engagement':
      return { required: gap.required };
  }
}
