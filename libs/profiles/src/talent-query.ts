import { decodeOffsetCursor, InputValidationError, isUuid, type FieldError } from '@app/http';
import { NO_GEO_CELL, type GeoCover } from '@app/geonames';
import { FilterBuilder, type FilterExpression } from '@app/search';
import type { TalentSearchQueryDto } from './dto/talent-search-query.dto.js';
import { COUNTRY_CODES, LANGUAGE_CODES } from './iso-codes.js';
import {
  PROFILE_FILTERABLE,
  PROFILE_MAX_TOTAL_HITS,
  type ProfileFilterField,
} from './profile-search-document.js';
import {
  CEFR_LEVELS,
  ENGAGEMENT_TYPES,
  WORK_MODES,
  type CefrLevel,
  type EngagementType,
  type Visibility,
  type WorkMode,
} from './profile-values.js';

export const TALENT_DEFAULT_LIMIT = 20;
export const TALENT_MAX_LIMIT = 50;
const MAX_VALUES = 20;

export interface TalentQuery {
  q: string;
  skills: { skillId: string; minLevel: number | undefined }[];
  countries: string[];
  languages: { code: string; minLevel: CefrLevel | undefined }[];
  verified: boolean | undefined;
  engagementTypes: EngagementType[];
  workModes: WorkMode[];
  near: { lat: number; lng: number; km: number } | undefined;
  sort: 'relevance' | 'rate';
  includeNotOpen: boolean;
  limit: number;
  offset: number;
}

/** Splits `a, b,,c` into trimmed non-empty values. */
function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/**
 * Turns the raw query string into a checked {@link TalentQuery}; every bad value is reported
 * with the parameter's name, all at once.
 */
export function parseTalentQuery(dto: TalentSearchQueryDto): TalentQuery {
  const errors: FieldError[] = [];
  const bad = (field: string, message: string): void => {
    errors.push({ field, message });
  };
  const many = (field: string, value: string | undefined): string[] => {
    const values = list(value);
    if (values.length > MAX_VALUES) bad(field, `takes at most ${MAX_VALUES} values`);
    return values;
  };

  const skills = many('skills', dto.skills).flatMap((raw) => {
    const [id, level, ...rest] = raw.toLowerCase().split(':');
    if (!isUuid(id) || rest.length > 0) {
      bad('skills', `"${raw}" is not a skill id (UUID), optionally followed by :level`);
      return [];
    }
    if (level !== undefined && !/^[1-5]$/.test(level)) {
      bad('skills', `"${raw}": the level after ":" must be 1 to 5`);
      return [];
    }
    return [{ skillId: id, minLevel: level === undefined ? undefined : Number(level) }];
  });

  const countries = many('countries', dto.countries).flatMap((raw) => {
    const code = raw.toUpperCase();
    if (!COUNTRY_CODES.has(code)) {
      bad('countries', `"${raw}" is not an ISO 3166-1 alpha-2 country code`);
      return [];
    }
    return [code];
  });

  const languages = many('languages', dto.languages).flatMap((raw) => {
    const [code, level, ...rest] = raw.split(':');
    const lowerCode = code.toLowerCase();
    const upperLevel = level?.toUpperCase();
    if (!LANGUAGE_CODES.has(lowerCode) || rest.length > 0) {
      bad('languages', `"${raw}" is not an ISO 639-1 code, optionally followed by :CEFR level`);
      return [];
    }
    if (upperLevel !== undefined && !(CEFR_LEVELS as readonly string[]).includes(upperLevel)) {
      bad('languages', `"${raw}": the level after ":" must be one of ${CEFR_LEVELS.join(', ')}`);
      return [];
    }
    return [{ code: lowerCode, minLevel: upperLevel as CefrLevel | undefined }];
  });

  const engagementTypes = oneOfEach(
    many('engagementTypes', dto.engagementTypes),
    ENGAGEMENT_TYPES,
    'engagementTypes',
    bad,
  );
  const workModes = oneOfEach(many('workModes', dto.workModes), WORK_MODES, 'workModes', bad);

  let near: TalentQuery['near'];
  if (dto.near !== undefined) {
    const parts = dto.near.split(',').map((p) => p.trim());
    const [lat, lng, km] = parts.map(Number);
    const numeric = parts.length === 3 && parts.every((p) => /^-?\d+(\.\d+)?$/.test(p));
    if (!numeric) bad('near', 'must be lat,lng,km (three numbers)');
    else if (lat < -90 || lat > 90) bad('near', 'latitude must be within -90..90');
    else if (lng < -180 || lng > 180) bad('near', 'longitude must be within -180..180');
    else if (km <= 0 || km > 1000) bad('near', 'radius must be more than 0 and at most 1000 km');
    else near = { lat, lng, km };
  }

  let limit = TALENT_DEFAULT_LIMIT;
  if (dto.limit !== undefined) {
    limit = /^\d+$/.test(dto.limit) ? Number(dto.limit) : NaN;
    if (!(limit >= 1 && limit <= TALENT_MAX_LIMIT)) {
      bad('limit', `must be a whole number from 1 to ${TALENT_MAX_LIMIT}`);
    }
  }

  let offset = 0;
  if (dto.cursor !== undefined) {
    const decoded = decodeOffsetCursor(dto.cursor, PROFILE_MAX_TOTAL_HITS);
    if (decoded === undefined) bad('cursor', 'is not a cursor this endpoint returned');
    else offset = decoded;
  }

  if (errors.length > 0) throw new InputValidationError(errors);
  return {
    q: (dto.q ?? '').trim(),
    skills,
    countries: [...new Set(countries)],
    languages,
    verified: dto.verified === undefined ? undefined : dto.verified === 'true',
    engagementTypes,
    workModes,
    near,
    sort: dto.sort === 'rate' ? 'rate' : 'relevance',
    includeNotOpen: dto.includeNotOpen === 'true',
    limit,
    offset,
  };
}

function oneOfEach<T extends string>(
  values: string[],
  allowed: readonly T[],
  field: string,
  bad: (field: string, message: string) => void,
): T[] {
  return values.flatMap((v) => {
    if ((allowed as readonly string[]).includes(v)) return [v as T];
    bad(field, `"${v}" is not one of ${allowed.join(', ')}`);
    return [];
  });
}

const filters = new FilterBuilder<ProfileFilterField>(PROFILE_FILTERABLE);

/**
 * The Meilisearch filter for a talent query, built only through the escaping filter builder.
 * `visibilities` comes from the viewer's role; people not open to work are left out unless a
 * broker asked for them.
 */
export function buildTalentFilter(
  query: TalentQuery,
  visibilities: readonly Visibility[],
  cover: GeoCover,
): FilterExpression | undefined {
  const parts: (FilterExpression | undefined)[] = [
    filters.in('visibility', visibilities),
    query.includeNotOpen ? undefined : filters.eq('openToWork', true),
    ...query.skills.map((s) =>
      s.minLevel === undefined
        ? filters.eq('skillIds', s.skillId)
        : filters.eq('skillLevels', `${s.skillId}:${s.minLevel}`),
    ),
    query.countries.length > 0 ? filters.in('country', query.countries) : undefined,
    ...query.languages.map((l) =>
      l.minLevel === undefined
        ? filters.eq('languageCodes', l.code)
        : filters.eq('languageLevels', `${l.code}:${l.minLevel}`),
    ),
    query.engagementTypes.length > 0
      ? filters.in('engagementTypes', query.engagementTypes)
      : undefined,
    query.workModes.length > 0 ? filters.in('workModes', query.workModes) : undefined,
    query.near === undefined ? undefined : nearFilter(cover, query.near),
    ...verifiedFilters(query),
  ];
  return filters.and(...parts);
}

/** People whose town lies within `near.km` of the point (no town there: nobody). */
function nearFilter(cover: GeoCover, near: { lat: number; lng: number; km: number }) {
  const keys = cover.within(near.lat, near.lng, near.km);
  // a key no document carries: nobody lives within the radius
  return filters.in('geoCells', keys.length === 0 ? [NO_GEO_CELL] : keys);
}

function verifiedFilters(query: TalentQuery): (FilterExpression | undefined)[] {
  // verified=false means "do not restrict", not "only the unverified"
  if (query.verified !== true) return [];
  if (query.skills.length === 0) return [filters.eq('hasVerifiedSkills', true)];
  return query.skills.map((s) => filters.eq('verifiedSkillIds', s.skillId));
}

/** {@link buildTalentFilter} narrowed to documents changed after `changedAfter` (epoch ms). */
export function buildTalentChangedFilter(
  query: TalentQuery,
  visibilities: readonly Visibility[],
  cover: GeoCover,
  changedAfter: number,
): FilterExpression | undefined {
  return filters.and(
    buildTalentFilter(query, visibilities, cover),
    filters.compare('updatedAt', '>', Math.floor(changedAfter)),
  );
}
