import { preparedStatement, queryPrepared } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from './auth-user.js';
import { SessionEntity } from './entities/session.entity.js';
import type { Role } from './roles.js';

/**
 * Every authenticated request checks its caller this way: the session and the user, two
 * primary-key reads in one round trip, planned once per connection.
 */
const CALLER_OF_OPEN_SESSION = preparedStatement(
  'sessions_caller_of_open_session',
  `SELECT u.id, u.email, u.role, u.organisation_id, u.locale,
          u.email_verified_at IS NOT NULL AS email_verified
     FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND u.erased_at IS NULL`,
);

/**
 * SQL for `sessions`. Revoking a session revokes its refresh tokens in the same statement order
 * (session row first, then tokens), the order `lockOpen` callers follow too, so the two never
 * deadlock.
 */
@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, session: { id: string; userId: string }): Promise<void> {
    await manager.insert(SessionEntity, session);
  }

  /** The caller behind an access token, or null when the session or the account has ended. */
  async findCallerOfOpenSession(sessionId: string, userId: string): Promise<AuthUser | null> {
    const rows = await queryPrepared<{
      id: string;
      email: string;
      role: Role;
      organisation_id: string | null;
      locale: string;
      email_verified: boolean;
    }>(this.dataSource.manager, CALLER_OF_OPEN_SESSION, [sessionId, userId]);
    if (rows.length === 0) return null;
    const [r] = rows;
    return {
      id: r.id,
      email: r.email,
      role: r.role,
      organisationId: r.organisation_id,
      emailVerified: r.email_verified,
      locale: r.locale,
    };
  }

  /** Locks the session row (a refresh waits for a concurrent revocation, and vice versa). */
  lock(manager: EntityManager, id: string): Promise<SessionEntity | null> {
    return manager
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.id = :id', { id })
      .getOne();
  }

  /** Ends one session and its refresh tokens. */
  async revoke(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(
      `UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [id, at],
    );
    await manager.query(
      `UPDATE refresh_tokens SET revoked_at = $2 WHERE family_id = $1 AND revoked_at IS NULL`,
      [id, at],
    );
  }

  /** Ends every session of a user and their refresh tokens, but `keep` when given. */
  async revokeAllOfUser(
    manager: EntityManager,
    userId: string,
    at: Date,
    keep: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE sessions SET revoked_at = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $3::uuid`,
      [userId, at, keep],
    );
    await manager.query(
      `UPDATE refresh_tokens SET revoked_at = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND family_id IS DISTINCT FROM $3::uuid`,
      [userId, at, keep],
    );
  }
}
