import { RegisterSearchIndex, type SearchDocument, type SearchIndexDefinition } from '@app/search';
import { foldForIndex } from '@app/text';
import { Injectable } from '@nestjs/common';
import type { Settings } from 'meilisearch';
import type { EntityManager } from 'typeorm';
import type { OpportunityRecord } from './opportunity-record.js';
import { OpportunitiesRepository } from './opportunities.repository.js';
import type { OpportunityKind } from './opportunity-vocabulary.js';

/** Logical name of the index of open work requests and listings. */
export const OPPORTUNITIES_INDEX = 'opportunities';

/**
 * What recommendations and matching need about one open request or listing. No description
 * text beyond its folded words, nothing about who created it.
 */
export interface OpportunityDocument extends SearchDocument {
  kind: OpportunityKind;
  status: 'open';
  title: string;
  /** Hidden: title folded (any script, no diacritics; see @app/text). */
  titleFolded: string;
  /** Hidden: description folded. */
  descriptionFolded: string;
  /** Hidden: the town's GeoNames and local names folded ("Belgrade beograd"), searchable. */
  placeFolded: string;
  organisationId: string;
  skillIds: string[];
  mustHaveSkills: string[];
  niceToHaveSkills: string[];
  /** `"<skillId>:<minLevel>"` for every skill: filter `skillMinLevels IN [...]`. */
  skillMinLevels: string[];
  languageCodes: string[];
  /** `"<code>:<CEFR>"`, e.g. `en:B2`. */
  languageMinLevels: string[];
  engagementType: string;
  workMode: string;
  countries: string[];
  city: string | null;
  _geo?: { lat: number; lng: number };
  radiusKm: number | null;
  hoursPerWeek: number | null;
  durationWeeks: number | null;
  budgetType: string | null;
  budgetMinEur: number | null;
  budgetMaxEur: number | null;
  openings: number;
  /** Epoch seconds; null when none was set. */
  deadline: number | null;
  publishedAt: number | null;
  /** Epoch milliseconds: the search's tie-break after relevance and deadline. */
  createdAt: number;
  programmeId: string | null;
  source: string | null;
  clientCountry: string | null;
  /** Epoch milliseconds of the row's last change (`opportunities.updated_at`): saved-search alerts. */
  updatedAt: number;
}

export const OPPORTUNITY_FILTERABLE_ATTRIBUTES = [
  'kind',
  'status',
  'organisationId',
  'skillIds',
  'mustHaveSkills',
  'niceToHaveSkills',
  'skillMinLevels',
  'languageCodes',
  'languageMinLevels',
  'engagementType',
  'workMode',
  'countries',
  '_geo',
  'radiusKm',
  'hoursPerWeek',
  'budgetType',
  'budgetMinEur',
  'budgetMaxEur',
  'deadline',
  'programmeId',
  'source',
  'clientCountry',
  'updatedAt',
] as const;

/**
 * Most hits one search ranks (Meilisearch's `maxTotalHits`): `GET /api/opportunities` pages
 * through at most this many.
 */
export const OPPORTUNITY_MAX_TOTAL_HITS = 1000;

export const OPPORTUNITIES_INDEX_SETTINGS: Settings = {
  searchableAttributes: ['title', 'titleFolded', 'placeFolded', 'descriptionFolded'],
  // everything but the folded helper fields
  displayedAttributes: [
    ...new Set([
      'id',
      '_version',
      'title',
      'city',
      'durationWeeks',
      'openings',
      'publishedAt',
      'createdAt',
      ...OPPORTUNITY_FILTERABLE_ATTRIBUTES,
    ]),
  ],
  filterableAttributes: [...OPPORTUNITY_FILTERABLE_ATTRIBUTES],
  // relevance first, then deadline, createdAt and id: one total order for search pages
  sortableAttributes: [
    'deadline',
    'publishedAt',
    'createdAt',
    'id',
    'budgetMaxEur',
    'updatedAt',
    '_geo',
  ],
  pagination: { maxTotalHits: OPPORTUNITY_MAX_TOTAL_HITS },
};

/**
 * Folding (transliteration, diacritics, variant spellings) only changes text that has non-ASCII
 * letters; plain ASCII descriptions, the bulk of imported listings, are indexed as they are,
 * which Meilisearch tokenizes and lower-cases itself. Folding a 4,000-character description
 * costs milliseconds, and a 5,000-row import would spend most of its relay time there.
 */
export function foldLongText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7F]/.test(text) ? foldForIndex(text) : text;
}

const epochSeconds = (d: Date | null): number | null =>
  d === null ? null : Math.floor(d.getTime() / 1000);

export function toOpportunityDocument(o: OpportunityRecord): OpportunityDocument {
  return {
    id: o.id,
    _version: o.version,
    kind: o.kind,
    status: 'open',
    title: o.title,
    titleFolded: foldForIndex(o.title),
    descriptionFolded: foldLongText(o.description),
    placeFolded: foldForIndex([o.city, o.cityLocalName].filter((n) => n !== null).join(' ')),
    organisationId: o.organisationId,
    skillIds: o.skills.map((s) => s.skillId),
    mustHaveSkills: o.skills.filter((s) => s.mustHave).map((s) => s.skillId),
    niceToHaveSkills: o.skills.filter((s) => !s.mustHave).map((s) => s.skillId),
    skillMinLevels: o.skills.map((s) => `${s.skillId}:${s.minLevel}`),
    languageCodes: o.languages.map((l) => l.code),
    languageMinLevels: o.languages.map((l) => `${l.code}:${l.minLevel}`),
    engagementType: o.engagementType,
    workMode: o.workMode,
    countries: [...o.countries],
    city: o.city,
    ...(o.lat !== null && o.lng !== null ? { _geo: { lat: o.lat, lng: o.lng } } : {}),
    radiusKm: o.radiusKm,
    hoursPerWeek: o.hoursPerWeek,
    durationWeeks: o.durationWeeks,
    budgetType: o.budgetType,
    budgetMinEur: o.budgetMinEur,
    budgetMaxEur: o.budgetMaxEur,
    openings: o.openings,
    deadline: epochSeconds(o.deadline),
    publishedAt: epochSeconds(o.publishedAt),
    createdAt: o.createdAt.getTime(),
    programmeId: o.programmeId,
    source: o.source,
    clientCountry: o.clientCountry,
    updatedAt: o.updatedAt.getTime(),
  };
}

/** Open work requests and listings; drafts, closed and filled ones are absent (and removed). */
@Injectable()
@RegisterSearchIndex()
export class OpportunitiesSearchIndex implements SearchIndexDefinition<OpportunityDocument> {
  readonly name = OPPORTUNITIES_INDEX;
  readonly settings = OPPORTUNITIES_INDEX_SETTINGS;

  constructor(private readonly opportunities: OpportunitiesRepository) {}

  async loadDocuments(manager: EntityManager, ids: string[]): Promise<OpportunityDocument[]> {
    return (await this.opportunities.findOpenByIds(manager, ids)).map(toOpportunityDocument);
  }

  async loadPage(
    manager: EntityManager,
    afterId: string | undefined,
    limit: number,
  ): Promise<OpportunityDocument[]> {
    return (await this.opportunities.findOpenPage(manager, afterId, limit)).map(
      toOpportunityDocument,
    );
  }

  countDocuments(manager: EntityManager): Promise<number> {
    return this.opportunities.countOpen(manager);
  }
}
