import { typedQueries } from '@app/database';
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';

/** The route an e-mail's unsubscribe link leads to (`MailOutbox.link(UNSUBSCRIBE_PATH, token)`). */
export const UNSUBSCRIBE_PATH = '/api/notifications/unsubscribe';

export interface UnsubscribeTokenRow {
  userId: string;
  /** The notification kind it turns off, or `digest`. */
  kind: string;
  hash: string;
}

/** A fresh unsubscribe token for the link, and the row that stores its hash only. */
export function newUnsubscribeToken(
  userId: string,
  kind: string,
): { token: string; row: UnsubscribeTokenRow } {
  const token = randomBytes(32).toString('base64url');
  return { token, row: { userId, kind, hash: hashUnsubscribeToken(token) } };
}

export function hashUnsubscribeToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Stores many unsubscribe tokens (hashes) in one statement, in `manager`'s transaction. */
export async function insertUnsubscribeTokens(
  manager: EntityManager,
  rows: readonly UnsubscribeTokenRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await typedQueries(manager)
    .insertInto('unsubscribe_tokens')
    .columns(['token_hash', 'user_id', 'kind'])
    .expression(
      sql`SELECT * FROM unnest(${rows.map((r) => r.hash)}::text[],
        ${rows.map((r) => r.userId)}::uuid[], ${rows.map((r) => r.kind)}::text[])`,
    )
    .execute();
}
