import type { TaxonomyService } from '@app/taxonomy';
import type { ProfileExportResponseDto } from './dto/profile-export.dto.js';
import type { ProfileResponseDto, PublicProfileResponseDto } from './dto/profile-response.dto.js';
import type { ProfileInclusionEntity } from './entities/profile-inclusion.entity.js';
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

/** The view brokers, companies and admins get: no e-mail, no inclusion data, no coordinates. */
export function toPublicProfileResponse(
  a: ProfileAggregate,
  names: SkillNames,
): PublicProfileResponseDto {
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
    lastActiveAt: p.lastActiveAt.toISOString(),
  };
}

export function toProfileResponse(a: ProfileAggregate, names: SkillNames): ProfileResponseDto {
  const p = a.profile;
  return {
    ...toPublicProfileResponse(a, names),
    visibility: p.visibility,
    location: p.lat === null || p.lng === null ? null : { lat: p.lat, lng: p.lng },
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function toProfileExport(
  account: {
    id: string;
    email: string;
    displayName: string | null;
    role: string;
    createdAt: Date;
  },
  a: ProfileAggregate,
  names: SkillNames,
  inclusion: ProfileInclusionEntity | null,
  now: Date = new Date(),
): ProfileExportResponseDto {
  return {
    exportedAt: now.toISOString(),
    account: {
      id: account.id,
      email: account.email,
      displayName: account.displayName,
      role: account.role,
      createdAt: account.createdAt.toISOString(),
    },
    profile: toProfileResponse(a, names),
    inclusion:
      inclusion === null
        ? null
        : {
            sex: inclusion.sex,
            birthYear: inclusion.birthYear,
            groups: inclusion.groups,
            consentedAt: inclusion.consentedAt.toISOString(),
            updatedAt: inclusion.updatedAt.toISOString(),
          },
  };
}
