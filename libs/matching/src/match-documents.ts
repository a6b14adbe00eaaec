import type { OpportunityDocument, OpportunityRecord } from '@app/opportunities';
import type { ProfileRecord, ProfileSearchDocument } from '@app/profiles';
import type {
  Candidate,
  CandidateSkill,
  CefrLevel,
  ConsentedInclusion,
  EngagementType,
  Opportunity,
  WorkMode,
} from './match-types.js';

const DAY_MS = 86_400_000;

/** The profile document fields scoring reads: what the engine returns per eligible profile. */
export const PROFILE_MATCH_FIELDS = [
  'id',
  'matchSkills',
  'verifiedSkillIds',
  'matchLanguages',
  'country',
  '_geo',
  'workModes',
  'engagementTypes',
  'hoursPerWeek',
  'availableFrom',
  'hourlyRateEur',
  'openToWork',
  'lastActiveAt',
] as const satisfies readonly (keyof ProfileSearchDocument)[];

export type ProfileMatchDocument = Pick<
  ProfileSearchDocument,
  (typeof PROFILE_MATCH_FIELDS)[number]
>;

/**
 * A candidate as the rules see it, from the compact index document. Runs for every eligible
 * profile of every ranking, so it parses the packed facts by hand and builds each object in one
 * shape (absent facts are `undefined`). Given the skill ids an opportunity asks about
 * (`requested`), it keeps only those skills — no rule reads any other — and uses the
 * opportunity's own id strings for them, so the rules' id comparisons are cheap.
 */
export function candidateFromDocument(
  d: ProfileMatchDocument,
  inclusion?: ConsentedInclusion,
  requested?: readonly string[],
): Candidate {
  const skills: CandidateSkill[] = [];
  for (const fact of d.matchSkills) {
    // "<skill id>:<level>:<years or empty>"
    const a = fact.indexOf(':');
    const skillId =
      requested === undefined ? fact.slice(0, a) : requestedPrefix(fact, a, requested);
    if (skillId === undefined) continue;
    const b = fact.indexOf(':', a + 1);
    skills.push({
      skillId,
      level: Number(fact.slice(a + 1, b)),
      years: b + 1 < fact.length ? Number(fact.slice(b + 1)) : undefined,
      verified: d.verifiedSkillIds.includes(skillId),
    });
  }
  const languages: Candidate['languages'] = [];
  for (const fact of d.matchLanguages) {
    const a = fact.indexOf(':');
    languages.push({ code: fact.slice(0, a), level: fact.slice(a + 1) as CefrLevel });
  }
  return {
    id: d.id,
    skills,
    languages,
    country: d.country ?? undefined,
    lat: d._geo?.lat,
    lng: d._geo?.lng,
    workModes: d.workModes as WorkMode[],
    engagementTypes: d.engagementTypes as EngagementType[],
    hoursPerWeek: d.hoursPerWeek ?? undefined,
    availableFrom: d.availableFrom === null ? undefined : d.availableFrom * DAY_MS,
    hourlyRateEur: d.hourlyRateEur ?? undefined,
    openToWork: d.openToWork,
    lastActiveAt: d.lastActiveAt,
    inclusion,
  };
}

/** The requested skill id that `fact` starts with (its id ends at `idLength`), if any. */
function requestedPrefix(
  fact: string,
  idLength: number,
  requested: readonly string[],
): string | undefined {
  for (const id of requested) {
    if (id.length === idLength && fact.startsWith(id)) return id;
  }
  return undefined;
}

/** A candidate as the rules see it, from the trainee's own profile (read from PostgreSQL). */
export function candidateFromOwnProfile(
  p: ProfileRecord,
  inclusion?: ConsentedInclusion,
): Candidate {
  return {
    id: p.id,
    skills: p.skills.map((s) => ({
      skillId: s.skillId,
      level: s.level,
      ...(s.years === null ? {} : { years: s.years }),
      verified: s.verified,
    })),
    languages: p.languages.map((l) => ({ code: l.code, level: l.level as CefrLevel })),
    ...(p.country === null ? {} : { country: p.country }),
    ...(p.location === null ? {} : { lat: p.location.lat, lng: p.location.lng }),
    workModes: p.workModes as WorkMode[],
    engagementTypes: p.engagementTypes as EngagementType[],
    ...(p.hoursPerWeek === null ? {} : { hoursPerWeek: p.hoursPerWeek }),
    ...(p.availableFrom === null ? {} : { availableFrom: Date.parse(p.availableFrom) }),
    ...(p.hourlyRateEur === null ? {} : { hourlyRateEur: p.hourlyRateEur }),
    openToWork: p.openToWork,
    lastActiveAt: p.lastActiveAt.getTime(),
    ...(inclusion === undefined ? {} : { inclusion }),
  };
}

function budgetOf(
  type: string | null,
  minEur: number | null,
  maxEur: number | null,
): Opportunity['budget'] {
  if (type !== 'hourly' && type !== 'fixed') return undefined;
  return {
    type,
    ...(minEur === null ? {} : { minEur }),
    ...(maxEur === null ? {} : { maxEur }),
  };
}

/** An opportunity as the rules see it, from its PostgreSQL row. */
export function opportunityFromEntity(o: OpportunityRecord): Opportunity {
  const budget = budgetOf(o.budgetType, o.budgetMinEur, o.budgetMaxEur);
  return {
    id: o.id,
    status: o.status,
    ...(o.deadline === null ? {} : { deadline: o.deadline.getTime() }),
    skills: o.skills.map((s) => ({
      skillId: s.skillId,
      minLevel: s.minLevel,
      mustHave: s.mustHave,
    })),
    languages: o.languages.map((l) => ({ code: l.code, minLevel: l.minLevel })),
    engagementType: o.engagementType,
    workMode: o.workMode,
    countries: [...o.countries],
    ...(o.lat === null || o.lng === null ? {} : { lat: o.lat, lng: o.lng }),
    ...(o.radiusKm === null ? {} : { radiusKm: o.radiusKm }),
    ...(o.hoursPerWeek === null ? {} : { hoursPerWeek: o.hoursPerWeek }),
    ...(budget === undefined ? {} : { budget }),
    ...(o.programmeId === null ? {} : { programmeId: o.programmeId }),
  };
}

/** The opportunity document fields scoring and the recommendation summary read. */
export const OPPORTUNITY_MATCH_FIELDS = [
  'id',
  'kind',
  'status',
  'title',
  'organisationId',
  'skillMinLevels',
  'mustHaveSkills',
  'languageMinLevels',
  'engagementType',
  'workMode',
  'countries',
  'city',
  '_geo',
  'radiusKm',
  'hoursPerWeek',
  'budgetType',
  'budgetMinEur',
  'budgetMaxEur',
  'deadline',
  'programmeId',
  'source',
] as const satisfies readonly (keyof OpportunityDocument)[];

export type OpportunityMatchDocument = Pick<
  OpportunityDocument,
  (typeof OPPORTUNITY_MATCH_FIELDS)[number]
>;

/** An opportunity as the rules see it, from its index document (recommendations). */
export function opportunityFromDocument(d: OpportunityMatchDocument): Opportunity {
  const mustHave = new Set(d.mustHaveSkills);
  const budget = budgetOf(d.budgetType, d.budgetMinEur, d.budgetMaxEur);
  return {
    id: d.id,
    status: d.status,
    ...(d.deadline === null ? {} : { deadline: d.deadline * 1000 }),
    skills: d.skillMinLevels.map((fact) => {
      const [skillId, minLevel] = fact.split(':');
      return { skillId, minLevel: Number(minLevel), mustHave: mustHave.has(skillId) };
    }),
    languages: d.languageMinLevels.map((fact) => {
      const [code, minLevel] = fact.split(':');
      return { code, minLevel: minLevel as CefrLevel };
    }),
    engagementType: d.engagementType as EngagementType,
    workMode: d.workMode as WorkMode,
    countries: d.countries,
    ...(d._geo === undefined ? {} : { lat: d._geo.lat, lng: d._geo.lng }),
    ...(d.radiusKm === null ? {} : { radiusKm: d.radiusKm }),
    ...(d.hoursPerWeek === null ? {} : { hoursPerWeek: d.hoursPerWeek }),
    ...(budget === undefined ? {} : { budget }),
    ...(d.programmeId === null ? {} : { programmeId: d.programmeId }),
  };
}
