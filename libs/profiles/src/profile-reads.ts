import { anyUuid, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Whose a profile is, and whether it was erased. */
export interface ProfileOwner {
  readonly id: string;
  readonly userId: string | null;
  readonly erased: boolean;
}

/**
 * What other libs read of profiles inside their own transactions (profiles owns the table):
 * whose profiles are, and which profile a person has. Batched by ids.
 */
@Injectable()
export class ProfileReads {
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

  /** The profile of a person that was not erased, or null. */
  async findActiveIdOfUser(manager: EntityManager, userId: string): Promise<string | null> {
    const row = await typedQueries(manager)
      .selectFrom('profiles')
      .select('id')
      .where('user_id', '=', userId)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
    return row?.id ?? null;
  }
}
