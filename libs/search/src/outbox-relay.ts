import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { backoffDelayMs } from './backoff.js';
import { coalesceRows, type DocumentWork } from './coalesce.js';
import { OutboxDrainLoop, type DrainLoopOptions } from './outbox-drain.js';
import { OutboxRepository, SEARCH_SYNC_KIND, type ClaimedOutboxRow } from './outbox.repository.js';
import { SearchDocumentSync, remainingWait, type DocumentOutcome } from './search-document-sync.js';
import { RelayStats, type RelayStatsSummary } from './relay-stats.js';
import { SearchIndexRegistry } from './search-index.registry.js';

export interface RelayCounts {
  /** Outbox rows marked processed. */
  processed: number;
  /** Outbox rows dead-lettered (`failed_at` set). */
  failed: number;
}

interface BatchResult extends RelayCounts {
  claimed: number;
  retried: number;
}

/** How long claimed rows stay this relay's: other relays skip them until then. */
export const LEASE_MS = 120_000;
/**
 * How long one pass may wait for the engine's tasks in all, well inside the lease. A slow task is
 * waited for, not sent again: the engine runs tasks in order, so a second copy would only queue
 * behind the first and add to the work of an engine that is already behind.
 */
export const PASS_TASK_WAIT_MS = LEASE_MS - 20_000;
const PURGE_EVERY_MS = 10 * 60_000;

/**
 * Moves outbox rows to Meilisearch: claims a batch, loads each document once, upserts or deletes
 * it, checks every task, and marks rows processed, delayed (backoff) or dead-lettered. Several
 * relays may run at once (api tests, many workers): claims lease whole documents.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly stats = new RelayStats();
  private lastPurge = 0;
  private readonly loop = new OutboxDrainLoop<keyof RelayCounts>({
    label: 'Outbox relay',
    logger: this.logger,
    counts: ['processed', 'failed'],
    idleMs: 250,
    pass: () => this.processBatch(),
    beforePass: () => this.purgeProcessed(),
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly registry: SearchIndexRegistry,
    private readonly documentSync: SearchDocumentSync,
  ) {}

  /** Processes batches until no row is available now (delayed rows stay for later). */
  drain(): Promise<RelayCounts> {
    return this.loop.drain();
  }

  /** Relays until `signal` aborts; the batch in hand is finished first. */
  runLoop(signal: AbortSignal, options: DrainLoopOptions = {}): Promise<void> {
    return this.loop.run(signal, options);
  }

  /** Deletes processed rows past their retention, at most every ten minutes. */
  private async purgeProcessed(): Promise<void> {
    if (Date.now() - this.lastPurge <= PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    const purged = await this.outbox.deleteProcessedBefore(this.config.outboxRetentionDays);
    if (purged > 0) this.logger.log(`Deleted ${purged} processed outbox rows`);
  }

  /** One claim-and-process pass. */
  async processBatch(): Promise<BatchResult> {
    const started = performance.now();
    const rows = await this.outbox.claimBatch(
      [SEARCH_SYNC_KIND],
      this.config.outboxBatchSize,
      LEASE_MS,
    );
    const result: BatchResult = { claimed: rows.length, processed: 0, failed: 0, retried: 0 };
    let documentCount = 0;
    const waitUntil = started + PASS_TASK_WAIT_MS;
    for (const [target, documents] of coalesceRows(rows)) {
      documentCount += documents.length;
      const outcomes = await this.syncTarget(target, documents, remainingWait(waitUntil));
      const counts = await this.settle(documents, outcomes);
      result.processed += counts.processed;
      result.failed += counts.failed;
      result.retried += counts.retried;
    }
    this.stats.record({
      ...result,
      documents: documentCount,
      ms: performance.now() - started,
    });
    return result;
  }

  /** This relay's passes since it started: rows, documents and rows per pass (batch sizes). */
  statsSummary(): RelayStatsSummary {
    return this.stats.summary();
  }

  private async syncTarget(
    target: string,
    documents: DocumentWork<ClaimedOutboxRow>[],
    timeout: number,
  ): Promise<Map<string, DocumentOutcome>> {
    const definition = this.registry.find(target);
    if (definition === undefined) {
      const failure: DocumentOutcome = {
        ok: false,
        unavailable: false,
        error: `no search index definition named "${target}" in this process`,
      };
      return new Map(documents.map((d) => [d.documentId, failure]));
    }
    return this.documentSync.sync(
      definition,
      this.registry.uidOf(target),
      documents.map((d) => d.documentId),
      timeout,
    );
  }

  private async settle(
    documents: DocumentWork<ClaimedOutboxRow>[],
    outcomes: Map<string, DocumentOutcome>,
  ): Promise<Omit<BatchResult, 'claimed'>> {
    const done: string[] = [];
    const dead = new Map<string, string[]>();
    const retries = new Map<string, { ids: string[]; delayMs: number; error: string }>();
    for (const work of documents) {
      const outcome = outcomes.get(work.documentId) ?? {
        ok: false as const,
        unavailable: false,
        error: 'no outcome',
      };
      const ids = work.rows.map((r) => r.id);
      if (outcome.ok) {
        done.push(...ids);
        continue;
      }
      const attempts = work.attempts + 1;
      if (!outcome.unavailable && attempts >= this.config.outboxMaxAttempts) {
        dead.set(outcome.error, [...(dead.get(outcome.error) ?? []), ...ids]);
        continue;
      }
      const error = outcome.unavailable ? `search unavailable: ${outcome.error}` : outcome.error;
      const delayMs = backoffDelayMs(attempts);
      retries.set(work.documentId, { ids, delayMs, error });
    }
    await this.outbox.markProcessed(done);
    for (const [error, ids] of dead) {
      this.logger.error(`Dead-lettered ${ids.length} outbox rows: ${error}`);
      await this.outbox.markFailed(ids, error);
    }
    for (const retry of retries.values()) await this.outbox.scheduleRetry(retry);
    if (retries.size > 0) {
      const sample = retries.values().next().value;
      this.logger.warn(`${retries.size} documents will be retried: ${sample?.error}`);
    }
    return {
      processed: done.length,
      failed: [...dead.values()].reduce((n, ids) => n + ids.length, 0),
      retried: [...retries.values()].reduce((n, r) => n + r.ids.length, 0),
    };
  }
}
