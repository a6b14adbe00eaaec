import { anyText, TransactionRunner, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';

/** Outbox kind of a "re-read these documents and sync them to their index" row. */
export const SEARCH_SYNC_KIND = 'search.sync';

/** The channel every outbox insert notifies at commit, with the row kind as payload. */
export const OUTBOX_CHANNEL = 'outbox';

export interface ClaimedOutboxRow {
  id: string;
  kind: string;
  target: string;
  documentId: string;
  payload: unknown;
  attempts: number;
}

export interface OutboxRetry {
  ids: string[];
  delayMs: number;
  error: string;
}

/** `now() + ms` milliseconds, as the outbox's times are set (the database clock). */
const nowPlusMs = (ms: number) =>
  sql<Date>`now() + make_interval(secs => ${ms}::double precision / 1000)`;

/** Every statement on the `outbox` table. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  private get db() {
    return typedQueries(this.transactions.manager);
  }

  async insertRows(
    manager: EntityManager,
    kind: string,
    target: string,
    keys: string[],
    payload: unknown = null,
  ): Promise<void> {
    if (keys.length === 0) return;
    const json = payload === null ? null : JSON.stringify(payload);
    // one round trip: the insert runs as a CTE beside the notification, which is delivered at
    // commit only, so a relay never wakes up before the rows are visible
    await typedQueries(manager)
      .with('inserted', (db) =>
        db
          .insertInto('outbox')
          .columns(['kind', 'target', 'document_id', 'payload'])
          .expression((eb) =>
            eb
              .selectFrom(sql<{ key: string }>`unnest(${keys}::text[])`.as('key'))
              .select([
                sql<string>`${kind}::text`.as('kind'),
                sql<string>`${target}::text`.as('target'),
                'key.key',
                sql<unknown>`${json}::jsonb`.as('payload'),
              ]),
          )
          .returning('id'),
      )
      .selectNoFrom(sql<string>`pg_notify(${OUTBOX_CHANNEL}, ${kind})`.as('notified'))
      .execute();
  }

  /**
   * Leases up to `limit` available rows of these kinds plus every other pending row of the same
   * documents, skipping documents another relay holds. Claims are serialised by a transaction
   * advisory lock (they take milliseconds), so two relays can never lease rows of one document
   * at once, and a document's writes to Meilisearch therefore happen in commit order.
   */
  async claimBatch(kinds: string[], limit: number, leaseMs: number): Promise<ClaimedOutboxRow[]> {
    return this.transactions.run(async (manager) => {
      const db = typedQueries(manager);
      await sql`SELECT pg_advisory_xact_lock(hashtext('talentbridge.outbox.claim'))`.execute(db);
      const rows = await db
        .with('picked', (qb) =>
          qb
            .selectFrom('outbox as o')
            .select(['o.kind', 'o.target', 'o.document_id'])
            .where('o.processed_at', 'is', null)
            .where('o.failed_at', 'is', null)
            .where('o.kind', '=', anyText(kinds))
            .where('o.available_at', '<=', sql<Date>`now()`)
            .where((eb) =>
              eb.or([
                eb('o.locked_until', 'is', null),
                eb('o.locked_until', '<=', sql<Date>`now()`),
              ]),
            )
            .where((eb) =>
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('outbox as held')
                    .select(sql<number>`1`.as('one'))
                    .whereRef('held.kind', '=', 'o.kind')
                    .whereRef('held.target', '=', 'o.target')
                    .whereRef('held.document_id', '=', 'o.document_id')
                    .where('held.processed_at', 'is', null)
                    .where('held.failed_at', 'is', null)
                    .where('held.locked_until', '>', sql<Date>`now()`),
                ),
              ),
            )
            .orderBy('o.available_at')
            .orderBy('o.id')
            .limit(limit)
            .forUpdate()
            .skipLocked(),
        )
        .updateTable('outbox as u')
        .set({ locked_until: nowPlusMs(leaseMs) })
        .where('u.processed_at', 'is', null)
        .where('u.failed_at', 'is', null)
        .where((eb) =>
          eb.or([eb('u.locked_until', 'is', null), eb('u.locked_until', '<=', sql<Date>`now()`)]),
        )
        .where((eb) =>
          eb(
            eb.refTuple('u.kind', 'u.target', 'u.document_id'),
            'in',
            eb
              .selectFrom('picked')
              .select(['picked.kind', 'picked.target', 'picked.document_id'])
              .$asTuple('kind', 'target', 'document_id'),
          ),
        )
        .returning(['u.id', 'u.kind', 'u.target', 'u.document_id', 'u.payload', 'u.attempts'])
        .execute();
      return rows
        .map((r) => ({
          id: String(r.id),
          kind: r.kind,
          target: r.target,
          documentId: r.document_id,
          payload: r.payload,
          attempts: r.attempts,
        }))
        .sort((a, b) => Number(a.id) - Number(b.id));
    });
  }

  async markProcessed(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('outbox')
      .set({ processed_at: sql<Date>`now()`, locked_until: null })
      .where('id', '=', (eb) => eb.fn.any(eb.val(ids)))
      .execute();
  }

  /** Counts the failed attempt and releases the rows until the backoff delay has passed. */
  async scheduleRetry(retry: OutboxRetry): Promise<void> {
    if (retry.ids.length === 0) return;
    await this.db
      .updateTable('outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: retry.error.slice(0, 2000),
        locked_until: null,
        available_at: nowPlusMs(retry.delayMs),
      }))
      .where('id', '=', (eb) => eb.fn.any(eb.val(retry.ids)))
      .execute();
  }

  /**
   * Releases rows until `delayMs` has passed without counting an attempt (they are not failing,
   * only waiting for their turn, e.g. a recipient's hourly mail bound).
   */
  async postpone(ids: string[], delayMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('outbox')
      .set({ locked_until: null, available_at: nowPlusMs(delayMs) })
      .where('id', '=', (eb) => eb.fn.any(eb.val(ids)))
      .execute();
  }

  /** Dead-letters rows: they stay in the table with their reason, out of the relay's way. */
  async markFailed(ids: string[], error: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db
      .updateTable('outbox')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        last_error: error.slice(0, 2000),
        locked_until: null,
        failed_at: sql<Date>`now()`,
      }))
      .where('id', '=', (eb) => eb.fn.any(eb.val(ids)))
      .execute();
  }

  /** Deletes processed rows older than the retention; returns how many. */
  async deleteProcessedBefore(days: number): Promise<number> {
    const { numDeletedRows } = await this.db
      .deleteFrom('outbox')
      .where('processed_at', '<', sql<Date>`now() - make_interval(days => ${days})`)
      .executeTakeFirst();
    return Number(numDeletedRows);
  }

  /** The database clock (all outbox times are compared with it, never with this process's). */
  async databaseNow(): Promise<Date> {
    const { now } = await this.db
      .selectNoFrom(sql<Date>`clock_timestamp()`.as('now'))
      .executeTakeFirstOrThrow();
    return now;
  }

  /**
   * Documents of an index whose rows were processed at or after `since`, or are still pending
   * (possibly in a relay's hands right now): what a reindex that started at `since` may have
   * missed or may see overwritten in the old index.
   */
  async documentsTouchedSince(target: string, since: Date): Promise<string[]> {
    const rows = await this.db
      .selectFrom('outbox')
      .select('document_id')
      .distinct()
      .where('kind', '=', SEARCH_SYNC_KIND)
      .where('target', '=', target)
      .where((eb) =>
        eb.or([
          eb('processed_at', '>=', since),
          eb.and([eb('processed_at', 'is', null), eb('failed_at', 'is', null)]),
        ]),
      )
      .execute();
    return rows.map((r) => r.document_id);
  }
}
