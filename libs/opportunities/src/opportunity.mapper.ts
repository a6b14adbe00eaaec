import type { ListingResponseDto, WorkRequestResponseDto } from './dto/opportunity-response.dto.js';
import type { OpportunityRecord } from './opportunity-record.js';
import { LISTING_SOURCES } from './opportunity-vocabulary.js';
import type { ListingProvenance, OpportunityValues } from './opportunity-values.js';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** `names`: the skills' names by id (`TaxonomyService.answerSkillNames`: in the caller's language), see OpportunityResponses. */
export function toWorkRequestResponse(
  o: OpportunityRecord,
  names: ReadonlyMap<string, string>,
): WorkRequestResponseDto {
  const values = valuesOf(o);
  return {
    id: o.id,
    organisationId: o.organisationId,
    status: o.status,
    ...values,
    skills: values.skills.map((s) => ({
      skillId: s.skillId,
      name: names.get(s.skillId) ?? '',
      minLevel: s.minLevel,
      mustHave: s.mustHave,
    })),
    cityId: o.cityId,
    cityLocalName: o.cityLocalName,
    location:
      o.city !== null && o.lat !== null && o.lng !== null
        ? { city: o.city, lat: o.lat, lng: o.lng }
        : null,
    deadline: iso(o.deadline),
    version: o.version,
    publishedAt: iso(o.publishedAt),
    closedAt: iso(o.closedAt),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function toListingResponse(
  o: OpportunityRecord,
  names: ReadonlyMap<string, string>,
): ListingResponseDto {
  return {
    ...toWorkRequestResponse(o, names),
    source: o.source ?? 'other',
    sourceUrl: o.sourceUrl ?? '',
    clientCountry: o.clientCountry,
    risk: { level: o.riskLevel, reasons: o.riskReasons.map((f) => f.reason) },
  };
}

/** The stored row back into the values an author edits (PATCH merges onto these). */
export function valuesOf(o: OpportunityRecord): OpportunityValues {
  return {
    title: o.title,
    description: o.description,
    skills: o.skills.map((s) => ({
      skillId: s.skillId,
      minLevel: s.minLevel,
      mustHave: s.mustHave,
    })),
    languages: o.languages.map((l) => ({ code: l.code, minLevel: l.minLevel })),
    engagementType: o.engagementType,
    workMode: o.workMode,
    countries: [...o.countries],
    city: o.city,
    radiusKm: o.radiusKm,
    hoursPerWeek: o.hoursPerWeek,
    durationWeeks: o.durationWeeks,
    budget:
      o.budgetType === null
        ? null
        : { type: o.budgetType, minEur: o.budgetMinEur, maxEur: o.budgetMaxEur },
    openings: o.openings,
    deadline: o.deadline,
    programmeId: o.programmeId,
  };
}

export function provenanceOf(o: OpportunityRecord): ListingProvenance {
  return {
    source: LISTING_SOURCES.find((s) => s === o.source) ?? 'other',
    sourceUrl: o.sourceUrl ?? '',
    clientCountry: o.clientCountry,
  };
}
