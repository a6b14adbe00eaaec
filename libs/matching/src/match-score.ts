import {
  CEFR_LEVELS,
  type Candidate,
  type CefrLevel,
  type Opportunity,
  type ProgrammePriority,
} from './match-types.js';
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
  /** Which programme priority applied (for brokers; companies see only that one did). */
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
  priorityBoost: PriorityBoost;
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

/** Great-circle distance in km. */
export function distanceKm(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Hard constraints: a candidate that fails any of them is not shown at all. Returns the reasons
 * (empty when eligible). Visibility is enforced by the query that loads candidates.
 */
export function ineligibilityReasons(c: Candidate, o: Opportunity, now: Date): string[] {
  const reasons: string[] = [];
  if (o.status !== 'open') reasons.push('opportunity is not open');
  if (o.deadline !== undefined && Date.parse(o.deadline) <= now.getTime()) {
    reasons.push('deadline has passed');
  }
  if (!c.openToWork) reasons.push('not open to work');
  const skills = new Map(c.skills.map((s) => [s.skillId, s]));
  for (const req of o.skills.filter((s) => s.mustHave)) {
    const has = skills.get(req.skillId);
    if (has === undefined || has.level < req.minLevel)
      reasons.push(`must-have skill ${req.skillId}`);
  }
  if (o.skills.length > 0 && !o.skills.some((req) => skills.has(req.skillId))) {
    reasons.push('none of the requested skills');
  }
  const languages = new Map(c.languages.map((l) => [l.code, l.level]));
  for (const req of o.languages) {
    const has = languages.get(req.code);
    if (has === undefined || cefrRank(has) < cefrRank(req.minLevel))
      reasons.push(`language ${req.code}`);
  }
  if (!c.workModes.includes(o.workMode)) reasons.push(`work mode ${o.workMode}`);
  if (!c.engagementTypes.includes(o.engagementType)) reasons.push(`engagement ${o.engagementType}`);
  if (o.countries.length > 0 && (c.country === undefined || !o.countries.includes(c.country))) {
    reasons.push('country');
  }
  if (
    o.workMode !== 'remote' &&
    o.radiusKm !== undefined &&
    o.lat !== undefined &&
    o.lng !== undefined
  ) {
    if (c.lat === undefined || c.lng === undefined) reasons.push('location unknown');
    else if (distanceKm(o.lat, o.lng, c.lat, c.lng) > o.radiusKm) reasons.push('outside radius');
  }
  if (
    o.deadline !== undefined &&
    c.availableFrom !== undefined &&
    Date.parse(c.availableFrom) > Date.parse(o.deadline)
  ) {
    reasons.push('available only after the deadline');
  }
  return reasons;
}

interface Raw {
  value: number;
  note: string;
}

/** Skill coverage: level above the minimum and years count; must-haves weigh twice. */
function skillsValue(c: Candidate, o: Opportunity): { raw: Raw; fits: SkillFit[] } {
  const skills = new Map(c.skills.map((s) => [s.skillId, s]));
  let total = 0;
  let earned = 0;
  const fits: SkillFit[] = [];
  for (const req of o.skills) {
    const w = req.mustHave ? 2 : 1;
    total += w;
    const has = skills.get(req.skillId);
    fits.push({
      skillId: req.skillId,
      required: req.minLevel,
      mustHave: req.mustHave,
      has: has?.level ?? null,
      verified: has?.verified ?? false,
    });
    if (has === undefined) continue;
    if (has.level < req.minLevel) {
      earned += w * 0.4 * (has.level / req.minLevel);
      continue;
    }
    const margin = Math.min(1, (has.level - req.minLevel) / 2);
    const years = Math.min(1, (has.years ?? 0) / 5);
    earned += w * (0.7 + 0.2 * margin + 0.1 * years);
  }
  const matched = fits.filter((f) => f.has !== null && f.has >= f.required).length;
  return {
    raw: {
      value: total === 0 ? 0 : earned / total,
      note: `${matched} of ${o.skills.length} requested skills at level`,
    },
    fits,
  };
}

function verifiedValue(fits: SkillFit[]): Raw | undefined {
  const held = fits.filter((f) => f.has !== null);
  if (held.length === 0) return undefined;
  const weight = (f: SkillFit): number => (f.mustHave ? 2 : 1);
  const total = held.reduce((s, f) => s + weight(f), 0);
  const verified = held.filter((f) => f.verified).reduce((s, f) => s + weight(f), 0);
  const count = held.filter((f) => f.verified).length;
  return {
    value: verified / total,
    note: `${count} of ${held.length} matching skills verified by a certificate`,
  };
}

function languagesValue(c: Candidate, o: Opportunity): { raw?: Raw; fits: LanguageFit[] } {
  const has = new Map(c.languages.map((l) => [l.code, l.level]));
  const fits = o.languages.map((req) => ({
    code: req.code,
    required: req.minLevel,
    has: has.get(req.code) ?? null,
  }));
  if (fits.length === 0) return { fits };
  const value =
    fits.reduce((sum, f) => {
      if (f.has === null) return sum;
      const margin = cefrRank(f.has) - cefrRank(f.required);
      return sum + (margin < 0 ? 0 : 0.6 + 0.4 * Math.min(1, margin / 2));
    }, 0) / fits.length;
  return {
    raw: {
      value,
      note: fits.map((f) => `${f.code} ${f.has ?? 'none'} for ${f.required}`).join(', '),
    },
    fits,
  };
}

function hoursValue(c: Candidate, o: Opportunity): Raw | undefined {
  if (o.hoursPerWeek === undefined) return undefined;
  if (c.hoursPerWeek === undefined) return { value: 0.5, note: 'no hours per week given' };
  const value = c.hoursPerWeek >= o.hoursPerWeek ? 1 : c.hoursPerWeek / o.hoursPerWeek;
  return { value, note: `${c.hoursPerWeek} of ${o.hoursPerWeek} hours per week` };
}

function availabilityValue(c: Candidate, now: Date): Raw {
  if (c.availableFrom === undefined) return { value: 0.5, note: 'no start date given' };
  const days = Math.ceil((Date.parse(c.availableFrom) - now.getTime()) / DAY_MS);
  if (days <= 0) return { value: 1, note: 'available now' };
  return { value: clamp01(1 - days / 60), note: `available in ${days} days` };
}

function rateValue(c: Candidate, o: Opportunity): Raw | undefined {
  if (o.budget === undefined || o.budget.type !== 'hourly' || o.budget.maxEur === undefined)
    return undefined;
  if (c.hourlyRateEur === undefined) return { value: 0.5, note: 'no rate given' };
  const max = o.budget.maxEur;
  if (c.hourlyRateEur <= max)
    return { value: 1, note: `€${c.hourlyRateEur}/h within budget (max €${max}/h)` };
  const over = max === 0 ? 1 : (c.hourlyRateEur - max) / max;
  return { value: clamp01(1 - over), note: `€${c.hourlyRateEur}/h above budget (max €${max}/h)` };
}

function locationValue(c: Candidate, o: Opportunity): Raw {
  if (o.workMode === 'remote') return { value: 1, note: 'remote work' };
  if (o.lat !== undefined && o.lng !== undefined && c.lat !== undefined && c.lng !== undefined) {
    const km = distanceKm(o.lat, o.lng, c.lat, c.lng);
    const radius = o.radiusKm ?? 100;
    return { value: clamp01(1 - km / (2 * radius)), note: `${Math.round(km)} km away` };
  }
  if (o.countries.length > 0 && c.country !== undefined && o.countries.includes(c.country)) {
    return { value: 0.75, note: `in ${c.country}` };
  }
  return { value: 0.5, note: 'no location to compare' };
}

function activityValue(c: Candidate, now: Date): Raw {
  if (c.lastActiveAt === undefined) return { value: 0.5, note: 'no activity recorded' };
  const days = Math.max(0, (now.getTime() - Date.parse(c.lastActiveAt)) / DAY_MS);
  const value = days <= 14 ? 1 : clamp01(1 - (days - 14) / 166);
  return { value, note: `active ${Math.floor(days)} days ago` };
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
 * Scores one eligible candidate. Components that do not apply to the opportunity (no budget, no
 * hours, no languages) take no part; the weights of those that do are scaled to sum to
 * 1 − boost, and a programme priority adds at most `priorityBoostCap`. Missing candidate data is
 * neutral (0.5) and says so. The contributions add up to the score, which lies in [0, 1].
 */
export function scoreCandidate(c: Candidate, o: Opportunity, ctx: ScoringContext): MatchScore {
  const skills = skillsValue(c, o);
  const languages = languagesValue(c, o);
  const raws: Partial<Record<ComponentName, Raw>> = {
    skills: skills.raw,
    verified: verifiedValue(skills.fits),
    languages: languages.raw,
    hours: hoursValue(c, o),
    availability: availabilityValue(c, ctx.now),
    rate: rateValue(c, o),
    location: locationValue(c, o),
    activity: activityValue(c, ctx.now),
  };
  const applicable = COMPONENTS.filter((n) => raws[n] !== undefined && ctx.weights[n] > 0);
  const weightSum = applicable.reduce((s, n) => s + ctx.weights[n], 0);
  const boostWeight = ctx.priorities.length > 0 ? ctx.priorityBoostCap : 0;
  const scale = weightSum === 0 ? 0 : (1 - boostWeight) / weightSum;

  const components: MatchExplanation['components'] = {};
  let score = 0;
  for (const name of applicable) {
    const raw = raws[name] as Raw;
    const weight = round(ctx.weights[name] * scale);
    const value = round(clamp01(raw.value));
    const contribution = round(weight * value);
    components[name] = { weight, value, contribution, note: raw.note };
    score += contribution;
  }
  const category = boostWeight > 0 ? matchingPriority(c, ctx.priorities, ctx.now) : undefined;
  const priorityBoost: PriorityBoost = { applied: category !== undefined, contribution: 0 };
  if (boostWeight > 0) {
    const contribution = category === undefined ? 0 : round(boostWeight);
    components.priority = {
      weight: round(boostWeight),
      value: category === undefined ? 0 : 1,
      contribution,
      note: category === undefined ? 'no programme priority applies' : 'programme priority',
    };
    priorityBoost.contribution = contribution;
    if (category !== undefined) priorityBoost.category = category;
    score += contribution;
  }
  return {
    candidateId: c.id,
    score: round(Math.min(1, score)),
    explanation: {
      matchedSkills: skills.fits.filter((f) => f.has !== null),
      missingSkills: skills.fits.filter((f) => f.has === null),
      languages: languages.fits,
      availability: raws.availability?.note ?? '',
      rate: raws.rate?.note ?? 'no hourly budget to compare',
      location: raws.location?.note ?? '',
      priorityBoost,
      components,
    },
  };
}

/** Highest score first; equal scores by id, so the order never depends on load order. */
export function compareScores(a: MatchScore, b: MatchScore): number {
  return (
    b.score - a.score ||
    (a.candidateId < b.candidateId ? -1 : a.candidateId > b.candidateId ? 1 : 0)
  );
}

/** Companies learn that a programme priority applied, never which one. */
export function explanationForCompany(e: MatchExplanation): MatchExplanation {
  const { category: _category, ...priorityBoost } = e.priorityBoost;
  return { ...e, priorityBoost };
}
