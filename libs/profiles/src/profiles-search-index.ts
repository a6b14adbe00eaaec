import { RegisterSearchIndex, type SearchIndexDefinition } from '@app/search';
import { TaxonomyService } from '@app/taxonomy';
import { Injectable } from '@nestjs/common';
import type { Settings } from 'meilisearch';
import type { EntityManager } from 'typeorm';
import {
  PROFILE_FILTERABLE,
  PROFILE_MAX_TOTAL_HITS,
  PROFILES_INDEX,
  buildProfileDocument,
  type ProfileSearchDocument,
} from './profile-search-document.js';
import { ProfilesRepository, type ProfileAggregate } from './profiles.repository.js';
import { loadSkillNames } from './profile-mapping.js';

/**
 * Settings of the `profiles` index. Each searchable original is followed by its folded twin, so
 * "petrovic" finds "Петровић" and "Djordje" finds "Đorđe"; folded twins are never displayed.
 */
export const PROFILES_INDEX_SETTINGS: Settings = {
  searchableAttributes: [
    'displayName',
    'nameFolded',
    'headline',
    'headlineFolded',
    'skillNames',
    'city',
  ],
  displayedAttributes: [
    'id',
    '_version',
    'displayName',
    'headline',
    'country',
    'city',
    '_geo',
    'skillIds',
    'skillNames',
    'verifiedSkillIds',
    'languageCodes',
    'workModes',
    'engagementTypes',
    'hoursPerWeek',
    'availableFrom',
    'hourlyRateEur',
    'openToWork',
    'visibility',
    'lastActiveAt',
    'updatedAt',
    'matchSkills',
    'matchLanguages',
  ],
  filterableAttributes: [...PROFILE_FILTERABLE],
  sortableAttributes: ['hourlyRateEur', 'lastActiveAt', 'updatedAt'],
  typoTolerance: {
    enabled: true,
    minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 },
  },
  faceting: { maxValuesPerFacet: 100 },
  pagination: { maxTotalHits: PROFILE_MAX_TOTAL_HITS },
  // indexing cost, paid on every profile save (docs/search-pipeline.md, "Freshness under load"):
  // word proximity only within an attribute (the fields are short), and no search inside facet
  // values, which nothing asks for (facet counts are unaffected). `_geo` is neither filterable
  // nor sortable: the engine would rewrite its whole geo index on every write batch; radius
  // filters match `geoCells` instead
  proximityPrecision: 'byAttribute',
  facetSearch: false,
};

/** Only profiles that are neither private nor erased are documents here. */
@Injectable()
@RegisterSearchIndex()
export class ProfilesSearchIndex implements SearchIndexDefinition<ProfileSearchDocument> {
  readonly name = PROFILES_INDEX;
  readonly settings = PROFILES_INDEX_SETTINGS;

  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async loadDocuments(manager: EntityManager, ids: string[]): Promise<ProfileSearchDocument[]> {
    return this.toDocuments(await this.profiles.findSearchableByIds(manager, ids));
  }

  async loadPage(
    manager: EntityManager,
    afterId: string | undefined,
    limit: number,
  ): Promise<ProfileSearchDocument[]> {
    return this.toDocuments(await this.profiles.findSearchablePage(manager, afterId, limit));
  }

  private async toDocuments(aggregates: ProfileAggregate[]): Promise<ProfileSearchDocument[]> {
    const names = await loadSkillNames((ids) => this.taxonomy.skillNames(ids), aggregates);
    return aggregates.map(({ profile: p, displayName, skills, languages }) =>
      buildProfileDocument({
        id: p.id,
        version: p.version,
        displayName,
        headline: p.headline,
        country: p.country,
        city: p.city,
        lat: p.lat,
        lng: p.lng,
        skills: skills.map((s) => ({
          skillId: s.skillId,
          level: s.level,
          years: s.years,
          verified: s.verified,
          name: names.get(s.skillId) ?? null,
        })),
        languages: languages.map((l) => ({ code: l.code, level: l.level })),
        workModes: p.workModes,
        engagementTypes: p.engagementTypes,
        hoursPerWeek: p.hoursPerWeek,
        availableFrom: p.availableFrom,
        hourlyRateEur: p.hourlyRateEur,
        openToWork: p.openToWork,
        visibility: p.visibility,
        lastActiveAt: p.lastActiveAt,
        updatedAt: p.updatedAt,
      }),
    );
  }
}
