import { typedQueries } from '@app/database';
import { Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** How to write to an account: its address, language, timezone and name. */
export interface AccountContact {
  email: string;
  locale: string;
  timezone: string;
  displayName: string | null;
}

/**
 * What other libs may read of accounts to write to them (identity owns `users`), batched by ids.
 * Needs no sign-in settings: workers load {@link AccountContactsModule} alone.
 */
@Injectable()
export class AccountContacts {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The contact of each account among `userIds`, in one query (in `manager`'s transaction when
   * given); erased and unknown accounts are left out.
   */
  async contactsOf(
    userIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, AccountContact>> {
    if (userIds.length === 0) return new Map();
    const rows = await typedQueries(manager)
      .selectFrom('users')
      .select(['id', 'email', 'locale', 'timezone', 'display_name'])
      .where('id', '=', (eb) => eb.fn.any(eb.val([...new Set(userIds)])))
      .where('erased_at', 'is', null)
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        { email: r.email, locale: r.locale, timezone: r.timezone, displayName: r.display_name },
      ]),
    );
  }

  /** The stored timezone of each account among `userIds` (unknown ones left out), in one query. */
  async timezonesOf(userIds: readonly string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await typedQueries(this.dataSource.manager)
      .selectFrom('users')
      .select(['id', 'timezone'])
      .where('id', '=', (eb) => eb.fn.any(eb.val([...new Set(userIds)])))
      .execute();
    return new Map(rows.map((r) => [r.id, r.timezone]));
  }
}

/** {@link AccountContacts} alone, for modules that load no accounts or sign-in (workers). */
@Module({ providers: [AccountContacts], exports: [AccountContacts] })
export class AccountContactsModule {}
