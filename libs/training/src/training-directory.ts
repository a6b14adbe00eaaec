import { OrganisationDirectory, UserDirectory, type OrganisationRef } from '@app/identity';
import { ProfileOwners } from '@app/profiles';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Who holds a certificate, as its verification may show them. */
export interface CertificateHolder {
  /** null once the holder erased their profile or account */
  name: string | null;
  /** null once the holder erased their account: only ever published as a salted hash */
  email: string | null;
}

/**
 * The organisations, people and profiles (owned by identity and profiles) that training
 * decisions need, read through their owners in the caller's transaction, batched by ids.
 */
@Injectable()
export class TrainingDirectory {
  constructor(
    private readonly organisations: OrganisationDirectory,
    private readonly users: UserDirectory,
    private readonly profiles: ProfileOwners,
  ) {}

  findOrganisations(manager: EntityManager, ids: readonly string[]): Promise<OrganisationRef[]> {
    return this.organisations.findByIds(ids, manager);
  }

  /** Organisation names by id (unknown ids are absent). */
  async organisationNames(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<ReadonlyMap<string, string>> {
    const found = await this.organisations.findByIds(ids, manager);
    return new Map(found.map((o) => [o.id, o.name]));
  }

  /**
   * Whether `profileId` is the profile of a trainee whose account is active (not erased). With
   * `lock`, the profile row is locked so that certifications of one person run one at a time.
   */
  async isActiveTraineeProfile(
    manager: EntityManager,
    profileId: string,
    options: { lock?: boolean } = {},
  ): Promise<boolean> {
    const [profile] = await this.profiles.findOwners(manager, [profileId], options);
    if (profile === undefined || profile.erased || profile.userId === null) return false;
    const [user] = await this.users.findByIds(manager, [profile.userId]);
    return user !== undefined && !user.erased && user.role === 'trainee';
  }

  /** The account a profile belongs to, or null. */
  async findUserIdOfProfile(manager: EntityManager, profileId: string): Promise<string | null> {
    const [profile] = await this.profiles.findOwners(manager, [profileId]);
    return profile?.userId ?? null;
  }

  /** The profile of a person whose profile and account are not erased, or null. */
  async findProfileIdOfTrainee(manager: EntityManager, userId: string): Promise<string | null> {
    const profileId = await this.profiles.activeProfileOf(userId, manager);
    if (profileId === undefined) return null;
    const [user] = await this.users.findByIds(manager, [userId]);
    return user !== undefined && !user.erased ? profileId : null;
  }

  /** The holder of each profile among `profileIds` that exists. */
  async holders(
    manager: EntityManager,
    profileIds: readonly string[],
  ): Promise<ReadonlyMap<string, CertificateHolder>> {
    const profiles = await this.profiles.findOwners(manager, profileIds);
    const users = new Map(
      (
        await this.users.findByIds(
          manager,
          profiles.flatMap((p) => (p.userId === null ? [] : [p.userId])),
        )
      ).map((u) => [u.id, u]),
    );
    return new Map(
      profiles.map((p) => {
        const user = p.userId === null ? undefined : users.get(p.userId);
        return [
          p.id,
          {
            name: p.erased || user === undefined ? null : user.displayName,
            email: user?.email ?? null,
          },
        ];
      }),
    );
  }
}
