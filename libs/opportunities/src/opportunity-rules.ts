import type { FieldError } from '@app/http';
import type {
  LanguageRequirement,
  ListingProvenance,
  OpportunityValues,
  SkillRequirement,
} from './opportunity-values.js';
import type { EngagementType, ListingSource, WorkMode } from './opportunity-vocabulary.js';

/** The author's input as the create DTOs carry it (optional parts may be absent). */
export interface OpportunityInput {
  title: string;
  description: string;
  skills: SkillRequirement[];
  languages?: LanguageRequirement[];
  engagementType: EngagementType;
  workMode: WorkMode;
  countries?: string[];
  city?: string | null;
  radiusKm?: number | null;
  hoursPerWeek?: number | null;
  durationWeeks?: number | null;
  budget?: { type: 'hourly' | 'fixed'; minEur?: number; maxEur?: number } | null;
  openings?: number;
  deadline?: string | null;
  programmeId?: string | null;
}

/** A PATCH: absent keys stay, `null` clears an optional field. */
export type OpportunityPatch = { [K in keyof OpportunityInput]?: OpportunityInput[K] | null };

export interface ListingProvenanceInput {
  source: ListingSource;
  sourceUrl: string;
  clientCountry?: string | null;
}

export type ListingProvenancePatch = {
  [K in keyof ListingProvenanceInput]?: ListingProvenanceInput[K] | null;
};

const unique = <T>(items: T[]): T[] => [...new Set(items)];

export function valuesFromInput(input: OpportunityInput): OpportunityValues {
  return {
    title: input.title,
    description: input.description,
    skills: input.skills.map((s) => ({
      skillId: s.skillId.toLowerCase(),
      minLevel: s.minLevel,
      mustHave: s.mustHave,
    })),
    languages: (input.languages ?? []).map((l) => ({ code: l.code, minLevel: l.minLevel })),
    engagementType: input.engagementType,
    workMode: input.workMode,
    countries: unique(input.countries ?? []),
    city: input.city ?? null,
    radiusKm: input.radiusKm ?? null,
    hoursPerWeek: input.hoursPerWeek ?? null,
    durationWeeks: input.durationWeeks ?? null,
    budget:
      input.budget == null
        ? null
        : {
            type: input.budget.type,
            minEur: input.budget.minEur ?? null,
            maxEur: input.budget.maxEur ?? null,
          },
    openings: input.openings ?? 1,
    deadline: input.deadline == null ? null : new Date(input.deadline),
    programmeId: input.programmeId ?? null,
  };
}

/** Fields that must always hold a value: a PATCH may change them but not clear them. */
const REQUIRED_FIELDS = [
  'title',
  'description',
  'skills',
  'languages',
  'engagementType',
  'workMode',
  'openings',
] as const;

/**
 * Applies a PATCH onto the current values. Returns the merged values, or the fields a `null`
 * tried to clear although they are required.
 */
export function applyPatch(
  current: OpportunityValues,
  patch: OpportunityPatch,
): { values: OpportunityValues; errors: FieldError[] } {
  const errors: FieldError[] = REQUIRED_FIELDS.filter((f) => patch[f] === null).map((field) => ({
    field,
    message: `${field} must not be null`,
  }));
  const merged: OpportunityInput = {
    ...inputFromValues(current),
    ...(Object.fromEntries(
      Object.entries(patch).filter(([, v]) => v !== undefined),
    ) as Partial<OpportunityInput>),
  };
  if (errors.length > 0) return { values: current, errors };
  return { values: valuesFromInput(merged), errors };
}

function inputFromValues(v: OpportunityValues): OpportunityInput {
  return {
    ...v,
    budget:
      v.budget === null
        ? null
        : {
            type: v.budget.type,
            minEur: v.budget.minEur ?? undefined,
            maxEur: v.budget.maxEur ?? undefined,
          },
    deadline: v.deadline === null ? null : v.deadline.toISOString(),
  };
}

export function applyProvenancePatch(
  current: ListingProvenance,
  patch: ListingProvenancePatch,
): { provenance: ListingProvenance; errors: FieldError[] } {
  const errors: FieldError[] = (['source', 'sourceUrl'] as const)
    .filter((f) => patch[f] === null)
    .map((field) => ({ field, message: `${field} must not be null` }));
  return {
    provenance: {
      source: patch.source ?? current.source,
      sourceUrl: patch.sourceUrl ?? current.sourceUrl,
      clientCountry:
        patch.clientCountry === undefined ? current.clientCountry : patch.clientCountry,
    },
    errors,
  };
}

/**
 * Rules across fields that DTO validation cannot see: no skill or language twice, a city only
 * within exactly one country, a radius only around a city, and a budget range that is a range.
 */
export function checkConsistency(values: OpportunityValues): FieldError[] {
  const errors: FieldError[] = [];
  const seenSkills = new Set<string>();
  values.skills.forEach((s, i) => {
    if (seenSkills.has(s.skillId)) {
      errors.push({ field: `skills[${i}].skillId`, message: 'skillId appears more than once' });
    }
    seenSkills.add(s.skillId);
  });
  const seenLanguages = new Set<string>();
  values.languages.forEach((l, i) => {
    if (seenLanguages.has(l.code)) {
      errors.push({ field: `languages[${i}].code`, message: 'code appears more than once' });
    }
    seenLanguages.add(l.code);
  });
  if (values.city !== null && values.countries.length !== 1) {
    errors.push({ field: 'city', message: 'city needs exactly one country in countries' });
  }
  if (values.radiusKm !== null && values.city === null) {
    errors.push({ field: 'radiusKm', message: 'radiusKm needs a city' });
  }
  const budget = values.budget;
  if (budget !== null && budget.minEur !== null && budget.maxEur !== null) {
    if (budget.maxEur < budget.minEur) {
      errors.push({ field: 'budget.maxEur', message: 'budget.maxEur must not be below minEur' });
    }
  }
  return errors;
}

/** What a request lacks before candidates may see it; empty when it can be published. */
export function publishProblems(values: OpportunityValues, now: Date): FieldError[] {
  const missing: FieldError[] = [];
  if (values.skills.length === 0) {
    missing.push({ field: 'skills', message: 'needs at least one skill' });
  }
  if (values.deadline === null) {
    missing.push({ field: 'deadline', message: 'needs a deadline' });
  } else if (values.deadline.getTime() <= now.getTime()) {
    missing.push({ field: 'deadline', message: 'must be in the future' });
  }
  return missing;
}
