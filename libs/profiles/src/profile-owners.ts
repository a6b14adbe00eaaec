import { anyUuid, typedQueries } from '@app/database';
import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** Whose a profile is, and whether it was erased. */
export interface ProfileOwner {
  readonly id: string;
  readonly userId: string | null;
  readonly erased: boolean;
}

/**
 * Whose profile is whose, for libs that keep rows per profile and write to its person (profiles
 * owns the table). Erasure cuts the link: an erased profile has no account. Every read runs in
 * `manager`'s transaction when given, batched by ids.
 */
@Injectable()
export class ProfileOwners {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The profiles among `ids` that exist (erased ones included, flagged). With `lock`, their rows
   * stay locked until `manager`'s transaction ends, so work on one person runs one at a time.
   */
  async findOwners(
    manager: EntityManager,
    ids: readonly string[],
    options: { lock?: boolean } = {},
  ): Promise<ProfileOwner[]> {
    if (ids.length === 0) return [];
    const rows = await typedQueries(manager)
      .selectFrom('profiles')
      .select(['id', 'user_id', 'erased_at'])
      .where('id', '=', anyUuid([...new Set(ids)]))
      .orderBy('id')
      .$if(options.lock === true, (q) => q.forUpdate())
      .execute();
    return rows.map((r) => ({ id: r.id, userId: r.user_id, erased: r.erased_at !== null }));
  }

  /** The account of each profile among `profileIds` (null for an erased one); unknown ones are left out. */
  async accountsOf(
    profileIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string | null>> {
    const owners = await this.findOwners(manager, profileIds);
    return new Map(owners.map((o) => [o.id, o.userId]));
  }

  /** The profile of a trainee account that is not erased, if any. */
  async activeProfileOf(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string | undefined> {
    const row = await typedQueries(manager)
      .selectFrom('profiles')
      .select('id')
      .where('user_id', '=', userId)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
    return row?.id;
  }
}

/** {@link ProfileOwners} alone, for modules that load no accounts or sign-in (workers). */
@Module({ providers: [ProfileOwners], exports: [ProfileOwners] })
export class ProfileOwnersModule {}
