import { checkedText, runPrepared, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from './auth-user.js';
import { ROLES } from './roles.js';

/**
 * One sign-in: its id is the family id of its refresh tokens and the `sid` claim of its access
 * tokens. Revoking it ends both at once.
 */
export interface SessionRecord {
  readonly id: string;
  readonly userId: string;
  readonly revokedAt: Date | null;
}

/**
 * SQL for `sessions`. Revoking a session revokes its refresh tokens in the same statement order
 * (session row first, then tokens), the order `lockOpen` callers follow too, so the two never
 * deadlock.
 */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, session: { id: string; userId: string }): Promise<void> {
    await typedQueries(manager)
      .insertInto('sessions')
      .values({ id: session.id, user_id: session.userId })
      .execute();
  }

  /**
   * The caller behind an access token, or null when the session or the account has ended. Every
   * authenticated request checks its caller this way: the session and the user, two primary-key
   * reads in one round trip, planned once per connection.
   */
  async findCallerOfOpenSession(sessionId: string, userId: string): Promise<AuthUser | null> {
    const manager = this.dataSource.manager;
    const [r] = await runPrepared(
      manager,
      'sessions_caller_of_open_session',
      typedQueries(manager)
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select([
          'u.id',
          'u.email',
          'u.role',
          'u.organisation_id',
          'u.locale',
          sql<boolean>`u.email_verified_at IS NOT NULL`.as('email_verified'),
        ])
        .where('s.id', '=', sessionId)
        .where('s.user_id', '=', userId)
        .where('s.revoked_at', 'is', null)
        .where('u.erased_at', 'is', null),
    );
    if (r === undefined) return null;
    return {
      id: r.id,
      email: r.email,
      role: checkedText(ROLES, r.role, 'users.role'),
      organisationId: r.organisation_id,
      emailVerified: r.email_verified,
      locale: r.locale,
    };
  }

  /** Locks the session row (a refresh waits for a concurrent revocation, and vice versa). */
  async lock(manager: EntityManager, id: string): Promise<SessionRecord | null> {
    const row = await typedQueries(manager)
      .selectFrom('sessions')
      .select(['id', 'user_id as userId', 'revoked_at as revokedAt'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    return row ?? null;
  }

  /** Ends one session and its refresh tokens. */
  async revoke(manager: EntityManager, id: string, at: Date): Promise<void> {
    const db = typedQueries(manager);
    await db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    await db
      .updateTable('refresh_tokens')
      .set({ revoked_at: at })
      .where('family_id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Ends every session of a user and their refresh tokens, but `keep` when given. */
  async revokeAllOfUser(
    manager: EntityManager,
    userId: string,
    at: Date,
    keep: string | null,
  ): Promise<void> {
    const db = typedQueries(manager);
    await db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('id', 'is distinct from', sql<string | null>`${keep}::uuid`)
      .execute();
    await db
      .updateTable('refresh_tokens')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('family_id', 'is distinct from', sql<string | null>`${keep}::uuid`)
      .execute();
  }
}
