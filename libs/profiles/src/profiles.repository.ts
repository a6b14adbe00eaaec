import {
  anyUuid,
  checkedText,
  runPrepared,
  typedQueries,
  type Database,
  type TypedQueries,
} from '@app/database';
import { UserDirectory } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql, type Selectable } from 'kysely';
import { DataSource, type EntityManager } from 'typeorm';
import type { InclusionRecord, PortfolioItem, ProfileSummary } from './profile-records.js';
import {
  CEFR_LEVELS,
  ENGAGEMENT_TYPES,
  INCLUSION_GROUPS,
  SEXES,
  VISIBILITIES,
  WORK_MODES,
  type CefrLevel,
  type EngagementType,
  type InclusionGroup,
  type Sex,
  type Visibility,
  type WorkMode,
} from './profile-values.js';

/** A `profiles` row as the lib reads it (the owner's user id included). */
export interface ProfileRow {
  id: string;
  /** The owning trainee; null once the profile is erased (no link to a person remains). */
  userId: string | null;
  headline: string | null;
  bio: string | null;
  country: string | null;
  city: string | null;
  cityId: number | null;
  cityLocalName: string | null;
  lat: number | null;
  lng: number | null;
  workModes: WorkMode[];
  engagementTypes: EngagementType[];
  hoursPerWeek: number | null;
  /** `YYYY-MM-DD` (a calendar date, no time zone). */
  availableFrom: string | null;
  hourlyRateEur: number | null;
  portfolio: PortfolioItem[];
  openToWork: boolean;
  visibility: Visibility;
  /** Optimistic-concurrency counter, guarded in SQL (see {@link ProfilesRepository.updateIfVersion}). */
  version: number;
  lastActiveAt: Date;
  createdAt: Date;
  updatedAt: Date;
  erasedAt: Date | null;
}

export interface ProfileSkillRow {
  profileId: string;
  skillId: string;
  /** The higher of `declaredLevel` and `certifiedLevel`: what search and matching read. */
  level: number;
  /** What the trainee declared; null when only a certificate put the skill here. */
  declaredLevel: number | null;
  /** The highest level a valid certificate backs; null when none does. */
  certifiedLevel: number | null;
  years: number | null;
  verified: boolean;
}

export interface ProfileLanguageRow {
  profileId: string;
  code: string;
  level: CefrLevel;
}

/** A profile with its skills, languages and its owner's display name. */
export interface ProfileAggregate {
  profile: ProfileRow;
  displayName: string | null;
  skills: ProfileSkillRow[];
  languages: ProfileLanguageRow[];
}

/** Every field a trainee sets with `PUT /api/profiles/me`, already validated and resolved. */
export type ProfileFields = Omit<
  ProfileRow,
  'id' | 'userId' | 'version' | 'lastActiveAt' | 'createdAt' | 'updatedAt' | 'erasedAt'
>;

/**
 * The two sides of a profile skill: what the trainee declares (with years) and what evidence
 * certifies (which also verifies it). Each side is replaced as a whole by its owner, never
 * touching the other; the stored level is the higher of the two.
 */
export type SkillSide =
  | {
      kind: 'declared';
      skills: readonly { skillId: string; level: number; years: number | null }[];
    }
  | { kind: 'certified'; skills: readonly { skillId: string; level: number }[] };

export interface InclusionFields {
  sex: Sex | null;
  birthYear: number | null;
  groups: InclusionGroup[];
}

/**
 * Each profile's row with its skills and languages beside it (alias `p`): one statement, one
 * consistent snapshot, one round trip. Skills and languages come packed as text
 * (`<skill id>:<level>:<declared>:<certified>:<years>:<verified 0|1>,…`, empty = null), which
 * PostgreSQL builds in two thirds of the time of the same rows as JSON objects (docs/matching.md).
 */
function selectProfiles(db: TypedQueries) {
  return db.selectFrom('profiles as p').select([
    'p.id',
    'p.user_id',
    'p.headline',
    'p.bio',
    'p.country',
    'p.city',
    'p.city_id',
    'p.city_local_name',
    'p.lat',
    'p.lng',
    'p.work_modes',
    'p.engagement_types',
    'p.hours_per_week',
    sql<string | null>`to_char(p.available_from, 'YYYY-MM-DD')`.as('available_from'),
    'p.hourly_rate_eur',
    'p.portfolio',
    'p.open_to_work',
    'p.visibility',
    'p.version',
    'p.last_active_at',
    'p.created_at',
    'p.updated_at',
    'p.erased_at',
    sql<string | null>`(SELECT string_agg(s.skill_id || ':' || s.level
          || ':' || coalesce(s.declared_level::text, '') || ':' || coalesce(s.certified_level::text, '')
          || ':' || coalesce(s.years::text, '') || ':' || s.verified::int, ','
          ORDER BY s.level DESC, s.skill_id)
        FROM profile_skills s WHERE s.profile_id = p.id)`.as('skills_packed'),
    sql<string | null>`(SELECT string_agg(l.code || ':' || l.level, ',' ORDER BY l.code)
        FROM profile_languages l WHERE l.profile_id = p.id)`.as('languages_packed'),
  ]);
}

type SelectedProfile = Awaited<ReturnType<ReturnType<typeof selectProfiles>['execute']>>[number];

const optionalNumber = (text: string): number | null => (text === '' ? null : Number(text));

/** A profile's skills from {@link selectProfiles}' packed text, highest level first. */
export function unpackSkills(profileId: string, packed: string | null): ProfileSkillRow[] {
  if (packed === null) return [];
  return packed.split(',').map((fact) => {
    const [skillId, level, declared, certified, years, verified] = fact.split(':');
    return {
      profileId,
      skillId,
      level: Number(level),
      declaredLevel: optionalNumber(declared),
      certifiedLevel: optionalNumber(certified),
      years: optionalNumber(years),
      verified: verified === '1',
    };
  });
}

/** A profile's languages from {@link selectProfiles}' packed text, by code. */
export function unpackLanguages(profileId: string, packed: string | null): ProfileLanguageRow[] {
  if (packed === null) return [];
  return packed.split(',').map((fact) => {
    const [code, level] = fact.split(':');
    return { profileId, code, level: checkedText(CEFR_LEVELS, level, 'profile_languages.level') };
  });
}

/** The jsonb of `profiles.portfolio`. */
type Json = Selectable<Database['profiles']>['portfolio'];

/** The portfolio as stored (jsonb written only from validated input): a list of title and URL. */
function portfolioOf(value: Json): PortfolioItem[] {
  if (!Array.isArray(value)) throw new Error('profiles.portfolio holds something else than a list');
  return value.map((item) => {
    if (
      item === null ||
      typeof item !== 'object' ||
      Array.isArray(item) ||
      typeof item.title !== 'string' ||
      typeof item.url !== 'string'
    ) {
      throw new Error('profiles.portfolio holds an item without a title and URL');
    }
    return { title: item.title, url: item.url };
  });
}

function toRow(r: SelectedProfile): ProfileRow {
  return {
    id: r.id,
    userId: r.user_id,
    headline: r.headline,
    bio: r.bio,
    country: r.country,
    city: r.city,
    cityId: r.city_id,
    cityLocalName: r.city_local_name,
    lat: r.lat,
    lng: r.lng,
    workModes: r.work_modes.map((m) => checkedText(WORK_MODES, m, 'profiles.work_modes')),
    engagementTypes: r.engagement_types.map((e) =>
      checkedText(ENGAGEMENT_TYPES, e, 'profiles.engagement_types'),
    ),
    hoursPerWeek: r.hours_per_week,
    availableFrom: r.available_from,
    // numeric comes back from pg as a string; money stays exact in the database
    hourlyRateEur: r.hourly_rate_eur === null ? null : Number(r.hourly_rate_eur),
    portfolio: portfolioOf(r.portfolio),
    openToWork: r.open_to_work,
    visibility: checkedText(VISIBILITIES, r.visibility, 'profiles.visibility'),
    version: r.version,
    lastActiveAt: r.last_active_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    erasedAt: r.erased_at,
  };
}

/**
 * SQL for profiles, their skills, languages and inclusion data. Reads for the owner go by
 * `userId`; reads for others go through the visibility-scoped methods, which never return
 * private or erased profiles. Display names live on the account (identity) and are read
 * alongside through its `UserDirectory`, batched, never copied.
 */
@Injectable()
export class ProfilesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserDirectory,
  ) {}

  private get db(): TypedQueries {
    return typedQueries(this.dataSource.manager);
  }

  /** The empty profile every trainee gets at registration. */
  async insertForUser(manager: EntityManager, userId: string): Promise<string> {
    const row = await typedQueries(manager)
      .insertInto('profiles')
      .values({ user_id: userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async findOwnedBy(userId: string): Promise<ProfileAggregate | undefined> {
    const rows = await selectProfiles(this.db).where('p.user_id', '=', userId).execute();
    const [found] = await this.aggregatesOf(rows);
    return found;
  }

  /**
   * Profiles of these ids that are not erased and have one of these visibilities. Every ranking
   * and every profile page reads this way, so it is a prepared statement.
   */
  async findVisibleByIds(
    ids: readonly string[],
    visibilities: readonly Visibility[],
  ): Promise<ProfileAggregate[]> {
    if (ids.length === 0 || visibilities.length === 0) return [];
    const rows = await runPrepared(
      this.dataSource.manager,
      'profiles_visible_by_ids',
      selectProfiles(this.db)
        .where('p.id', '=', (eb) => eb.fn.any(eb.val([...new Set(ids)])))
        .where('p.erased_at', 'is', null)
        .where('p.visibility', '=', (eb) => eb.fn.any(eb.val([...visibilities]))),
    );
    return this.aggregatesOf(rows);
  }

  /** Searchable profiles among these ids: not private, not erased (for the search index). */
  async findSearchableByIds(manager: EntityManager, ids: string[]): Promise<ProfileAggregate[]> {
    if (ids.length === 0) return [];
    const rows = await selectProfiles(typedQueries(manager))
      .where('p.id', '=', anyUuid([...new Set(ids)]))
      .where('p.erased_at', 'is', null)
      .where('p.visibility', '<>', 'private')
      .execute();
    return this.aggregatesOf(rows);
  }

  /** One page of searchable profiles ordered by id, after `afterId`. */
  async findSearchablePage(
    manager: EntityManager,
    afterId: string | undefined,
    limit: number,
  ): Promise<ProfileAggregate[]> {
    let query = selectProfiles(typedQueries(manager))
      .where('p.erased_at', 'is', null)
      .where('p.visibility', '<>', 'private');
    if (afterId !== undefined) query = query.where('p.id', '>', afterId);
    return this.aggregatesOf(await query.orderBy('p.id').limit(limit).execute());
  }

  /**
   * Who owns these profiles, whether they are erased and who may see them, with the headline
   * facts others show beside their own records (erased and private ones included: the caller
   * decides what its reader may see). In `manager`'s transaction, so it sees its writes.
   */
  async findSummaries(manager: EntityManager, ids: readonly string[]): Promise<ProfileSummary[]> {
    if (ids.length === 0) return [];
    const rows = await typedQueries(manager)
      .selectFrom('profiles')
      .select(['id', 'user_id', 'erased_at', 'visibility', 'headline', 'country', 'city'])
      .where('id', '=', anyUuid([...new Set(ids)]))
      .execute();
    const names = await this.displayNames(rows.map((r) => r.user_id));
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      erased: r.erased_at !== null,
      visibility: checkedText(VISIBILITIES, r.visibility, 'profiles.visibility'),
      displayName: r.user_id === null ? null : (names.get(r.user_id) ?? null),
      headline: r.headline,
      country: r.country,
      city: r.city,
    }));
  }

  /**
   * Writes the fields only if the stored version is still `expectedVersion`; bumps the version
   * and `last_active_at`. Returns the new version, or undefined when the version was stale (or
   * the profile is gone): nothing is written then.
   */
  async updateIfVersion(
    manager: EntityManager,
    profileId: string,
    expectedVersion: number,
    f: ProfileFields,
  ): Promise<number | undefined> {
    const row = await typedQueries(manager)
      .updateTable('profiles')
      .set((eb) => ({
        headline: f.headline,
        bio: f.bio,
        country: f.country,
        city: f.city,
        lat: f.lat,
        lng: f.lng,
        work_modes: f.workModes,
        engagement_types: f.engagementTypes,
        hours_per_week: f.hoursPerWeek,
        available_from: f.availableFrom,
        hourly_rate_eur: f.hourlyRateEur,
        portfolio: sql<Json>`${JSON.stringify(f.portfolio)}::jsonb`,
        open_to_work: f.openToWork,
        visibility: f.visibility,
        city_id: f.cityId,
        city_local_name: f.cityLocalName,
        version: eb('version', '+', 1),
        last_active_at: sql<Date>`now()`,
      }))
      .where('id', '=', profileId)
      .where('version', '=', expectedVersion)
      .where('erased_at', 'is', null)
      .returning('version')
      .executeTakeFirst();
    return row?.version;
  }

  /**
   * Makes `side.skills` the whole of one side of the profile's skills. A skill the other side
   * still holds stays on the profile (only this side's facts go, and its level falls back to
   * the other side's); a skill neither side holds leaves it. The level is always the higher of
   * the two sides: evidence is not the trainee's to lower, nor a declaration evidence's.
   * Replacing the certified side also verifies its skills and bumps the profile version
   * (documents and caches compare it); a declared replacement comes with the versioned update.
   */
  async replaceSkills(manager: EntityManager, profileId: string, side: SkillSide): Promise<void> {
    const db = typedQueries(manager);
    const declared = side.kind === 'declared';
    const kept = side.skills.map((s) => s.skillId);
    const other = declared ? 'certified_level' : 'declared_level';
    await db
      .deleteFrom('profile_skills')
      .where('profile_id', '=', profileId)
      .where((eb) => eb.not(eb('skill_id', '=', anyUuid(kept))))
      .where(other, 'is', null)
      .execute();
    await db
      .updateTable('profile_skills')
      .set(
        declared
          ? { declared_level: null, years: null, level: sql<number>`certified_level` }
          : { certified_level: null, verified: false, level: sql<number>`declared_level` },
      )
      .where('profile_id', '=', profileId)
      .where((eb) => eb.not(eb('skill_id', '=', anyUuid(kept))))
      .where((eb) =>
        declared
          ? eb('declared_level', 'is not', null)
          : eb.or([eb('certified_level', 'is not', null), eb('verified', '=', true)]),
      )
      .execute();
    if (side.skills.length > 0) {
      await db
        .insertInto('profile_skills')
        .values(
          side.kind === 'declared'
            ? side.skills.map((s) => ({
                profile_id: profileId,
                skill_id: s.skillId,
                level: s.level,
                declared_level: s.level,
                years: s.years,
              }))
            : side.skills.map((s) => ({
                profile_id: profileId,
                skill_id: s.skillId,
                level: s.level,
                certified_level: s.level,
                verified: true,
              })),
        )
        .onConflict((oc) =>
          oc.columns(['profile_id', 'skill_id']).doUpdateSet((eb) =>
            declared
              ? {
                  declared_level: eb.ref('excluded.declared_level'),
                  years: eb.ref('excluded.years'),
                  level: sql<number>`GREATEST(excluded.declared_level, profile_skills.certified_level)`,
                }
              : {
                  certified_level: eb.ref('excluded.certified_level'),
                  verified: true,
                  level: sql<number>`GREATEST(profile_skills.declared_level, excluded.certified_level)`,
                },
          ),
        )
        .execute();
    }
    if (!declared) await this.bumpVersion(manager, profileId);
  }

  async replaceLanguages(
    manager: EntityManager,
    profileId: string,
    languages: { code: string; level: CefrLevel }[],
  ): Promise<void> {
    const db = typedQueries(manager);
    await db.deleteFrom('profile_languages').where('profile_id', '=', profileId).execute();
    if (languages.length === 0) return;
    await db
      .insertInto('profile_languages')
      .values(languages.map((l) => ({ profile_id: profileId, code: l.code, level: l.level })))
      .execute();
  }

  /**
   * Marks these skills of the profile as backed by evidence (e.g. a completed course) and
   * bumps the version so caches and the index see the change. Returns how many rows changed.
   */
  async markSkillsVerified(
    manager: EntityManager,
    profileId: string,
    skillIds: string[],
  ): Promise<number> {
    const { numUpdatedRows } = await typedQueries(manager)
      .updateTable('profile_skills')
      .set({ verified: true })
      .where('profile_id', '=', profileId)
      .where('skill_id', '=', anyUuid(skillIds))
      .where('verified', '=', false)
      .executeTakeFirst();
    const changed = Number(numUpdatedRows);
    if (changed > 0) await this.bumpVersion(manager, profileId);
    return changed;
  }

  async upsertInclusion(
    manager: EntityManager,
    profileId: string,
    f: InclusionFields,
  ): Promise<void> {
    await typedQueries(manager)
      .insertInto('profile_inclusion')
      .values({ profile_id: profileId, sex: f.sex, birth_year: f.birthYear, groups: f.groups })
      .onConflict((oc) =>
        oc.column('profile_id').doUpdateSet((eb) => ({
          sex: eb.ref('excluded.sex'),
          birth_year: eb.ref('excluded.birth_year'),
          groups: eb.ref('excluded.groups'),
        })),
      )
      .execute();
  }

  async deleteInclusion(manager: EntityManager, profileId: string): Promise<void> {
    await typedQueries(manager)
      .deleteFrom('profile_inclusion')
      .where('profile_id', '=', profileId)
      .execute();
  }

  async findInclusion(profileId: string): Promise<InclusionRecord | null> {
    const row = await this.db
      .selectFrom('profile_inclusion')
      .select(['sex', 'birth_year', 'groups', 'consented_at', 'updated_at'])
      .where('profile_id', '=', profileId)
      .executeTakeFirst();
    if (row === undefined) return null;
    return {
      sex: row.sex === null ? null : checkedText(SEXES, row.sex, 'profile_inclusion.sex'),
      birthYear: row.birth_year,
      groups: row.groups.map((g) => checkedText(INCLUSION_GROUPS, g, 'profile_inclusion.groups')),
      consentedAt: row.consented_at,
      updatedAt: row.updated_at,
    };
  }

  /**
   * Erasure: every personal field is wiped and the link to the user is cut; the row (id,
   * country, timestamps) stays as an anonymous anchor for outcome counts. Returns false when
   * the profile was already erased.
   */
  async erase(manager: EntityManager, profileId: string): Promise<boolean> {
    const db = typedQueries(manager);
    await db.deleteFrom('profile_inclusion').where('profile_id', '=', profileId).execute();
    await db.deleteFrom('profile_skills').where('profile_id', '=', profileId).execute();
    await db.deleteFrom('profile_languages').where('profile_id', '=', profileId).execute();
    const row = await db
      .updateTable('profiles')
      .set((eb) => ({
        user_id: null,
        headline: null,
        bio: null,
        city: null,
        city_id: null,
        city_local_name: null,
        lat: null,
        lng: null,
        work_modes: sql<string[]>`'{}'`,
        engagement_types: sql<string[]>`'{}'`,
        hours_per_week: null,
        available_from: null,
        hourly_rate_eur: null,
        portfolio: sql<Json>`'[]'`,
        open_to_work: false,
        visibility: 'private',
        version: eb('version', '+', 1),
        erased_at: sql<Date>`now()`,
      }))
      .where('id', '=', profileId)
      .where('erased_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  }

  private async bumpVersion(manager: EntityManager, profileId: string): Promise<void> {
    await typedQueries(manager)
      .updateTable('profiles')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', profileId)
      .where('erased_at', 'is', null)
      .execute();
  }

  /** The aggregates of these rows, their owners' display names read from identity in one call. */
  private async aggregatesOf(rows: SelectedProfile[]): Promise<ProfileAggregate[]> {
    const names = await this.displayNames(rows.map((r) => r.user_id));
    return rows.map((r) => ({
      profile: toRow(r),
      displayName: r.user_id === null ? null : (names.get(r.user_id) ?? null),
      skills: unpackSkills(r.id, r.skills_packed),
      languages: unpackLanguages(r.id, r.languages_packed),
    }));
  }

  private async displayNames(userIds: (string | null)[]): Promise<Map<string, string | null>> {
    const ids = userIds.filter((id): id is string => id !== null);
    if (ids.length === 0) return new Map();
    const names = await this.users.namesOf(ids);
    return new Map([...names.values()].map((u) => [u.id, u.displayName]));
  }
}
