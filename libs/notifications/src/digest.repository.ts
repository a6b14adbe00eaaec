import { checkedText, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A person whose digest is due, their preference row locked for the run. */
export interface DueDigest {
  userId: string;
  digest: 'daily' | 'weekly';
  nextDigestAt: Date;
}

export interface PendingNotification {
  id: string;
  title: string;
  createdAt: Date;
}

const PERIODIC = ['daily', 'weekly'] as const;

/** The statements of the digest job; each runs in the job's transaction. */
@Injectable()
export class DigestRepository {
  /**
   * Up to `limit` people whose daily or weekly digest is due at `now`, their preference rows
   * locked `FOR UPDATE SKIP LOCKED`: a second worker skips them, so no digest goes out twice.
   */
  async claimDue(manager: EntityManager, now: Date, limit: number): Promise<DueDigest[]> {
    const rows = await typedQueries(manager)
      .selectFrom('notification_preferences')
      .select(['user_id', 'digest', 'next_digest_at'])
      .where('next_digest_at', '<=', now)
      .where('digest', 'in', PERIODIC)
      .orderBy('next_digest_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    return rows.flatMap((r) =>
      r.next_digest_at === null
        ? []
        : [
            {
              userId: r.user_id,
              digest: checkedText(PERIODIC, r.digest, 'notification_preferences.digest'),
              nextDigestAt: r.next_digest_at,
            },
          ],
    );
  }

  /** The person's notifications waiting for a digest, oldest first (rows locked). */
  async findPending(manager: EntityManager, userId: string): Promise<PendingNotification[]> {
    const rows = await typedQueries(manager)
      .selectFrom('notifications')
      .select(['id', 'title', 'created_at'])
      .where('user_id', '=', userId)
      .where('digest_pending', '=', true)
      .orderBy('created_at')
      .orderBy('id')
      .forUpdate()
      .execute();
    return rows.map((r) => ({ id: r.id, title: r.title, createdAt: r.created_at }));
  }

  async markDigested(manager: EntityManager, ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await typedQueries(manager)
      .updateTable('notifications')
      .set({ digest_pending: false, digested_at: at })
      .where('id', '=', (eb) => eb.fn.any(eb.val(ids)))
      .execute();
  }

  /** The next run of the person's digest; null ends it (an erased account gets none). */
  async schedule(manager: EntityManager, userId: string, next: Date | null): Promise<void> {
    await typedQueries(manager)
      .updateTable('notification_preferences')
      .set({ next_digest_at: next })
      .where('user_id', '=', userId)
      .execute();
  }
}
