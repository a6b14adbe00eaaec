import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

/** Outbox kind of a "re-read these documents and sync them to their index" row. */
export const SEARCH_SYNC_KIND = 'search.sync';

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

interface ClaimedRowRecord {
  id: string;
  kind: string;
  target: string;
  document_id: string;
  payload: unknown;
  attempts: number;
}

/** Every statement on the `outbox` table. */
@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertRows(
    manager: EntityManager,
    kind: string,
    target: string,
    keys: string[],
    payload: unknown = null,
  ): Promise<void> {
    if (keys.length === 0) return;
    await manager.query(
      `INSERT INTO outbox (kind, target, document_id, payload)
       SELECT $1, $2, key, $4::jsonb FROM unnest($3::text[]) AS key`,
      [kind, target, keys, payload === null ? null : JSON.stringify(payload)],
    );
    // Delivered at commit only, so a relay never wakes up before the rows are visible.
    await manager.query(`SELECT pg_notify('outbox', $1)`, [kind]);
  }

  /**
   * Leases up to `limit` available rows of these kinds plus every other pending row of the same
   * documents, skipping documents another relay holds. Claims are serialised by a transaction
   * advisory lock (they take milliseconds), so two relays can never lease rows of one document
   * at once, and a document's writes to Meilisearch therefore happen in commit order.
   */
  async claimBatch(kinds: string[], limit: number, leaseMs: number): Promise<ClaimedOutboxRow[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('talentbridge.outbox.claim'))`);
      const rows = (await manager.query(
        `WITH picked AS (
           SELECT o.kind, o.target, o.document_id
             FROM outbox o
            WHERE o.processed_at IS NULL AND o.failed_at IS NULL
              AND o.kind = ANY($1::text[])
              AND o.available_at <= now()
              AND (o.locked_until IS NULL OR o.locked_until <= now())
              AND NOT EXISTS (
                SELECT 1 FROM outbox held
                 WHERE held.kind = o.kind AND held.target = o.target
                   AND held.document_id = o.document_id
                   AND held.processed_at IS NULL AND held.failed_at IS NULL
                   AND held.locked_until > now())
            ORDER BY o.available_at, o.id
            LIMIT $2
            FOR UPDATE SKIP LOCKED
         )
         UPDATE outbox u
            SET locked_until = now() + make_interval(secs => $3::double precision / 1000)
          WHERE u.processed_at IS NULL AND u.failed_at IS NULL
            AND (u.locked_until IS NULL OR u.locked_until <= now())
            AND (u.kind, u.target, u.document_id) IN (SELECT kind, target, document_id FROM picked)
        RETURNING u.id, u.kind, u.target, u.document_id, u.payload, u.attempts`,
        [kinds, limit, leaseMs],
      )) as [ClaimedRowRecord[], number] | ClaimedRowRecord[];
      const records = isUpdateResult(rows) ? rows[0] : rows;
      return records
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
    await this.dataSource.query(
      `UPDATE outbox SET processed_at = now(), locked_until = NULL WHERE id = ANY($1::bigint[])`,
      [ids],
    );
  }

  /** Counts the failed attempt and releases the rows until the backoff delay has passed. */
  async scheduleRetry(retry: OutboxRetry): Promise<void> {
    if (retry.ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE outbox
          SET attempts = attempts + 1, last_error = $2, locked_until = NULL,
              available_at = now() + make_interval(secs => $3::double precision / 1000)
        WHERE id = ANY($1::bigint[])`,
      [retry.ids, retry.error.slice(0, 2000), retry.delayMs],
    );
  }

  /**
   * Releases rows until `delayMs` has passed without counting an attempt (they are not failing,
   * only waiting for their turn, e.g. a recipient's hourly mail bound).
   */
  async postpone(ids: string[], delayMs: number): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE outbox
          SET locked_until = NULL,
              available_at = now() + make_interval(secs => $2::double precision / 1000)
        WHERE id = ANY($1::bigint[])`,
      [ids, delayMs],
    );
  }

  /** Dead-letters rows: they stay in the table with their reason, out of the relay's way. */
  async markFailed(ids: string[], error: string): Promise<void> {
    if (ids.length === 0) return;
    await this.dataSource.query(
      `UPDATE outbox
          SET attempts = attempts + 1, last_error = $2, locked_until = NULL, failed_at = now()
        WHERE id = ANY($1::bigint[])`,
      [ids, error.slice(0, 2000)],
    );
  }

  /** Deletes processed rows older than the retention; returns how many. */
  async deleteProcessedBefore(days: number): Promise<number> {
    const result = (await this.dataSource.query(
      `DELETE FROM outbox WHERE processed_at < now() - make_interval(days => $1)`,
      [days],
    )) as [unknown[], number];
    return result[1];
  }

  /** The database clock (all outbox times are compared with it, never with this process's). */
  async databaseNow(): Promise<Date> {
    const [row] = (await this.dataSource.query(`SELECT clock_timestamp() AS now`)) as {
      now: Date;
    }[];
    return row.now;
  }

  /**
   * Documents of an index whose rows were processed at or after `since`, or are still pending
   * (possibly in a relay's hands right now): what a reindex that started at `since` may have
   * missed or may see overwritten in the old index.
   */
  async documentsTouchedSince(target: string, since: Date): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT document_id FROM outbox
        WHERE kind = $1 AND target = $2
          AND (processed_at >= $3 OR (processed_at IS NULL AND failed_at IS NULL))`,
      [SEARCH_SYNC_KIND, target, since],
    )) as { document_id: string }[];
    return rows.map((r) => r.document_id);
  }
}

function isUpdateResult<T>(value: [T[], number] | T[]): value is [T[], number] {
  return value.length === 2 && Array.isArray(value[0]) && typeof value[1] === 'number';
}
