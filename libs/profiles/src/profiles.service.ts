import { TransactionRunner } from '@app/database';
import { GeoService, BALKAN_COUNTRIES, type Town } from '@app/geo';
import { InputValidationError, type FieldError } from '@app/http';
import { UserAccountsService, UsersService, type AuthUser, type Role } from '@app/identity';
import { OutboxWriter } from '@app/search';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { InclusionUpdateDto } from './dto/inclusion-update.dto.js';
import type { ProfileUpdateDto } from './dto/profile-update.dto.js';
import { checkProfileUpdate, unknownSkillErrors } from './profile-input-rules.js';
import { loadSkillNames, profileRecordOf, publicProfileOf } from './profile-mapping.js';
import type {
  ProfileExportRecord,
  ProfileRecord,
  ProfileSummary,
  PublicProfileRecord,
  SkillSupply,
  SkillSupplyCell,
} from './profile-records.js';
import { PROFILES_INDEX } from './profile-search-document.js';
import { ProfileErasureHooks } from './profile-erasure-hooks.js';
import { ProfileSearchRepository } from './profile-search.repository.js';
import { DEFAULT_VISIBILITY, VISIBILITIES, type Visibility } from './profile-values.js';
import {
  ProfileNotFoundError,
  ProfileVersionConflictError,
  SearchErasureFailedError,
} from './profiles.errors.js';
import {
  ProfilesRepository,
  type ProfileAggregate,
  type ProfileFields,
} from './profiles.repository.js';
import { ProfileOwners } from './profile-owners.js';
import { SkillSupplyRepository } from './skill-supply.repository.js';
import { TaxonomyService } from '@app/taxonomy';

const BALKAN = new Set<string>(BALKAN_COUNTRIES);

/** Which visibilities each role may read (the owner reads their own profile through /me). */
export function visibilitiesFor(role: Role): Visibility[] {
  switch (role) {
    case 'company':
      return ['companies'];
    case 'broker':
    case 'admin':
      return ['brokers', 'companies'];
    default:
      return [];
  }
}

/**
 * Trainee profiles: the owner's reads and writes, the visibility-aware reads others make, and
 * what other libs ask of profiles (summaries beside their records, scoring, skill supply). Every
 * read answers domain records; controllers shape the answers.
 */
@Injectable()
export class ProfilesService {
  private readonly logger = new Logger(ProfilesService.name);

  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly transactions: TransactionRunner,
    private readonly outbox: OutboxWriter,
    private readonly geo: GeoService,
    private readonly taxonomy: TaxonomyService,
    private readonly users: UsersService,
    private readonly accounts: UserAccountsService,
    private readonly search: ProfileSearchRepository,
    private readonly erasureHooks: ProfileErasureHooks,
    private readonly skillSupplies: SkillSupplyRepository,
    private readonly owners: ProfileOwners,
  ) {}

  /** Runs inside the registration transaction: every trainee starts with an empty profile. */
  async createForTrainee(manager: EntityManager, userId: string): Promise<string> {
    const id = await this.profiles.insertForUser(manager, userId);
    await this.outbox.enqueueSearchSync(manager, PROFILES_INDEX, [id]);
    return id;
  }

  /**
   * Marks skills of a profile as backed by evidence (e.g. a completed course) inside the
   * caller's transaction and queues the re-index. Skills the profile does not list are ignored.
   */
  async markSkillsVerified(
    manager: EntityManager,
    profileId: string,
    skillIds: string[],
  ): Promise<number> {
    const changed = await this.profiles.markSkillsVerified(manager, profileId, skillIds);
    if (changed > 0) await this.outbox.enqueueSearchSync(manager, PROFILES_INDEX, [profileId]);
    return changed;
  }

  async getOwn(user: AuthUser): Promise<ProfileRecord> {
    const aggregate = await this.requireOwn(user);
    return profileRecordOf(aggregate, await this.skillNamesOf([aggregate]));
  }

  /**
   * Full replacement, guarded by the version the client read: the UPDATE only matches that
   * version, so of two concurrent edits exactly one wins and the other gets 412 with nothing
   * written. Skills, languages and the outbox row commit in the same transaction.
   */
  async updateOwn(
    user: AuthUser,
    expectedVersion: number,
    dto: ProfileUpdateDto,
  ): Promise<ProfileRecord> {
    const fields = await this.resolveUpdate(dto);
    const profileId = await this.requireOwnId(user);
    await this.transactions.run(async (manager) => {
      const version = await this.profiles.updateIfVersion(
        manager,
        profileId,
        expectedVersion,
        fields,
      );
      if (version === undefined) {
        const current = await this.profiles.findOwnedBy(user.id);
        throw new ProfileVersionConflictError(current?.profile.version ?? expectedVersion);
      }
      await this.profiles.replaceSkills(manager, profileId, {
        kind: 'declared',
        skills: (dto.skills ?? []).map((s) => ({
          skillId: s.skillId.toLowerCase(),
          level: s.level,
          years: s.years ?? null,
        })),
      });
      await this.profiles.replaceLanguages(manager, profileId, dto.languages ?? []);
      await this.outbox.enqueueSearchSync(manager, PROFILES_INDEX, [profileId]);
    });
    return this.getOwn(user);
  }

  /** Stored only with consent; withdrawing consent deletes it. Nothing is returned. */
  async setInclusion(user: AuthUser, dto: InclusionUpdateDto): Promise<void> {
    const profileId = await this.requireOwnId(user);
    await this.transactions.run(async (manager) => {
      if (!dto.consentToReporting) {
        await this.profiles.deleteInclusion(manager, profileId);
        return;
      }
      await this.profiles.upsertInclusion(manager, profileId, {
        sex: dto.sex ?? null,
        birthYear: dto.birthYear ?? null,
        groups: [...new Set(dto.groups ?? [])],
      });
    });
  }

  async exportOwn(user: AuthUser, now: Date = new Date()): Promise<ProfileExportRecord> {
    const aggregate = await this.requireOwn(user);
    const [account, inclusion, names] = await Promise.all([
      this.users.findAccount(user.id),
      this.profiles.findInclusion(aggregate.profile.id),
      this.skillNamesOf([aggregate]),
    ]);
    if (account === null) throw new ProfileNotFoundError();
    return {
      exportedAt: now,
      account: {
        id: account.id,
        email: account.email,
        displayName: account.displayName,
        role: account.role,
        createdAt: account.createdAt,
      },
      profile: profileRecordOf(aggregate, names),
      inclusion,
    };
  }

  /**
   * Erasure: one transaction wipes the profile's personal fields, its skills, languages and
   * inclusion data, and the account; then the search document is deleted and the engine's task
   * awaited, so the person is gone from search when this returns.
   */
  async eraseOwn(user: AuthUser): Promise<void> {
    const profileId = await this.requireOwnId(user);
    await this.transactions.run(async (manager) => {
      await this.profiles.erase(manager, profileId);
      await this.accounts.eraseUser(manager, user.id);
      await this.erasureHooks.run(manager, profileId);
      // A relay pass that read the document before this commit could write it back; the
      // outbox row makes the next pass delete it again (an erased profile loads as missing).
      await this.outbox.enqueueSearchSync(manager, PROFILES_INDEX, [profileId]);
    });
    await this.deleteFromSearch(profileId);
  }

  /** A profile as a broker, company or admin may see it; invisible and unknown look alike. */
  async getVisible(viewer: AuthUser, id: string): Promise<PublicProfileRecord> {
    const [aggregate] = await this.profiles.findVisibleByIds([id], visibilitiesFor(viewer.role));
    if (aggregate === undefined) throw new ProfileNotFoundError();
    return publicProfileOf(aggregate, await this.skillNamesOf([aggregate]));
  }

  /**
   * The full records of these profiles (not erased, whatever their visibility), for scoring on
   * the server only (applications rank every applicant): never answered as they are; a caller
   * shows each person through {@link getVisibleInOrder}.
   */
  async getForScoring(ids: string[]): Promise<ProfileRecord[]> {
    const found = await this.profiles.findVisibleByIds(ids, VISIBILITIES);
    const names = await this.skillNamesOf(found);
    return found.map((a) => profileRecordOf(a, names));
  }

  /**
   * Public views of these ids in the given order, dropping any the viewer may not see (ranked
   * lists built from the index, e.g. matching), and in the same taxonomy read the names of
   * `moreSkillIds` too.
   */
  async getVisibleInOrder(
    viewer: AuthUser,
    ids: string[],
    moreSkillIds: string[] = [],
  ): Promise<{ profiles: PublicProfileRecord[]; skillNames: ReadonlyMap<string, string> }> {
    const found = await this.profiles.findVisibleByIds(ids, visibilitiesFor(viewer.role));
    const names = await loadSkillNames(
      (ids) => this.taxonomy.answerSkillNames(ids),
      found,
      moreSkillIds,
    );
    const byId = new Map(found.map((a) => [a.profile.id, a]));
    return {
      profiles: ids.flatMap((id) => {
        const a = byId.get(id);
        return a === undefined ? [] : [publicProfileOf(a, names)];
      }),
      skillNames: names,
    };
  }

  /**
   * Who owns each of these profiles, whether it is erased, who may see it and its headline facts,
   * read in `manager`'s transaction (erased and private ones included: the caller decides what
   * its reader may see). Unknown ids are missing from the map.
   */
  async summaries(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<ReadonlyMap<string, ProfileSummary>> {
    const found = await this.profiles.findSummaries(manager, ids);
    return new Map(found.map((s) => [s.id, s]));
  }

  /**
   * For each cell, how many people open to work hold the skill at its level or above in its
   * country (any for null), and how many of them with a certificate (skill-gap reports).
   */
  skillSupply(cells: readonly SkillSupplyCell[]): Promise<SkillSupply[]> {
    return this.skillSupplies.supply(cells);
  }

  private async deleteFromSearch(profileId: string): Promise<void> {
    try {
      await this.search.deleteAndWait(profileId);
    } catch (error) {
      this.logger.error({ err: error, profileId }, 'Deleting an erased profile from search failed');
      throw new SearchErasureFailedError();
    }
  }

  private async resolveUpdate(dto: ProfileUpdateDto): Promise<ProfileFields> {
    const errors: FieldError[] = checkProfileUpdate(dto);
    const skills = dto.skills ?? [];
    if (skills.length > 0) {
      const known = await this.taxonomy.findExistingIds(skills.map((s) => s.skillId.toLowerCase()));
      errors.push(...unknownSkillErrors(skills, new Set(known)));
    }
    let town: Town | undefined;
    if (dto.city !== undefined && dto.country !== undefined) {
      const resolved = await this.geo.resolveCity(dto.country, dto.city);
      if (resolved.town === undefined) {
        errors.push({
          field: 'city',
          message: BALKAN.has(dto.country)
            ? `is not a known town of ${dto.country} (see GET /api/geo/cities)`
            : `is not a town we know in ${dto.country}; leave it out or pick one from GET /api/geo/cities`,
          suggestions: resolved.suggestions,
        });
      } else {
        town = resolved.town;
      }
    }
    if (errors.length > 0) throw new InputValidationError(errors);
    return {
      headline: emptyToNull(dto.headline),
      bio: emptyToNull(dto.bio),
      country: dto.country ?? null,
      city: town?.name ?? null,
      cityId: town?.id ?? null,
      cityLocalName: town?.localName ?? null,
      lat: town?.lat ?? null,
      lng: town?.lng ?? null,
      workModes: [...new Set(dto.workModes ?? [])],
      engagementTypes: [...new Set(dto.engagementTypes ?? [])],
      hoursPerWeek: dto.hoursPerWeek ?? null,
      availableFrom: dto.availableFrom ?? null,
      hourlyRateEur: dto.hourlyRateEur ?? null,
      portfolio: (dto.portfolio ?? []).map((p) => ({ title: p.title, url: p.url })),
      openToWork: dto.openToWork ?? true,
      visibility: dto.visibility ?? DEFAULT_VISIBILITY,
    };
  }

  private async requireOwn(user: AuthUser): Promise<ProfileAggregate> {
    const aggregate = await this.profiles.findOwnedBy(user.id);
    if (aggregate === undefined) throw new ProfileNotFoundError();
    return aggregate;
  }

  private async requireOwnId(user: AuthUser): Promise<string> {
    const id = await this.owners.activeProfileOf(user.id);
    if (id === undefined) throw new ProfileNotFoundError();
    return id;
  }

  private skillNamesOf(aggregates: ProfileAggregate[]): Promise<ReadonlyMap<string, string>> {
    return loadSkillNames((ids) => this.taxonomy.answerSkillNames(ids), aggregates);
  }
}

function emptyToNull(value: string | undefined): string | null {
  return value === undefined || value.trim() === '' ? null : value;
}
