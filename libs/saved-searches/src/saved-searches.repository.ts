import { checkedText, typedQueries } from '@app/database';
import { ROLES, type Role } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
import { DataSource, type EntityManager } from 'typeorm';
import type { SavedQuery } from './saved-search-kind.js';
import {
  SAVED_SEARCH_ALERTS,
  SAVED_SEARCH_KINDS,
  type SavedSearchAlert,
  type SavedSearchKindName,
} from './saved-search-values.js';

export interface SavedSearchRow {
  id: string;
  ownerId: string;
  name: string;
  kind: SavedSearchKindName;
  query: SavedQuery;
  alert: SavedSearchAlert;
  matchesSince: Date;
  lastRunAt: Date | null;
  nextRunAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A due search claimed by one worker: its lease token proves the claim when it is finished. */
export interface ClaimedSearch extends SavedSearchRow {
  leaseToken: string;
  ownerRole: Role;
}

/** A finished run of a claimed search, and when its search runs next. */
export interface FinishedRun {
  id: string;
  leaseToken: string;
  nextRunAt: Date | null;
}

const COLUMNS = [
  'id',
  'owner_id',
  'name',
  'kind',
  'query',
  'alert',
  'matches_since',
  'last_run_at',
  'next_run_at',
  'created_at',
  'updated_at',
] as const;

/**
 * Saved searches and the items each has told about. Every read and write for a person is scoped
 * by `owner_id` in the SQL itself; the alerts job's methods are scoped by the lease token of its
 * claim instead.
 */
@Injectable()
export class SavedSearchesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get db() {
    return typedQueries(this.dataSource.manager);
  }

  /** Serialises one owner's creations so the per-person limit holds under concurrency. */
  async lockOwner(manager: EntityManager, ownerId: string): Promise<void> {
    await typedQueries(manager)
      .selectNoFrom(
        sql<unknown>`pg_advisory_xact_lock(hashtext(${`saved_searches:${ownerId}`}))`.as('locked'),
      )
      .execute();
  }

  async countOwned(manager: EntityManager, ownerId: string): Promise<number> {
    const { n } = await typedQueries(manager)
      .selectFrom('saved_searches')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('owner_id', '=', ownerId)
      .executeTakeFirstOrThrow();
    return n;
  }

  async insert(
    manager: EntityManager,
    ownerId: string,
    input: {
      name: string;
      kind: SavedSearchKindName;
      query: SavedQuery;
      alert: SavedSearchAlert;
      matchesSince: Date;
      nextRunAt: Date | null;
    },
    ownerRole: Role,
  ): Promise<SavedSearchRow> {
    const row = await typedQueries(manager)
      .insertInto('saved_searches')
      .values({
        owner_id: ownerId,
        owner_role: ownerRole,
        name: input.name,
        kind: input.kind,
        query: JSON.stringify(input.query),
        alert: input.alert,
        matches_since: input.matchesSince,
        next_run_at: input.nextRunAt,
      })
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return toSavedSearch(row);
  }

  async findOwned(ownerId: string, id: string): Promise<SavedSearchRow | undefined> {
    const row = await this.db
      .selectFrom('saved_searches')
      .select(COLUMNS)
      .where('id', '=', id)
      .where('owner_id', '=', ownerId)
      .executeTakeFirst();
    return row === undefined ? undefined : toSavedSearch(row);
  }

  /** The owner's saved searches, newest first (at most the per-person limit). */
  async listOwned(ownerId: string): Promise<SavedSearchRow[]> {
    const rows = await this.db
      .selectFrom('saved_searches')
      .select(COLUMNS)
      .where('owner_id', '=', ownerId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(toSavedSearch);
  }

  /**
   * Changes the owner's saved search; a new query or cadence drops any run in flight (its lease)
   * so a result computed for the old one is never sent.
   */
  async updateOwned(
    ownerId: string,
    id: string,
    change: {
      name: string;
      query: SavedQuery;
      alert: SavedSearchAlert;
      matchesSince: Date;
      nextRunAt: Date | null;
    },
  ): Promise<SavedSearchRow | undefined> {
    const row = await this.db
      .updateTable('saved_searches')
      .set({
        name: change.name,
        query: JSON.stringify(change.query),
        alert: change.alert,
        matches_since: change.matchesSince,
        next_run_at: change.nextRunAt,
        lease_until: null,
        lease_token: null,
      })
      .where('id', '=', id)
      .where('owner_id', '=', ownerId)
      .returning(COLUMNS)
      .executeTakeFirst();
    return row === undefined ? undefined : toSavedSearch(row);
  }

  async deleteOwned(ownerId: string, id: string): Promise<boolean> {
    const { numDeletedRows } = await this.db
      .deleteFrom('saved_searches')
      .where('id', '=', id)
      .where('owner_id', '=', ownerId)
      .executeTakeFirst();
    return numDeletedRows > 0n;
  }

  /**
   * Claims up to `limit` searches due at `now` for one worker (`FOR UPDATE SKIP LOCKED`, then a
   * lease): another worker skips them until the lease runs out.
   */
  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<ClaimedSearch[]> {
    const rows = await this.db
      .with('due', (db) =>
        db
          .selectFrom('saved_searches')
          .select('id')
          .where('next_run_at', '<=', now)
          .where('alert', '<>', 'off')
          .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
          .orderBy('next_run_at')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .updateTable('saved_searches as s')
      .set({ lease_until: leaseUntil, lease_token: sql<string>`gen_random_uuid()` })
      .from('due')
      .whereRef('s.id', '=', 'due.id')
      .returning([...COLUMNS.map((c) => `s.${c}` as const), 's.lease_token', 's.owner_role'])
      .execute();
    return rows.map((r) => ({
      ...toSavedSearch(r),
      leaseToken: leaseTokenOf(r.lease_token),
      ownerRole: checkedText(ROLES, r.owner_role, 'saved_searches.owner_role'),
    }));
  }

  /** Which of these items each search has already told about (`<searchId>:<itemId>`). */
  async findSeen(pairs: readonly { searchId: string; itemId: string }[]): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('saved_search_seen')
      .select(['saved_search_id', 'item_id'])
      .where(
        sql<boolean>`(saved_search_id, item_id) IN (SELECT * FROM unnest(
          ${pairs.map((p) => p.searchId)}::uuid[], ${pairs.map((p) => p.itemId)}::uuid[]))`,
      )
      .execute();
    return new Set(rows.map((r) => `${r.saved_search_id}:${r.item_id}`));
  }

  /**
   * Records finished runs whose claim still holds (the search was neither changed nor deleted
   * meanwhile), in one statement: locks those rows for the rest of the caller's transaction and
   * returns their ids. A run left out lost its claim: drop what it found.
   */
  async finishRuns(
    manager: EntityManager,
    runs: readonly FinishedRun[],
    ranAt: Date,
  ): Promise<Set<string>> {
    if (runs.length === 0) return new Set();
    const rows = await finishStatement(typedQueries(manager), runs, ranAt)
      .returning('s.id')
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  /** {@link finishRuns} outside a transaction, for runs that found nothing new. */
  async finishEmptyRuns(runs: readonly FinishedRun[], ranAt: Date): Promise<void> {
    if (runs.length === 0) return;
    await finishStatement(this.db, runs, ranAt).execute();
  }

  /** Gives a claim back at once (the run failed): the search is due again. */
  async releaseClaims(runs: readonly { id: string; leaseToken: string }[]): Promise<void> {
    if (runs.length === 0) return;
    await this.db
      .updateTable('saved_searches as s')
      .set({ lease_until: null, lease_token: null })
      .from(
        sql<{ id: string; token: string }>`unnest(
          ${runs.map((r) => r.id)}::uuid[], ${runs.map((r) => r.leaseToken)}::uuid[])`.as<'r'>(
          sql`r(id, token)`,
        ),
      )
      .whereRef('s.id', '=', 'r.id')
      .whereRef('s.lease_token', '=', 'r.token')
      .execute();
  }

  /**
   * Marks items as told about, for many searches in one statement; returns the pairs
   * (`<searchId>:<itemId>`) that were not already marked (the primary key makes "at most once per
   * saved search" hold whatever runs concurrently).
   */
  async markSeen(
    manager: EntityManager,
    items: readonly { searchId: string; itemId: string; updatedAt: number }[],
    at: Date,
  ): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const rows = await typedQueries(manager)
      .insertInto('saved_search_seen')
      .columns(['saved_search_id', 'item_id', 'item_updated_at', 'alerted_at'])
      .expression(
        sql`SELECT i.search_id, i.item_id, to_timestamp(i.ms / 1000.0), ${at}::timestamptz
              FROM unnest(${items.map((i) => i.searchId)}::uuid[],
                          ${items.map((i) => i.itemId)}::uuid[],
                          ${items.map((i) => i.updatedAt)}::float8[]) AS i(search_id, item_id, ms)`,
      )
      .onConflict((oc) => oc.doNothing())
      .returning(['saved_search_id', 'item_id'])
      .execute();
    return new Set(rows.map((r) => `${r.saved_search_id}:${r.item_id}`));
  }
}

/** The update that finishes runs still holding their claim (the caller adds RETURNING). */
function finishStatement(
  db: ReturnType<typeof typedQueries>,
  runs: readonly FinishedRun[],
  ranAt: Date,
) {
  return db
    .updateTable('saved_searches as s')
    .from(
      sql<{ id: string; token: string; next_run_at: Date | null }>`unnest(
        ${runs.map((r) => r.id)}::uuid[], ${runs.map((r) => r.leaseToken)}::uuid[],
        ${runs.map((r) => r.nextRunAt)}::timestamptz[])`.as<'r'>(sql`r(id, token, next_run_at)`),
    )
    .set((eb) => ({
      last_run_at: ranAt,
      next_run_at: eb.ref('r.next_run_at'),
      lease_until: null,
      lease_token: null,
    }))
    .whereRef('s.id', '=', 'r.id')
    .whereRef('s.lease_token', '=', 'r.token');
}

function toSavedSearch(row: {
  id: string;
  owner_id: string;
  name: string;
  kind: string;
  query: unknown;
  alert: string;
  matches_since: Date;
  last_run_at: Date | null;
  next_run_at: Date | null;
  created_at: Date;
  updated_at: Date;
}): SavedSearchRow {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    kind: checkedText(SAVED_SEARCH_KINDS, row.kind, 'saved_searches.kind'),
    query: savedQueryOf(row.query),
    alert: checkedText(SAVED_SEARCH_ALERTS, row.alert, 'saved_searches.alert'),
    matchesSince: row.matches_since,
    lastRunAt: row.last_run_at,
    nextRunAt: row.next_run_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The stored query: an object of strings (as saved by the kind's check). */
function savedQueryOf(value: unknown): SavedQuery {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('saved_searches.query holds something other than an object');
  }
  const query: SavedQuery = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new Error(`saved_searches.query.${key} is not a string`);
    query[key] = v;
  }
  return query;
}

function leaseTokenOf(token: string | null): string {
  if (token === null) throw new Error('a claimed saved search has no lease token');
  return token;
}
