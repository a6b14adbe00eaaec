import { typedQueries } from '@app/database';
import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Whose profile is whose, for libs that keep rows per profile and write to its person (profiles
 * owns the table). Erasure cuts the link: an erased profile has no account.
 */
@Injectable()
export class ProfileOwners {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The account of each profile among `profileIds` (null for an erased one), in one query, in
   * `manager`'s transaction when given; unknown profiles are left out.
   */
  async accountsOf(
    profileIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string | null>> {
    if (profileIds.length === 0) return new Map();
    const rows = await typedQueries(manager)
      .selectFrom('profiles')
      .select(['id', 'user_id'])
      .where('id', '=', (eb) => eb.fn.any(eb.val([...new Set(profileIds)])))
      .execute();
    return new Map(rows.map((r) => [r.id, r.user_id]));
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
