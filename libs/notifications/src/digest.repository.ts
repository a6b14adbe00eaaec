import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A person whose digest is due, locked for the run. */
export interface DueDigest {
  userId: string;
  digest: 'daily' | 'weekly';
  nextDigestAt: Date;
  email: string;
  locale: string;
  timezone: string;
  displayName: string | null;
}

export interface PendingNotification {
  id: string;
  title: string;
  createdAt: Date;
}

/** The statements of the digest job; each runs in the job's transaction. */
@Injectable()
export class DigestRepository {
  /**
   * Up to `limit` people whose daily or weekly digest is due at `now`, their preference rows
   * locked `FOR UPDATE SKIP LOCKED`: a second worker skips them, so no digest goes out twice.
   */
  async claimDue(manager: EntityManager, now: Date, limit: number): Promise<DueDigest[]> {
    return (await manager.query(
      `SELECT np.user_id AS "userId", np.digest, np.next_digest_at AS "nextDigestAt",
              u.email, u.locale, u.timezone, u.display_name AS "displayName"
         FROM notification_preferences np
         JOIN users u ON u.id = np.user_id AND u.erased_at IS NULL
        WHERE np.next_digest_at <= $1 AND np.digest IN ('daily', 'weekly')
        ORDER BY np.next_digest_at
        LIMIT $2
        FOR UPDATE OF np SKIP LOCKED`,
      [now, limit],
    )) as DueDigest[];
  }

  /** The person's notifications waiting for a digest, oldest first (rows locked). */
  async findPending(manager: EntityManager, userId: string): Promise<PendingNotification[]> {
    return (await manager.query(
      `SELECT id, title, created_at AS "createdAt" FROM notifications
        WHERE user_id = $1 AND digest_pending
        ORDER BY created_at, id
        FOR UPDATE`,
      [userId],
    )) as PendingNotification[];
  }

  async markDigested(manager: EntityManager, ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(
      `UPDATE notifications SET digest_pending = false, digested_at = $2
        WHERE id = ANY($1::uuid[])`,
      [ids, at],
    );
  }

  async schedule(manager: EntityManager, userId: string, next: Date): Promise<void> {
    await manager.query(
      `UPDATE notification_preferences SET next_digest_at = $2 WHERE user_id = $1`,
      [userId, next],
    );
  }

  async insertUnsubscribeToken(
    manager: EntityManager,
    userId: string,
    kind: string,
    hash: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO unsubscribe_tokens (token_hash, user_id, kind) VALUES ($1, $2, $3)`,
      [hash, userId, kind],
    );
  }
}
