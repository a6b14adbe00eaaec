import type { Role } from '@app/identity';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { SavedQuery } from './saved-search-kind.js';
import type { SavedSearchAlert, SavedSearchKindName } from './saved-search-values.js';

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

const COLUMNS = `s.id, s.owner_id AS "ownerId", s.name, s.kind, s.query, s.alert,
  s.matches_since AS "matchesSince", s.last_run_at AS "lastRunAt", s.next_run_at AS "nextRunAt",
  s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;

/**
 * Saved searches and the items each has told about. Every read and write for a person is scoped
 * by `owner_id` in the SQL itself; the alerts job's methods are scoped by the lease token of its
 * claim instead.
 */
@Injectable()
export class SavedSearchesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Serialises one owner's creations so the per-person limit holds under concurrency. */
  async lockOwner(manager: EntityManager, ownerId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('saved_searches:' || $1))`, [
      ownerId,
    ]);
  }

  async countOwned(manager: EntityManager, ownerId: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n FROM saved_searches WHERE owner_id = $1`,
      [ownerId],
    )) as { n: number }[];
    return row.n;
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
    const [row] = (await manager.query(
      `INSERT INTO saved_searches AS s
         (owner_id, owner_role, name, kind, query, alert, matches_since, next_run_at)
       VALUES ($1, $8, $2, $3, $4, $5, $6, $7)
       RETURNING ${COLUMNS}`,
      [
        ownerId,
        input.name,
        input.kind,
        JSON.stringify(input.query),
        input.alert,
        input.matchesSince,
        input.nextRunAt,
        ownerRole,
      ],
    )) as SavedSearchRow[];
    return row;
  }

  async findOwned(ownerId: string, id: string): Promise<SavedSearchRow | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM saved_searches s WHERE s.id = $1 AND s.owner_id = $2`,
      [id, ownerId],
    )) as SavedSearchRow[];
    return rows[0];
  }

  /** The owner's saved searches, newest first (at most the per-person limit). */
  listOwned(ownerId: string): Promise<SavedSearchRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM saved_searches s WHERE s.owner_id = $1
        ORDER BY s.created_at DESC, s.id DESC`,
      [ownerId],
    ) as Promise<SavedSearchRow[]>;
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
    const [rows] = (await this.dataSource.query(
      `UPDATE saved_searches s
          SET name = $3, query = $4, alert = $5, matches_since = $6, next_run_at = $7,
              lease_until = NULL, lease_token = NULL
        WHERE s.id = $1 AND s.owner_id = $2
        RETURNING ${COLUMNS}`,
      [
        id,
        ownerId,
        change.name,
        JSON.stringify(change.query),
        change.alert,
        change.matchesSince,
        change.nextRunAt,
      ],
    )) as [SavedSearchRow[], number];
    return rows[0];
  }

  async deleteOwned(ownerId: string, id: string): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM saved_searches WHERE id = $1 AND owner_id = $2`,
      [id, ownerId],
    )) as [unknown, number];
    return count > 0;
  }

  /**
   * Claims up to `limit` searches due at `now` for one worker (`FOR UPDATE SKIP LOCKED`, then a
   * lease): another worker skips them until the lease runs out.
   */
  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<ClaimedSearch[]> {
    const [rows] = (await this.dataSource.query(
      `WITH due AS (
         SELECT s.id FROM saved_searches s
          WHERE s.next_run_at <= $1 AND s.alert <> 'off'
            AND (s.lease_until IS NULL OR s.lease_until < $1)
          ORDER BY s.next_run_at
          LIMIT $2
          FOR UPDATE SKIP LOCKED
       )
       UPDATE saved_searches s
          SET lease_until = $3, lease_token = gen_random_uuid()
         FROM due
        WHERE s.id = due.id
        RETURNING ${COLUMNS}, s.lease_token AS "leaseToken", s.owner_role AS "ownerRole"`,
      [now, limit, leaseUntil],
    )) as [ClaimedSearch[], number];
    return rows;
  }

  /** Which of these items each search has already told about (`<searchId>:<itemId>`). */
  async findSeen(pairs: readonly { searchId: string; itemId: string }[]): Promise<Set<string>> {
    if (pairs.length === 0) return new Set();
    const rows = (await this.dataSource.query(
      `SELECT saved_search_id AS "searchId", item_id AS "itemId"
         FROM saved_search_seen
        WHERE (saved_search_id, item_id) IN (
          SELECT * FROM unnest($1::uuid[], $2::uuid[]))`,
      [pairs.map((p) => p.searchId), pairs.map((p) => p.itemId)],
    )) as { searchId: string; itemId: string }[];
    return new Set(rows.map((r) => `${r.searchId}:${r.itemId}`));
  }

  /**
   * Records finished runs whose claim still holds (the search was neither changed nor deleted
   * meanwhile), in one statement: locks those rows for the rest of the caller's transaction and
   * returns their ids. A run left out lost its claim: drop what it found.
   */
  async finishRuns(
    manager: EntityManager,
    runs: readonly { id: string; leaseToken: string; nextRunAt: Date | null }[],
    ranAt: Date,
  ): Promise<Set<string>> {
    if (runs.length === 0) return new Set();
    const [rows] = (await manager.query(
      `UPDATE saved_searches s
          SET last_run_at = $4, next_run_at = r.next_run_at, lease_until = NULL, lease_token = NULL
         FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS r(id, token, next_run_at)
        WHERE s.id = r.id AND s.lease_token = r.token
        RETURNING s.id`,
      [runs.map((r) => r.id), runs.map((r) => r.leaseToken), runs.map((r) => r.nextRunAt), ranAt],
    )) as [{ id: string }[], number];
    return new Set(rows.map((r) => r.id));
  }

  /** {@link finishRuns} outside a transaction, for runs that found nothing new. */
  async finishEmptyRuns(
    runs: readonly { id: string; leaseToken: string; nextRunAt: Date | null }[],
    ranAt: Date,
  ): Promise<void> {
    if (runs.length === 0) return;
    await this.dataSource.query(
      `UPDATE saved_searches s
          SET last_run_at = $4, next_run_at = r.next_run_at, lease_until = NULL, lease_token = NULL
         FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) AS r(id, token, next_run_at)
        WHERE s.id = r.id AND s.lease_token = r.token`,
      [runs.map((r) => r.id), runs.map((r) => r.leaseToken), runs.map((r) => r.nextRunAt), ranAt],
    );
  }

  /** Gives a claim back at once (the run failed): the search is due again. */
  async releaseClaims(runs: readonly { id: string; leaseToken: string }[]): Promise<void> {
    if (runs.length === 0) return;
    await this.dataSource.query(
      `UPDATE saved_searches s SET lease_until = NULL, lease_token = NULL
         FROM unnest($1::uuid[], $2::uuid[]) AS r(id, token)
        WHERE s.id = r.id AND s.lease_token = r.token`,
      [runs.map((r) => r.id), runs.map((r) => r.leaseToken)],
    );
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
    const rows = (await manager.query(
      `INSERT INTO saved_search_seen (saved_search_id, item_id, item_updated_at, alerted_at)
       SELECT i.search_id, i.item_id, to_timestamp(i.ms / 1000.0), $4
         FROM unnest($1::uuid[], $2::uuid[], $3::float8[]) AS i(search_id, item_id, ms)
       ON CONFLICT DO NOTHING
       RETURNING saved_search_id AS "searchId", item_id AS "itemId"`,
      [items.map((i) => i.searchId), items.map((i) => i.itemId), items.map((i) => i.updatedAt), at],
    )) as { searchId: string; itemId: string }[];
    return new Set(rows.map((r) => `${r.searchId}:${r.itemId}`));
  }
}
