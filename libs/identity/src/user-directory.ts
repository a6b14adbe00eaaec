import { anyUuid, checkedText, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ROLES, type Role } from './roles.js';

/** What another lib's decision inside its own transaction may know of an account. */
export interface UserFacts {
  readonly id: string;
  readonly role: Role;
  /** null once the person erased their account */
  readonly displayName: string | null;
  /**
   * null once the person erased their account. Given out for one purpose: a signed credential
   * names its holder by a salted hash of it, never the address itself.
   */
  readonly email: string | null;
  readonly erased: boolean;
}

/**
 * Accounts read in the caller's transaction (identity owns `users`): `UsersService` reads on a
 * pooled connection, which a transaction holding its own connection must not wait for.
 */
@Injectable()
export class UserDirectory {
  /** The accounts among `ids` that exist (erased ones included, flagged), in no particular order. */
  async findByIds(manager: EntityManager, ids: readonly string[]): Promise<UserFacts[]> {
    if (ids.length === 0) return [];
    const rows = await typedQueries(manager)
      .selectFrom('users')
      .select(['id', 'role', 'display_name', 'email', 'erased_at'])
      .where('id', '=', anyUuid([...new Set(ids)]))
      .execute();
    return rows.map((r) => ({
      id: r.id,
      role: checkedText(ROLES, r.role, 'users.role'),
      displayName: r.erased_at === null ? r.display_name : null,
      email: r.erased_at === null ? r.email : null,
      erased: r.erased_at !== null,
    }));
  }
}
