import {
  CEFR_LEVELS,
  type Candidate,
  type CefrLevel,
  type Opportunity,
  type ProgrammePriority,
} from './match-types.js';
import { distanceKm } from '@app/geonames';
import { COMPONENTS, type ComponentName, type MatchWeights } from './match-weights.js';

export interface ComponentScore {
  /** Share of the score this component may contribute (weights of applicable components + boost sum to 1). */
  weight: number;
  /** How well the candidate does on it, in [0, 1]. */
  value: number;
  /** weight × value; the contributions add up to the score. */
  contribution: number;
  note: string;
}

export interface SkillFit {
  skillId: string;
  required: number;
  mustHave: boolean;
  has: number | null;
  verified: boolean;
}

export interface LanguageFit {
  code: string;
  required: CefrLevel;
  has: CefrLevel | null;
}

export interface PriorityBoost {
  applied: boolean;
  /** Which programme priority applied. */
  category?: string;
  contribution: number;
}

export interface MatchExplanation {
  matchedSkills: SkillFit[];
  missingSkills: SkillFit[];
  languages: LanguageFit[];
  availability: string;
  rate: string;
  location: string;
  /**
   * Present only when programme priorities weighed this score (a `priority` component exists):
   * a ranking computed without them carries no priority field at all.
   */
  priorityBoost?: PriorityBoost;
  components: Partial<Record<ComponentName | 'priority', ComponentScore>>;
}

export interface MatchScore {
  candidateId: string;
  score: number;
  explanation: MatchExplanation;
}

export interface ScoringContext {
  weights: MatchWeights;
  priorityBoostCap: number;
  priorities: ProgrammePriority[];
  /** "Now", passed in so scoring is deterministic. */
  now: Date;
}

const DAY_MS = 86_400_000;
const cefrRank = (level: CefrLevel): number => CEFR_LEVELS.indexOf(level);
const round = (x: number): number => Math.round(x * 1e6) / 1e6;
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** Great-circle distance in km (the same function the geo cells of radius filters use). */
export { distanceKm };

/** The candidate's skill with this id (candidates hold a handful, so a scan beats a map). */
function heldSkill(c: Candidate, skillId: string): Candidate['skills'][number] | undefined {
  for (const s of c.skills) if (s.skillId === skillId) return s;
  return undefined;
}

function heldLanguage(c: Candidate, code: string): CefrLevel | undefined {
  for (const l of c.languages) if (l.code === code) return l.level;
  return undefined;
}

/**
 * The hard constraints, checked in one place for both callers: with `reasons` every failed
 * constraint is recorded; without, the check stops at the first failure.
 */
/** Reasons about the opportunity itself (not the person): it is closed or its deadline passed. */
export const OPPORTUNITY_NOT_OPEN_REASON = 'opportunity is not open';
export const DEADLINE_PASSED_REASON = 'deadline has passed';

function checkEligibility(c: Candidate, o: Opportunity, now: number, reasons?: string[]): boolean {
  let ok = true;
  const fail = (reason: string): boolean => {
    ok = false;
    reasons?.push(reason);
    return reasons === undefined;
  };
  if (o.status !== 'open' && fail(OPPORTUNITY_NOT_OPEN_REASON)) return false;
  if (o.deadline !== undefined && o.deadline <= now && fail(DEADLINE_PASSED_REASON)) return false;
  if (!c.openToWork && fail('not open to work')) return false;
  let holdsAny = false;
  for (const req of o.skills) {
    const has = heldSkill(c, req.skillId);
    if (has !== undefined) holdsAny = true;
    if (
      req.mustHave &&
      (has === undefined || has.level < req.minLevel) &&
      fail(`must-have skill ${req.skillId}`)
    )
      return false;
  }
  if (o.skills.length > 0 && !holdsAny && fail('none of the requested skills')) return false;
  for (const req of o.languages) {
    const has = heldLanguage(c, req.code);
    if (
      (has === undefined || cefrRank(has) < cefrRank(req.minLevel)) &&
      fail(`language ${req.code}`)
    )
      return false;
  }
  if (!c.workModes.includes(o.workMode) && fail(`work mode ${o.workMode}`)) return false;
  if (!c.engagementTypes.includes(o.engagementType) && fail(`engagement ${o.engagementType}`))
    return false;
  if (
    o.countries.length > 0 &&
    (c.country === undefined || !o.countries.includes(c.country)) &&
    fail('country')
  )
    return false;
  if (
    o.workMode !== 'remote' &&
    o.radiusKm !== undefined &&
    o.lat !== undefined &&
    o.lng !== undefined
  ) {
    if (c.lat === undefined || c.lng === undefined) {
      if (fail('location unknown')) return false;
    } else if (distanceKm(o.lat, o.lng, c.lat, c.lng) > o.radiusKm && fail('outside radius')) {
      return false;
    }
  }
  if (
    o.deadline !== undefined &&
    c.availableFrom !== undefined &&
    c.availableFrom > o.deadline &&
    fail('available only after the deadline')
  )
    return false;
  return ok;
}

/**
 * Hard constraints: a candidate that fails any of them is not shown at all. Returns the reasons
 * (empty when eligible). Visibility is enforced by the query that loads candidates.
 */
export function ineligibilityReasons(c: Candidate, o: Opportunity, now: Date): string[] {
  const reasons: string[] = [];
  checkEligibility(c, o, now.getTime(), reasons);
  return reasons;
}

/** The same hard constraints as {@link ineligibilityReasons}, stopping at the first failure. */
export function isEligible(c: Candidate, o: Opportunity, now: Date): boolean {
  return checkEligibility(c, o, now.getTime());
}

/** Each soft signal's value before weighting; undefined where it does not apply. */
type ComponentValues = Record<ComponentName, number | undefined>;

/**
 * The values of the soft signals, numbers only: scoring every eligible profile needs no notes,
 * and the explanation of the few kept is built from the same values by {@link scoreCandidate}.
 */
function componentValues(c: Candidate, o: Opportunity, now: number): ComponentValues {
  // skills: level above the minimum and years count; must-haves weigh twice
  let total = 0;
  let earned = 0;
  let held = 0;
  let verified = 0;
  for (const req of o.skills) {
    const w = req.mustHave ? 2 : 1;
    total += w;
    const has = heldSkill(c, req.skillId);
    if (has === undefined) continue;
    held += w;
    if (has.verified) verified += w;
    if (has.level < req.minLevel) {
      earned += w * 0.4 * (has.level / req.minLevel);
      continue;
    }
    const margin = Math.min(1, (has.level - req.minLevel) / 2);
    const years = Math.min(1, (has.years ?? 0) / 5);
    earned += w * (0.7 + 0.2 * margin + 0.1 * years);
  }
  let languages: number | undefined;
  if (o.languages.length > 0) {
    let sum = 0;
    for (const req of o.languages) {
      const has = heldLanguage(c, req.code);
      if (has === undefined) continue;
      const margin = cefrRank(has) - cefrRank(req.minLevel);
      sum += margin < 0 ? 0 : 0.6 + 0.4 * Math.min(1, margin / 2);
    }
    languages = sum / o.languages.length;
  }
  const maxRate = o.budget?.type === 'hourly' ? o.budget.maxEur : undefined;
  return {
    skills: total === 0 ? 0 : earned / total,
    verified: held === 0 ? undefined : verified / held,
    languages,
    hours:
      o.hoursPerWeek === undefined
        ? undefined
        : c.hoursPerWeek === undefined
          ? 0.5
          : c.hoursPerWeek >= o.hoursPerWeek
            ? 1
            : c.hoursPerWeek / o.hoursPerWeek,
    availability: availabilityValue(c, now),
    rate:
      maxRate === undefined
        ? undefined
        : c.hourlyRateEur === undefined
          ? 0.5
          : c.hourlyRateEur <= maxRate
            ? 1
            : clamp01(1 - (maxRate === 0 ? 1 : (c.hourlyRateEur - maxRate) / maxRate)),
    location: locationValue(c, o),
    activity: activityValue(c, now),
  };
}

const availableInDays = (availableFrom: number, now: number): number =>
  Math.ceil((availableFrom - now) / DAY_MS);
const inactiveDays = (lastActiveAt: number, now: number): number =>
  Math.max(0, (now - lastActiveAt) / DAY_MS);

/** Available now → 1, falling to 0 at 60 days from now; no date given → neutral. */
function availabilityValue(c: Candidate, now: number): number {
  if (c.availableFrom === undefined) return 0.5;
  const days = availableInDays(c.availableFrom, now);
  return days <= 0 ? 1 : clamp01(1 - days / 60);
}

/** Active within 14 days → 1, falling to 0 at 180 days; no activity recorded → neutral. */
function activityValue(c: Candidate, now: number): number {
  if (c.lastActiveAt === undefined) return 0.5;
  const days = inactiveDays(c.lastActiveAt, now);
  return days <= 14 ? 1 : clamp01(1 - (days - 14) / 166);
}

function locationValue(c: Candidate, o: Opportunity): number {
  if (o.workMode === 'remote') return 1;
  if (o.lat !== undefined && o.lng !== undefined && c.lat !== undefined && c.lng !== undefined) {
    return clamp01(1 - distanceKm(o.lat, o.lng, c.lat, c.lng) / (2 * (o.radiusKm ?? 100)));
  }
  if (o.countries.length > 0 && c.country !== undefined && o.countries.includes(c.country)) {
    return 0.75;
  }
  return 0.5;
}

/** What each applicable component's value means, in words (only for the explanations shown). */
function componentNotes(
  c: Candidate,
  o: Opportunity,
  now: number,
  fits: SkillFit[],
  languages: LanguageFit[],
): Record<ComponentName, string> {
  const held = fits.filter((f) => f.has !== null);
  const maxRate = o.budget?.type === 'hourly' ? o.budget.maxEur : undefined;
  return {
    skills: `${fits.filter((f) => f.has !== null && f.has >= f.required).length} of ${o.skills.length} requested skills at level`,
    verified: `${held.filter((f) => f.verified).length} of ${held.length} matching skills verified by a certificate`,
    languages: languages.map((f) => `${f.code} ${f.has ?? 'none'} for ${f.required}`).join(', '),
    hours:
      c.hoursPerWeek === undefined
        ? 'no hours per week given'
        : `${c.hoursPerWeek} of ${o.hoursPerWeek} hours per week`,
    availability: availabilityNote(c, now),
    rate:
      maxRate === undefined
        ? 'no hourly budget to compare'
        : c.hourlyRateEur === undefined
          ? 'no rate given'
          : `€${c.hourlyRateEur}/h ${c.hourlyRateEur <= maxRate ? 'within' : 'above'} budget (max €${maxRate}/h)`,
    location: locationNote(c, o),
    activity:
      c.lastActiveAt === undefined
        ? 'no activity recorded'
        : `active ${Math.floor(inactiveDays(c.lastActiveAt, now))} days ago`,
  };
}

function availabilityNote(c: Candidate, now: number): string {
  if (c.availableFrom === undefined) return 'no start date given';
  const days = availableInDays(c.availableFrom, now);
  return days <= 0 ? 'available now' : `available in ${days} days`;
}

function locationNote(c: Candidate, o: Opportunity): string {
  if (o.workMode === 'remote') return 'remote work';
  if (o.lat !== undefined && o.lng !== undefined && c.lat !== undefined && c.lng !== undefined) {
    return `${Math.round(distanceKm(o.lat, o.lng, c.lat, c.lng))} km away`;
  }
  if (o.countries.length > 0 && c.country !== undefined && o.countries.includes(c.country)) {
    return `in ${c.country}`;
  }
  return 'no location to compare';
}

/** The first programme priority the candidate's consented inclusion data meets, if any. */
export function matchingPriority(
  c: Candidate,
  priorities: ProgrammePriority[],
  now: Date,
): string | undefined {
  const inclusion = c.inclusion;
  if (inclusion === undefined) return undefined;
  for (const p of priorities) {
    if (p.kind === 'sex' && inclusion.sex === p.value)
      return p.value === 'female' ? 'women' : p.value;
    if (p.kind === 'group' && inclusion.groups.includes(p.value)) return p.value;
    if (p.kind === 'age' && inclusion.birthYear !== undefined) {
      const age = now.getUTCFullYear() - inclusion.birthYear;
      if (age >= p.min && age <= p.max) return `youth ${p.min}–${p.max}`;
    }
  }
  return undefined;
}

/**
 * Weighs the values: components that do not apply (no budget, no hours, no languages) take no
 * part; the weights of those that do are scaled to sum to 1 − boost, and a programme priority
 * adds at most `priorityBoostCap`. `visit` sees each part; the parts add up to the score.
 */
function weigh(
  values: ComponentValues,
  category: string | undefined,
  ctx: ScoringContext,
  visit?: (name: ComponentName | 'priority', weight: number, value: number, part: number) => void,
): number {
  let weightSum = 0;
  for (const name of COMPONENTS) {
    if (values[name] !== undefined && ctx.weights[name] > 0) weightSum += ctx.weights[name];
  }
  const boostWeight = ctx.priorities.length > 0 ? ctx.priorityBoostCap : 0;
  const scale = weightSum === 0 ? 0 : (1 - boostWeight) / weightSum;
  let score = 0;
  for (const name of COMPONENTS) {
    const raw = values[name];
    if (raw === undefined || !(ctx.weights[name] > 0)) continue;
    const weight = round(ctx.weights[name] * scale);
    const value = round(clamp01(raw));
    const part = round(weight * value);
    visit?.(name, weight, value, part);
    score += part;
  }
  if (boostWeight > 0) {
    const part = category === undefined ? 0 : round(boostWeight);
    visit?.('priority', round(boostWeight), category === undefined ? 0 : 1, part);
    score += part;
  }
  return round(Math.min(1, score));
}

const priorityOf = (c: Candidate, ctx: ScoringContext): string | undefined =>
  ctx.priorities.length > 0 && ctx.priorityBoostCap > 0
    ? matchingPriority(c, ctx.priorities, ctx.now)
    : undefined;

/**
 * The score of one eligible candidate, without its explanation: what ranking every eligible
 * profile needs. Always equal to `scoreCandidate(c, o, ctx).score` (same values, same weighing).
 */
export function scoreOnly(c: Candidate, o: Opportunity, ctx: ScoringContext): number {
  return weigh(componentValues(c, o, ctx.now.getTime()), priorityOf(c, ctx), ctx);
}

/**
 * Scores one eligible candidate and explains it. Missing candidate data is neutral (0.5) and
 * says so. The contributions add up to the score, which lies in [0, 1].
 */
export function scoreCandidate(c: Candidate, o: Opportunity, ctx: ScoringContext): MatchScore {
  const now = ctx.now.getTime();
  const values = componentValues(c, o, now);
  const fits: SkillFit[] = o.skills.map((req) => {
    const has = heldSkill(c, req.skillId);
    return {
      skillId: req.skillId,
      required: req.minLevel,
      mustHave: req.mustHave,
      has: has?.level ?? null,
      verified: has?.verified ?? false,
    };
  });
  const languages: LanguageFit[] = o.languages.map((req) => ({
    code: req.code,
    required: req.minLevel,
    has: heldLanguage(c, req.code) ?? null,
  }));
  const notes = componentNotes(c, o, now, fits, languages);
  const category = priorityOf(c, ctx);
  const components: MatchExplanation['components'] = {};
  const score = weigh(values, category, ctx, (name, weight, value, contribution) => {
    const note =
      name !== 'priority'
        ? notes[name]
        : category === undefined
          ? 'no programme priority applies'
          : 'programme priority';
    components[name] = { weight, value, contribution, note };
  });
  let priorityBoost: PriorityBoost | undefined;
  if (components.priority !== undefined) {
    priorityBoost = {
      applied: category !== undefined,
      contribution: components.priority.contribution,
    };
    if (category !== undefined) priorityBoost.category = category;
  }
  return {
    candidateId: c.id,
    score,
    explanation: {
      matchedSkills: fits.filter((f) => f.has !== null),
      missingSkills: fits.filter((f) => f.has === null),
      languages,
      availability: notes.availability,
      rate: notes.rate,
      location: notes.location,
      ...(priorityBoost === undefined ? {} : { priorityBoost }),
      components,
    },
  };
}

/** Highest score first; equal scores by id, so the order never depends on load order. */
export function compareScores(
  a: Pick<MatchScore, 'score' | 'candidateId'>,
  b: Pick<MatchScore, 'score' | 'candidateId'>,
): number {
  return (
    b.score - a.score ||
    (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0)
  );
}

/**
 * The context for a reader who may not see per-person boosts (a company, a broker of an
 * organisation that is not a partner of the programme): the same rules and weights with the
 * priority weighing nothing. Set, order and scores are then those of an unboosted ranking, so
 * none of them (inversions, who makes the top k, a component to subtract) reveals who the
 * priority would have lifted; and no inclusion data needs to be read.
 */
export function withoutPriorities(ctx: ScoringContext): ScoringContext {
  return { ...ctx, priorities: [] };
}
