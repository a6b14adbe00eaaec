import {
  entityColumns,
  hydrateEntity,
  preparedStatement,
  queryPrepared,
  type PreparedStatement,
} from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { ProfileInclusionEntity } from './entities/profile-inclusion.entity.js';
import { ProfileLanguageEntity } from './entities/profile-language.entity.js';
import { ProfileSkillEntity } from './entities/profile-skill.entity.js';
import { ProfileEntity, type PortfolioItem } from './entities/profile.entity.js';
import type {
  CefrLevel,
  EngagementType,
  InclusionGroup,
  Sex,
  Visibility,
  WorkMode,
} from './profile-values.js';

/** A profile with its skills, languages and its owner's display name. */
export interface ProfileAggregate {
  profile: ProfileEntity;
  displayName: string | null;
  skills: ProfileSkillEntity[];
  languages: ProfileLanguageEntity[];
}

/** Every field a trainee sets with `PUT /api/profiles/me`, already validated and resolved. */
export interface ProfileFields {
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
  availableFrom: string | null;
  hourlyRateEur: number | null;
  portfolio: PortfolioItem[];
  openToWork: boolean;
  visibility: Visibility;
}

export interface SkillInput {
  skillId: string;
  level: number;
  years: number | null;
}

export interface InclusionFields {
  sex: Sex | null;
  birthYear: number | null;
  groups: InclusionGroup[];
}

/**
 * Each profile's skills, languages and display name, selected beside its row (alias `p`): one
 * statement, one consistent snapshot, one round trip. Display names live on the account
 * (identity) and are read alongside, never copied. Skills and languages come packed as text
 * (`<skill id>:<level>:<declared>:<certified>:<years>:<verified 0|1>,…`, empty = null), which
 * PostgreSQL builds in two thirds of the time of the same rows as JSON objects (docs/matching.md).
 */
const DETAILS = {
  skills_packed: `(SELECT string_agg(s.skill_id || ':' || s.level
      || ':' || coalesce(s.declared_level::text, '') || ':' || coalesce(s.certified_level::text, '')
      || ':' || coalesce(s.years::text, '') || ':' || s.verified::int, ','
      ORDER BY s.level DESC, s.skill_id)
    FROM profile_skills s WHERE s.profile_id = p.id)`,
  languages_packed: `(SELECT string_agg(l.code || ':' || l.level, ',' ORDER BY l.code)
    FROM profile_languages l WHERE l.profile_id = p.id)`,
  display_name: `(SELECT u.display_name FROM users u WHERE u.id = p.user_id)`,
};

interface DetailsRow {
  skills_packed: string | null;
  languages_packed: string | null;
  display_name: string | null;
}

const optionalNumber = (text: string): number | null => (text === '' ? null : Number(text));

/** A profile's skills from {@link DETAILS}' packed text, highest level first. */
export function unpackSkills(profileId: string, packed: string | null): ProfileSkillEntity[] {
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

/** A profile's languages from {@link DETAILS}' packed text, by code. */
export function unpackLanguages(profileId: string, packed: string | null): ProfileLanguageEntity[] {
  if (packed === null) return [];
  return packed.split(',').map((fact) => {
    const [code, level] = fact.split(':');
    return { profileId, code, level: level as CefrLevel };
  });
}

/** The aggregate of a profile entity and its {@link DETAILS}. */
const aggregateOf = (profile: ProfileEntity, row: DetailsRow | undefined): ProfileAggregate => ({
  profile,
  displayName: row?.display_name ?? null,
  skills: unpackSkills(profile.id, row?.skills_packed ?? null),
  languages: unpackLanguages(profile.id, row?.languages_packed ?? null),
});

/** The rows `DELETE … RETURNING` / `UPDATE … RETURNING` hand back through the pg driver. */
type Returned = [unknown[], number];

/**
 * SQL for profiles. Reads for the owner go by `userId`; reads for others go through the
 * visibility-scoped methods, which never return private or erased profiles.
 */
@Injectable()
export class ProfilesRepository {
  /** Profiles by ids ($1) with one of the visibilities ($2), not erased: a prepared statement. */
  private readonly visibleByIds: PreparedStatement;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.visibleByIds = preparedStatement(
      'profiles_visible_by_ids',
      `SELECT ${entityColumns(dataSource, ProfileEntity, 'p', DETAILS)}
       FROM profiles p
       WHERE p.id = ANY($1::uuid[]) AND p.erased_at IS NULL AND p.visibility = ANY($2::text[])`,
    );
  }

  /** The empty profile every trainee gets at registration. */
  async insertForUser(manager: EntityManager, userId: string): Promise<string> {
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO profiles (user_id) VALUES ($1) RETURNING id`,
      [userId],
    );
    return rows[0].id;
  }

  findIdOfUser(userId: string, manager: EntityManager = this.dataSource.manager) {
    return manager
      .getRepository(ProfileEntity)
      .findOne({ where: { userId }, select: { id: true } })
      .then((p) => p?.id);
  }

  async findOwnedBy(userId: string): Promise<ProfileAggregate | undefined> {
    const [found] = await this.withDetails(
      this.dataSource
        .getRepository(ProfileEntity)
        .createQueryBuilder('p')
        .where('p.user_id = :userId', { userId }),
    );
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
    const rows = await queryPrepared<DetailsRow>(this.dataSource.manager, this.visibleByIds, [
      [...new Set(ids)],
      visibilities,
    ]);
    return rows.map((row) => aggregateOf(hydrateEntity(this.dataSource, ProfileEntity, row), row));
  }

  /** Searchable profiles among these ids: not private, not erased (for the search index). */
  async findSearchableByIds(manager: EntityManager, ids: string[]): Promise<ProfileAggregate[]> {
    if (ids.length === 0) return [];
    return this.withDetails(
      manager
        .getRepository(ProfileEntity)
        .createQueryBuilder('p')
        .where('p.id IN (:...ids)', { ids: [...new Set(ids)] })
        .andWhere('p.erased_at IS NULL')
        .andWhere(`p.visibility <> 'private'`),
    );
  }

  /** One page of searchable profiles ordered by id, after `afterId`. */
  async findSearchablePage(
    manager: EntityManager,
    afterId: string | undefined,
    limit: number,
  ): Promise<ProfileAggregate[]> {
    const query = manager
      .getRepository(ProfileEntity)
      .createQueryBuilder('p')
      .where('p.erased_at IS NULL')
      .andWhere(`p.visibility <> 'private'`)
      .orderBy('p.id', 'ASC')
      .limit(limit);
    if (afterId !== undefined) query.andWhere('p.id > :afterId', { afterId });
    return this.withDetails(query);
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
    const [rows] = (await manager.query(
      `UPDATE profiles
          SET headline = $3, bio = $4, country = $5, city = $6, lat = $7, lng = $8,
              work_modes = $9, engagement_types = $10, hours_per_week = $11,
              available_from = $12, hourly_rate_eur = $13, portfolio = $14::jsonb,
              open_to_work = $15, visibility = $16, city_id = $17, city_local_name = $18,
              version = version + 1, last_active_at = now()
        WHERE id = $1 AND version = $2 AND erased_at IS NULL
        RETURNING version`,
      [
        profileId,
        expectedVersion,
        f.headline,
        f.bio,
        f.country,
        f.city,
        f.lat,
        f.lng,
        f.workModes,
        f.engagementTypes,
        f.hoursPerWeek,
        f.availableFrom,
        f.hourlyRateEur,
        JSON.stringify(f.portfolio),
        f.openToWork,
        f.visibility,
        f.cityId,
        f.cityLocalName,
      ],
    )) as Returned;
    return rows.length === 1 ? (rows[0] as { version: number }).version : undefined;
  }

  /**
   * Makes `skills` the trainee's declared skills. A skill a certificate backs stays on the
   * profile even when the trainee no longer lists it (only the declaration goes), and its level
   * never drops below the certified one: evidence is not the trainee's to change.
   */
  async replaceSkills(
    manager: EntityManager,
    profileId: string,
    skills: SkillInput[],
  ): Promise<void> {
    const kept = skills.map((s) => s.skillId);
    await manager.query(
      `DELETE FROM profile_skills
        WHERE profile_id = $1 AND NOT (skill_id = ANY($2::uuid[])) AND certified_level IS NULL`,
      [profileId, kept],
    );
    await manager.query(
      `UPDATE profile_skills SET declared_level = NULL, years = NULL, level = certified_level
        WHERE profile_id = $1 AND NOT (skill_id = ANY($2::uuid[])) AND declared_level IS NOT NULL`,
      [profileId, kept],
    );
    if (skills.length === 0) return;
    await manager.query(
      `INSERT INTO profile_skills (profile_id, skill_id, level, declared_level, years)
       SELECT $1, s.skill_id, s.level, s.level, s.years
         FROM unnest($2::uuid[], $3::smallint[], $4::smallint[]) AS s(skill_id, level, years)
       ON CONFLICT (profile_id, skill_id)
       DO UPDATE SET declared_level = EXCLUDED.declared_level, years = EXCLUDED.years,
                     level = GREATEST(EXCLUDED.declared_level, profile_skills.certified_level)`,
      [profileId, kept, skills.map((s) => s.level), skills.map((s) => s.years)],
    );
  }

  async replaceLanguages(
    manager: EntityManager,
    profileId: string,
    languages: { code: string; level: CefrLevel }[],
  ): Promise<void> {
    await manager.query(`DELETE FROM profile_languages WHERE profile_id = $1`, [profileId]);
    if (languages.length === 0) return;
    await manager.query(
      `INSERT INTO profile_languages (profile_id, code, level)
       SELECT $1, l.code, l.level FROM unnest($2::text[], $3::text[]) AS l(code, level)`,
      [profileId, languages.map((l) => l.code), languages.map((l) => l.level)],
    );
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
    const [, changed] = (await manager.query(
      `UPDATE profile_skills SET verified = true
        WHERE profile_id = $1 AND skill_id = ANY($2::uuid[]) AND NOT verified`,
      [profileId, skillIds],
    )) as Returned;
    if (changed > 0) {
      await manager.query(
        `UPDATE profiles SET version = version + 1 WHERE id = $1 AND erased_at IS NULL`,
        [profileId],
      );
    }
    return changed;
  }

  async upsertInclusion(
    manager: EntityManager,
    profileId: string,
    f: InclusionFields,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO profile_inclusion (profile_id, sex, birth_year, groups)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (profile_id)
       DO UPDATE SET sex = EXCLUDED.sex, birth_year = EXCLUDED.birth_year, groups = EXCLUDED.groups`,
      [profileId, f.sex, f.birthYear, f.groups],
    );
  }

  async deleteInclusion(manager: EntityManager, profileId: string): Promise<void> {
    await manager.query(`DELETE FROM profile_inclusion WHERE profile_id = $1`, [profileId]);
  }

  findInclusion(profileId: string): Promise<ProfileInclusionEntity | null> {
    return this.dataSource.getRepository(ProfileInclusionEntity).findOneBy({ profileId });
  }

  /**
   * Erasure: every personal field is wiped and the link to the user is cut; the row (id,
   * country, timestamps) stays as an anonymous anchor for outcome counts. Returns false when
   * the profile was already erased.
   */
  async erase(manager: EntityManager, profileId: string): Promise<boolean> {
    await manager.query(`DELETE FROM profile_inclusion WHERE profile_id = $1`, [profileId]);
    await manager.query(`DELETE FROM profile_skills WHERE profile_id = $1`, [profileId]);
    await manager.query(`DELETE FROM profile_languages WHERE profile_id = $1`, [profileId]);
    const [rows] = (await manager.query(
      `UPDATE profiles
          SET user_id = NULL, headline = NULL, bio = NULL, city = NULL, city_id = NULL,
              city_local_name = NULL, lat = NULL, lng = NULL,
              work_modes = '{}', engagement_types = '{}', hours_per_week = NULL,
              available_from = NULL, hourly_rate_eur = NULL, portfolio = '[]',
              open_to_work = false, visibility = 'private', version = version + 1,
              erased_at = now()
        WHERE id = $1 AND erased_at IS NULL
        RETURNING id`,
      [profileId],
    )) as Returned;
    return rows.length === 1;
  }

  /** Runs `qb` (alias `p`) with each profile's {@link DETAILS} aggregated beside it. */
  private async withDetails(qb: SelectQueryBuilder<ProfileEntity>): Promise<ProfileAggregate[]> {
    for (const [name, sql] of Object.entries(DETAILS)) qb.addSelect(sql, name);
    const { entities, raw } = await qb.getRawAndEntities<DetailsRow & { p_id: string }>();
    const details = new Map(raw.map((r) => [r.p_id, r]));
    return entities.map((profile) => aggregateOf(profile, details.get(profile.id)));
  }
}
