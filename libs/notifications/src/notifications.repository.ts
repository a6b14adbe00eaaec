import { checkedText, typedQueries, TransactionRunner } from '@app/database';
import type { PagePosition } from '@app/http';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource, type EntityManager } from 'typeorm';
import { DIGEST_UNSUBSCRIBE_KIND, DIGESTS, type Digest } from './notification-kinds.js';

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

export interface Preferences {
  email: Record<string, boolean>;
  digest: Digest;
}

/** Notifications, preferences and unsubscribe tokens; every read is scoped to its user. */
@Injectable()
export class NotificationsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
  ) {}

  private get db() {
    return typedQueries(this.dataSource.manager);
  }

  /** Stored preferences of many accounts in one query (accounts without any left out). */
  async findPreferencesOf(
    manager: EntityManager,
    userIds: readonly string[],
  ): Promise<Map<string, Preferences>> {
    if (userIds.length === 0) return new Map();
    const rows = await typedQueries(manager)
      .selectFrom('notification_preferences')
      .select(['user_id', 'email', 'digest'])
      .where('user_id', '=', (eb) => eb.fn.any(eb.val([...new Set(userIds)])))
      .execute();
    return new Map(rows.map((r) => [r.user_id, toPreferences(r)]));
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
    await typedQueries(manager)
      .insertInto('notifications')
      .columns(['user_id', 'kind', 'title', 'body', 'link', 'data', 'digest_pending'])
      .expression(
        sql`SELECT * FROM unnest(
          ${rows.map((r) => r.userId)}::uuid[], ${rows.map((r) => r.kind)}::text[],
          ${rows.map((r) => r.title)}::text[], ${rows.map((r) => r.body)}::text[],
          ${rows.map((r) => r.link)}::text[], ${rows.map((r) => JSON.stringify(r.data))}::jsonb[],
          ${rows.map((r) => r.digestPending)}::boolean[])`,
      )
      .execute();
  }

  /** Newest first; `after` is the last row of the previous page. */
  async findPageOf(
    userId: string,
    options: { unreadOnly: boolean; after: PagePosition | undefined; limit: number },
  ): Promise<NotificationRow[]> {
    let query = this.db
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'body', 'link', 'data', 'created_at', 'read_at'])
      .where('user_id', '=', userId);
    if (options.unreadOnly) query = query.where('read_at', 'is', null);
    const after = options.after;
    if (after !== undefined) {
      query = query.where((eb) =>
        eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(after.createdAt, after.id)),
      );
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      data: isRecord(r.data) ? r.data : {},
      createdAt: r.created_at,
      readAt: r.read_at,
    }));
  }

  async countUnread(userId: string): Promise<number> {
    const { count } = await this.db
      .selectFrom('notifications')
      .select(sql<number>`count(*)::int`.as('count'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return count;
  }

  /** Marks the user's own notifications read (ids of others are ignored); all when `ids` is null. */
  async markRead(userId: string, ids: string[] | null): Promise<void> {
    let query = this.db
      .updateTable('notifications')
      .set({ read_at: sql<Date>`now()` })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null);
    if (ids !== null) query = query.where('id', '=', (eb) => eb.fn.any(eb.val(ids)));
    await query.execute();
  }

  async findPreferences(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Preferences | undefined> {
    return (await this.findPreferencesOf(manager, [userId])).get(userId);
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
    await this.db
      .insertInto('notification_preferences')
      .values({
        user_id: userId,
        email: JSON.stringify(preferences.email),
        digest: preferences.digest,
        next_digest_at: nextDigestAt,
      })
      .onConflict((oc) =>
        oc.column('user_id').doUpdateSet((eb) => ({
          email: eb.ref('excluded.email'),
          digest: eb.ref('excluded.digest'),
          updated_at: sql<Date>`now()`,
          next_digest_at: eb
            .case()
            .when(
              eb.and([
                eb('notification_preferences.digest', '=', eb.ref('excluded.digest')),
                eb('notification_preferences.next_digest_at', 'is not', null),
              ]),
            )
            .then(eb.ref('notification_preferences.next_digest_at'))
            .else(eb.ref('excluded.next_digest_at'))
            .end(),
        })),
      )
      .execute();
  }

  /**
   * Turns e-mail of the token's kind off for the token's user, in one statement; returns the
   * kind, or undefined for an unknown token.
   */
  async unsubscribe(hash: string): Promise<string | undefined> {
    return this.tx.run(async (manager) => {
      const db = typedQueries(manager);
      const token = await db
        .selectFrom('unsubscribe_tokens')
        .select(['user_id', 'kind'])
        .where('token_hash', '=', hash)
        .executeTakeFirst();
      if (token === undefined) return undefined;
      if (token.kind === DIGEST_UNSUBSCRIBE_KIND) {
        await db
          .updateTable('notification_preferences')
          .set({ digest: 'off', next_digest_at: null, updated_at: sql<Date>`now()` })
          .where('user_id', '=', token.user_id)
          .execute();
        return token.kind;
      }
      const off = sql<string>`jsonb_build_object(${token.kind}::text, false)`;
      await db
        .insertInto('notification_preferences')
        .values({ user_id: token.user_id, email: off })
        .onConflict((oc) =>
          oc.column('user_id').doUpdateSet({
            email: sql<string>`notification_preferences.email || ${off}`,
            updated_at: sql<Date>`now()`,
          }),
        )
        .execute();
      return token.kind;
    });
  }
}

function toPreferences(row: { email: unknown; digest: string }): Preferences {
  const email: Record<string, boolean> = {};
  if (isRecord(row.email)) {
    for (const [kind, on] of Object.entries(row.email)) {
      if (typeof on === 'boolean') email[kind] = on;
    }
  }
  return { email, digest: checkedText(DIGESTS, row.digest, 'notification_preferences.digest') };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
