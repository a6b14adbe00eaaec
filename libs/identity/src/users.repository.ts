import { typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource, type EntityManager } from 'typeorm';
import { toUserRecord, type UserRecord } from './identity-records.js';
import { EmailTakenError } from './identity.errors.js';
import type { Role } from './roles.js';

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  /** E-mail language; the column default (`en`) when not given. */
  locale?: string;
}

/** SQL for `users`. Every lookup for signing in skips erased accounts. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get db() {
    return typedQueries(this.dataSource.manager);
  }

  /**
   * Inserts a user; a taken e-mail (any letter case, thanks to citext) is {@link EmailTakenError}.
   * ON CONFLICT instead of catching the unique violation: a failed statement would be logged by
   * TypeORM with its parameters, password hash included.
   */
  async insert(manager: EntityManager, user: NewUser): Promise<UserRecord> {
    const row = await insertUnlessEmailTaken(manager, user);
    if (row === undefined) throw new EmailTakenError();
    return toUserRecord(row);
  }

  /** Inserts the user unless the e-mail is taken (safe when several instances start at once). */
  async insertIfEmailFree(user: NewUser): Promise<boolean> {
    return (await insertUnlessEmailTaken(this.dataSource.manager, user)) !== undefined;
  }

  findActiveByEmail(email: string): Promise<UserRecord | null> {
    return this.findActive('email', email);
  }

  findActiveById(id: string): Promise<UserRecord | null> {
    return this.findActive('id', id);
  }

  private async findActive(column: 'id' | 'email', value: string): Promise<UserRecord | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where(column, '=', value)
      .where('erased_at', 'is', null)
      .executeTakeFirst();
    return row === undefined ? null : toUserRecord(row);
  }

  /** Changes the own name, e-mail language and/or timezone; returns the account as it is now. */
  async updateProfileFields(
    userId: string,
    fields: { displayName?: string; locale?: string; timezone?: string },
  ): Promise<UserRecord | null> {
    await this.db
      .updateTable('users')
      .set((eb) => ({
        display_name: eb.fn.coalesce(eb.val(fields.displayName ?? null), eb.ref('display_name')),
        locale: eb.fn.coalesce(eb.val(fields.locale ?? null), eb.ref('locale')),
        timezone: eb.fn.coalesce(eb.val(fields.timezone ?? null), eb.ref('timezone')),
      }))
      .where('id', '=', userId)
      .where('erased_at', 'is', null)
      .execute();
    return this.findActiveById(userId);
  }

  /** Replaces the password hash of an account that is not erased. */
  async setPasswordHash(
    manager: EntityManager,
    userId: string,
    passwordHash: string,
  ): Promise<void> {
    await typedQueries(manager)
      .updateTable('users')
      .set({ password_hash: passwordHash })
      .where('id', '=', userId)
      .where('erased_at', 'is', null)
      .execute();
  }

  /** The users among `ids` (erased ones included), in no particular order. */
  async findByIds(ids: readonly string[]): Promise<UserRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', (eb) => eb.fn.any(eb.val([...new Set(ids)])))
      .execute();
    return rows.map(toUserRecord);
  }

  async findActiveByOrganisation(organisationId: string): Promise<UserRecord[]> {
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .where('erased_at', 'is', null)
      .orderBy('created_at')
      .execute();
    return rows.map(toUserRecord);
  }

  /**
   * Wipes the personal data and the password of a user: the e-mail becomes a unique address
   * under the reserved `.invalid` domain, which can never receive mail or be registered.
   */
  async erase(manager: EntityManager, userId: string): Promise<boolean> {
    const erased = await typedQueries(manager)
      .updateTable('users')
      .set({
        email: sql<string>`'erased-' || id || '@erased.invalid'`,
        display_name: null,
        password_hash: null,
        erased_at: sql<Date>`now()`,
      })
      .where('id', '=', userId)
      .where('erased_at', 'is', null)
      .returning('id')
      .execute();
    return erased.length > 0;
  }
}

function insertUnlessEmailTaken(manager: EntityManager, user: NewUser) {
  return typedQueries(manager)
    .insertInto('users')
    .values({
      email: user.email,
      password_hash: user.passwordHash,
      display_name: user.displayName,
      role: user.role,
      organisation_id: user.organisationId,
      locale: sql<string>`coalesce(${user.locale ?? null}::text, 'en')`,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
}
