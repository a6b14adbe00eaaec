import { checkedText, runPrepared, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ROLES, type Role } from './roles.js';

/** How to reach a person: what mail and notifications need, nothing secret. */
export interface UserContact {
  readonly id: string;
  readonly email: string;
  /** null when the person never gave one */
  readonly displayName: string | null;
  /** The language of e-mail to this account. */
  readonly locale: string;
  /** IANA timezone (digests arrive at 08:00 there). */
  readonly timezone: string;
}

/** A user's name and standing, for lists that show people (erased ones flagged, unnamed). */
export interface UserName {
  readonly id: string;
  /** null once the person erased their account */
  readonly displayName: string | null;
  readonly role: Role;
  readonly erased: boolean;
}

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
 * What other libs may read about users (identity owns `users`), always a batch of ids in one
 * statement: call it once per list, never once per row. Pass `manager` to read inside a
 * transaction (its writes and locks); otherwise a pooled connection is used.
 */
@Injectable()
export class UserDirectory {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Contacts of the accounts among `ids` that are not erased, by id. */
  async contactsOf(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, UserContact>> {
    const rows = await this.rowsOf(ids, manager);
    return new Map(
      rows
        .filter((r) => r.erased_at === null)
        .map((r) => [
          r.id,
          {
            id: r.id,
            email: r.email,
            displayName: r.display_name,
            locale: r.locale,
            timezone: r.timezone,
          },
        ]),
    );
  }

  /** The accounts among `ids` that exist (erased ones included, flagged), in no particular order. */
  async findByIds(manager: EntityManager, ids: readonly string[]): Promise<UserFacts[]> {
    const rows = await this.rowsOf(ids, manager);
    return rows.map((r) => ({
      id: r.id,
      role: checkedText(ROLES, r.role, 'users.role'),
      displayName: r.erased_at === null ? r.display_name : null,
      email: r.erased_at === null ? r.email : null,
      erased: r.erased_at !== null,
    }));
  }

  /** Names of the users among `ids` (erased ones included, without a name), by id. */
  async namesOf(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, UserName>> {
    const rows = await this.rowsOf(ids, manager);
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          displayName: r.erased_at === null ? r.display_name : null,
          role: checkedText(ROLES, r.role, 'users.role'),
          erased: r.erased_at !== null,
        },
      ]),
    );
  }

  /** Timezones of the users among `ids` (erased ones included), by id. */
  async timezonesOf(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    const rows = await this.rowsOf(ids, manager);
    return new Map(rows.map((r) => [r.id, r.timezone]));
  }

  /** Ids of the accounts (not erased) with one of `roles` in these organisations, ordered. */
  async memberIdsOf(
    organisationIds: readonly string[],
    roles: readonly Role[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<string[]> {
    if (organisationIds.length === 0 || roles.length === 0) return [];
    const rows = await typedQueries(manager)
      .selectFrom('users')
      .select('id')
      .where('organisation_id', '=', (eb) => eb.fn.any(eb.val([...organisationIds])))
      .where('role', '=', (eb) => eb.fn.any(eb.val([...roles])))
      .where('erased_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  /** The readable columns of the users among `ids`: one statement, the ids as one parameter. */
  private async rowsOf(ids: readonly string[], manager: EntityManager) {
    if (ids.length === 0) return [];
    // read with every list of profiles shown: planned once per connection
    return runPrepared(
      manager,
      'user_directory_rows',
      typedQueries(manager)
        .selectFrom('users')
        .select(['id', 'email', 'display_name', 'role', 'locale', 'timezone', 'erased_at'])
        .where('id', '=', (eb) => eb.fn.any(eb.val([...new Set(ids)]))),
    );
  }
}
