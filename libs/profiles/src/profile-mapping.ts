import type { TaxonomyService } from '@app/taxonomy';
import type { ProfileRecord, PublicProfileRecord } from './profile-records.js';
import type { ProfileAggregate } from './profiles.repository.js';

export type SkillNames = ReadonlyMap<string, string>;

/**
 * Names of every skill on these profiles, from the taxonomy: `answerSkillNames` (the caller's
 * language) for answers, `skillNames` (English) for the search index.
 */
export function loadSkillNames(
  names: TaxonomyService['skillNames'] | TaxonomyService['answerSkillNames'],
  aggregates: ProfileAggregate[],
  moreSkillIds: string[] = [],
): Promise<SkillNames> {
  return names([...aggregates.flatMap((a) => a.skills.map((s) => s.skillId)), ...moreSkillIds]);
}

/**
 * What brokers, companies and admins may read: no e-mail, no inclusion data, no coordinates.
 * Every field is picked by name, so nothing else of the stored profile can slip through.
 */
export function publicProfileOf(a: ProfileAggregate, names: SkillNames): PublicProfileRecord {
  const p = a.profile;
  return {
    id: p.id,
    displayName: a.displayName,
    headline: p.headline,
    bio: p.bio,
    country: p.country,
    city: p.city,
    cityId: p.cityId,
    cityLocalName: p.cityLocalName,
    skills: a.skills.map((s) => ({
      skillId: s.skillId,
      name: names.get(s.skillId) ?? null,
      level: s.level,
      years: s.years,
      verified: s.verified,
    })),
    languages: a.languages.map((l) => ({ code: l.code, level: l.level })),
    workModes: p.workModes,
    engagementTypes: p.engagementTypes,
    hoursPerWeek: p.hoursPerWeek,
    availableFrom: p.availableFrom,
    hourlyRateEur: p.hourlyRateEur,
    portfolio: p.portfolio.map((i) => ({ title: i.title, url: i.url })),
    openToWork: p.openToWork,
    lastActiveAt: p.lastActiveAt,
  };
}

/** The whole profile, for its owner and for scoring on the server. */
export function profileRecordOf(a: ProfileAggregate, names: SkillNames): ProfileRecord {
  const p = a.profile;
  return {
    ...publicProfileOf(a, names),
    visibility: p.visibility,
    location: p.lat === null || p.lng === null ? null : { lat: p.lat, lng: p.lng },
    version: p.version,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}
