import type { PagePosition } from '@app/http';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { DIGEST_UNSUBSCRIBE_KIND, type Digest } from './notification-kinds.js';
import { DEFAULT_TIMEZONE } from './local-schedule.js';

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

export interface Recipient {
  email: string;
  locale: string;
  displayName: string | null;
}

export interface Preferences {
  email: Record<string, boolean>;
  digest: Digest;
}

const COLUMNS = `id, kind, title, body, link, data, created_at AS "createdAt", read_at AS "readAt"`;

/** Notifications, preferences and unsubscribe tokens; every read is scoped to its user. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The account to write to; undefined when it is erased or gone. */
  async findRecipient(manager: EntityManager, userId: string): Promise<Recipient | undefined> {
    const [row] = (await manager.query(
      `SELECT email, locale, display_name AS "displayName" FROM users
        WHERE id = $1 AND erased_at IS NULL`,
      [userId],
    )) as Recipient[];
    return row;
  }

  /** {@link findRecipient} for many accounts in one query (erased and gone ones left out). */
  async findRecipients(
    manager: EntityManager,
    userIds: readonly string[],
  ): Promise<Map<string, Recipient>> {
    if (userIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT id, email, locale, display_name AS "displayName" FROM users
        WHERE id = ANY($1::uuid[]) AND erased_at IS NULL`,
      [[...new Set(userIds)]],
    )) as (Recipient & { id: string })[];
    return new Map(
      rows.map((r) => [r.id, { email: r.email, locale: r.locale, displayName: r.displayName }]),
    );
  }

  /** Stored preferences of many accounts in one query (accounts without any left out). */
  async findPreferencesOf(
    manager: EntityManager,
    userIds: readonly string[],
  ): Promise<Map<string, Preferences>> {
    if (userIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT user_id AS "userId", email, digest FROM notification_preferences
        WHERE user_id = ANY($1::uuid[])`,
      [[...new Set(userIds)]],
    )) as (Preferences & { userId: string })[];
    return new Map(rows.map((r) => [r.userId, { email: r.email, digest: r.digest }]));
  }

  /** Many notifications in one statement. */
  async insertMany(
    manager: EntityManager,
    rows: readonly {
      userId: string;
      kind: string;
      title: string;
      body: string;
      link: string | null;
      data: unknown;
      digestPending: boolean;
    }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO notifications (user_id, kind, title, body, link, data, digest_pending)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],
                            $6::jsonb[], $7::boolean[])`,
      [
        rows.map((r) => r.userId),
        rows.map((r) => r.kind),
        rows.map((r) => r.title),
        rows.map((r) => r.body),
        rows.map((r) => r.link),
        rows.map((r) => JSON.stringify(r.data)),
        rows.map((r) => r.digestPending),
      ],
    );
  }

  /** Many unsubscribe tokens (hashes) in one statement. */
  async insertUnsubscribeTokens(
    manager: EntityManager,
    rows: readonly { userId: string; kind: string; hash: string }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `INSERT INTO unsubscribe_tokens (token_hash, user_id, kind)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[])`,
      [rows.map((r) => r.hash), rows.map((r) => r.userId), rows.map((r) => r.kind)],
    );
  }

  /** Newest first; `after` is the last row of the previous page. */
  async findPageOf(
    userId: string,
    options: { unreadOnly: boolean; after: PagePosition | undefined; limit: number },
  ): Promise<NotificationRow[]> {
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM notifications
        WHERE user_id = $1 AND ($2::boolean IS FALSE OR read_at IS NULL)
          AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $5`,
      [
        userId,
        options.unreadOnly,
        options.after?.createdAt ?? null,
        options.after?.id ?? null,
        options.limit,
      ],
    )) as NotificationRow[];
  }

  async countUnread(userId: string): Promise<number> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    )) as { count: number }[];
    return row.count;
  }

  /** Marks the user's own notifications read (ids of others are ignored); all when `ids` is null. */
  async markRead(userId: string, ids: string[] | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications SET read_at = now()
        WHERE user_id = $1 AND read_at IS NULL AND ($2::uuid[] IS NULL OR id = ANY($2::uuid[]))`,
      [userId, ids],
    );
  }

  async findPreferences(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Preferences | undefined> {
    const [row] = (await manager.query(
      `SELECT email, digest FROM notification_preferences WHERE user_id = $1`,
      [userId],
    )) as Preferences[];
    return row;
  }

  /**
   * Saves the preferences; `nextDigestAt` is the first run of a daily or weekly digest (null for
   * instant or off). Choosing the period a person already has keeps their schedule.
   */
  async savePreferences(
    userId: string,
    preferences: Preferences,
    nextDigestAt: Date | null,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_preferences (user_id, email, digest, next_digest_at)
       VALUES ($1, $2::jsonb, $3, $4)
       ON CONFLICT (user_id) DO UPDATE
         SET email = EXCLUDED.email, digest = EXCLUDED.digest, updated_at = now(),
             next_digest_at = CASE
               WHEN notification_preferences.digest = EXCLUDED.digest
                    AND notification_preferences.next_digest_at IS NOT NULL
                 THEN notification_preferences.next_digest_at
               ELSE EXCLUDED.next_digest_at END`,
      [userId, JSON.stringify(preferences.email), preferences.digest, nextDigestAt],
    );
  }

  /** The timezone of the account (its digests arrive at 08:00 there). */
  async findTimezone(userId: string): Promise<string> {
    const [row] = (await this.dataSource.query(`SELECT timezone FROM users WHERE id = $1`, [
      userId,
    ])) as { timezone: string }[];
    return row?.timezone ?? DEFAULT_TIMEZONE;
  }

  /** The timezones of these accounts, in one query (accounts not found are left out). */
  async findTimezones(userIds: readonly string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = (await this.dataSource.query(
      `SELECT id, timezone FROM users WHERE id = ANY($1::uuid[])`,
      [[...new Set(userIds)]],
    )) as { id: string; timezone: string | null }[];
    return new Map(rows.map((r) => [r.id, r.timezone ?? DEFAULT_TIMEZONE]));
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

  /**
   * Turns e-mail of the token's kind off for the token's user, in one statement; returns the
   * kind, or undefined for an unknown token.
   */
  async unsubscribe(hash: string): Promise<string | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const [token] = (await manager.query(
        `SELECT user_id AS "userId", kind FROM unsubscribe_tokens WHERE token_hash = $1`,
        [hash],
      )) as { userId: string; kind: string }[];
      if (token === undefined) return undefined;
      if (token.kind === DIGEST_UNSUBSCRIBE_KIND) {
        await manager.query(
          `UPDATE notification_preferences SET digest = 'off', next_digest_at = NULL,
                  updated_at = now()
            WHERE user_id = $1`,
          [token.userId],
        );
        return token.kind;
      }
      await manager.query(
        `INSERT INTO notification_preferences (user_id, email)
         VALUES ($1, jsonb_build_object($2::text, false))
         ON CONFLICT (user_id) DO UPDATE
           SET email = notification_preferences.email || jsonb_build_object($2::text, false),
               updated_at = now()`,
        [token.userId, token.kind],
      );
      return token.kind;
    });
  }
}
