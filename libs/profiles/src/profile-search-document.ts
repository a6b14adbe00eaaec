import type { SearchDocument } from '@app/search';
import { geoCellKeys } from '@app/geonames';
import { foldForIndex } from '@app/text';
import { CEFR_LEVELS, type CefrLevel, type Visibility } from './profile-values.js';

/** Logical name of the profiles index (the configured prefix is prepended at run time). */
export const PROFILES_INDEX = 'profiles';

/**
 * What the profiles index holds: only what search, filters, facets and matching need. Never the
 * e-mail, never inclusion data, never bio or portfolio (read from PostgreSQL when shown).
 */
export interface ProfileSearchDocument extends SearchDocument {
  displayName: string | null;
  headline: string | null;
  country: string | null;
  city: string | null;
  /** The town's coordinates, read by matching; not the engine's geo index (see geoCells). */
  _geo?: { lat: number; lng: number };
  /** The town's grid cells and point: radius filters match these (`@app/geonames` geo-cells). */
  geoCells?: string[];
  skillIds: string[];
  skillNames: string[];
  /** `<skillId>:<n>` for n = 1..level, so "at least level 3" is `skillLevels = "<id>:3"`. */
  skillLevels: string[];
  verifiedSkillIds: string[];
  hasVerifiedSkills: boolean;
  languageCodes: string[];
  /** `<code>:<level>` for every CEFR level up to the held one: "at least B2" is `"en:B2"`. */
  languageLevels: string[];
  /**
   * Compact facts matching scores from, one string per skill: `<skillId>:<level>:<years>`
   * (years empty when not given). Retrieved, never searched.
   */
  matchSkills: string[];
  /** `<code>:<level>` with the held level only, for scoring. */
  matchLanguages: string[];
  workModes: string[];
  engagementTypes: string[];
  hoursPerWeek: number | null;
  /** Days since 1970-01-01 (numeric, so it can be compared in filters). */
  availableFrom: number | null;
  hourlyRateEur: number | null;
  openToWork: boolean;
  visibility: Visibility;
  /** Epoch milliseconds. */
  lastActiveAt: number;
  /** Epoch milliseconds of the row's last change (`profiles.updated_at`): saved-search alerts. */
  updatedAt: number;
  /** Cross-script, diacritic-free spellings (Петровић → petrovic); searched, never displayed. */
  nameFolded: string;
  headlineFolded: string;
}

/** The facts a document is built from (one profile, its owner's name and skill names). */
export interface ProfileIndexSource {
  id: string;
  version: number;
  displayName: string | null;
  headline: string | null;
  country: string | null;
  city: string | null;
  lat: number | null;
  lng: number | null;
  skills: {
    skillId: string;
    level: number;
    years: number | null;
    verified: boolean;
    name: string | null;
  }[];
  languages: { code: string; level: CefrLevel }[];
  workModes: string[];
  engagementTypes: string[];
  hoursPerWeek: number | null;
  availableFrom: string | null;
  hourlyRateEur: number | null;
  openToWork: boolean;
  visibility: Visibility;
  lastActiveAt: Date;
  updatedAt: Date;
}

const DAY_MS = 86_400_000;

export function toEpochDay(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function skillLevelKeys(skillId: string, level: number): string[] {
  return Array.from({ length: level }, (_, i) => `${skillId}:${i + 1}`);
}

export function languageLevelKeys(code: string, level: CefrLevel): string[] {
  return CEFR_LEVELS.slice(0, CEFR_LEVELS.indexOf(level) + 1).map((l) => `${code}:${l}`);
}

export function buildProfileDocument(p: ProfileIndexSource): ProfileSearchDocument {
  const verified = p.skills.filter((s) => s.verified).map((s) => s.skillId);
  return {
    id: p.id,
    _version: p.version,
    displayName: p.displayName,
    headline: p.headline,
    country: p.country,
    city: p.city,
    ...(p.lat !== null && p.lng !== null
      ? { _geo: { lat: p.lat, lng: p.lng }, geoCells: geoCellKeys(p.lat, p.lng) }
      : {}),
    skillIds: p.skills.map((s) => s.skillId),
    skillNames: p.skills.flatMap((s) => (s.name === null ? [] : [s.name])),
    skillLevels: p.skills.flatMap((s) => skillLevelKeys(s.skillId, s.level)),
    verifiedSkillIds: verified,
    hasVerifiedSkills: verified.length > 0,
    languageCodes: p.languages.map((l) => l.code),
    languageLevels: p.languages.flatMap((l) => languageLevelKeys(l.code, l.level)),
    matchSkills: p.skills.map((s) => `${s.skillId}:${s.level}:${s.years ?? ''}`),
    matchLanguages: p.languages.map((l) => `${l.code}:${l.level}`),
    workModes: p.workModes,
    engagementTypes: p.engagementTypes,
    hoursPerWeek: p.hoursPerWeek,
    availableFrom: p.availableFrom === null ? null : toEpochDay(p.availableFrom),
    hourlyRateEur: p.hourlyRateEur,
    openToWork: p.openToWork,
    visibility: p.visibility,
    lastActiveAt: p.lastActiveAt.getTime(),
    updatedAt: p.updatedAt.getTime(),
    nameFolded: foldForIndex(p.displayName ?? ''),
    headlineFolded: foldForIndex(p.headline ?? ''),
  };
}

/** Attributes talent search may filter on; the filter builder refuses any other name. */
export const PROFILE_FILTERABLE = [
  'skillIds',
  'skillLevels',
  'verifiedSkillIds',
  'hasVerifiedSkills',
  'languageCodes',
  'languageLevels',
  'country',
  'visibility',
  'openToWork',
  'workModes',
  'engagementTypes',
  'hoursPerWeek',
  'availableFrom',
  'hourlyRateEur',
  'lastActiveAt',
  'updatedAt',
  'geoCells',
] as const;
export type ProfileFilterField = (typeof PROFILE_FILTERABLE)[number];

/**
 * The fields matching reads of each profile it ranks (the documents fetch returns only these):
 * the packed facts `matchSkills` and `matchLanguages` are kept in the document for it.
 */
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

export const PROFILE_MAX_TOTAL_HITS = 1000;
