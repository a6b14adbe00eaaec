import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Meilisearch, type EnqueuedTaskPromise, type Index } from 'meilisearch';
import { DataSource } from 'typeorm';
import {
  errorMessage,
  expectTaskSucceeded,
  isIndexNotFound,
  isSearchUnavailable,
  TASK_TIMEOUT_MS,
  taskPollMs,
} from './meili-tasks.js';
import type { SearchDocument, SearchIndexDefinition } from './search-index.js';

/** What happened to one document id. `unavailable` failures never count towards dead-lettering. */
export type DocumentOutcome =
  { ok: true; action: 'upserted' | 'deleted' } | { ok: false; unavailable: boolean; error: string };

/**
 * Makes Meilisearch agree with PostgreSQL for a set of ids: loads their current documents once,
 * upserts those that exist and deletes those that do not. Used by the relay, the reindex
 * catch-up and the drift repair alike.
 */
@Injectable()
export class SearchDocumentSync {
  constructor(
    private readonly meili: Meilisearch,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * `timeout` bounds the whole sync: every task it waits for (the upsert, its halves if a
   * document fails, the delete) gets what is left of it, so a caller holding a lease can give
   * the engine all of its time and know the sync ends before the lease does.
   */
  async sync(
    definition: SearchIndexDefinition,
    uid: string,
    ids: string[],
    timeout: number = TASK_TIMEOUT_MS.relay,
  ): Promise<Map<string, DocumentOutcome>> {
    const until = performance.now() + timeout;
    const pace = taskPollMs(timeout);
    const wait = (task: EnqueuedTaskPromise) =>
      expectTaskSucceeded(task, remainingWait(until), pace);
    const outcomes = new Map<string, DocumentOutcome>();
    const wanted = new Set(ids);
    let documents: SearchDocument[];
    try {
      documents = (await definition.loadDocuments(this.dataSource.manager, [...wanted])).filter(
        (d) => wanted.has(d.id),
      );
    } catch (error) {
      const failure = {
        ok: false as const,
        unavailable: false,
        error: `load: ${errorMessage(error)}`,
      };
      for (const id of wanted) outcomes.set(id, failure);
      return outcomes;
    }
    const present = new Set(documents.map((d) => d.id));
    const missing = [...wanted].filter((id) => !present.has(id));
    const index = this.meili.index<SearchDocument>(uid);

    if (documents.length > 0) await this.upsert(index, documents, wait, outcomes);
    if (missing.length > 0) {
      const failure = await this.attempt(
        () => wait(index.deleteDocuments(missing)),
        isIndexNotFound,
      );
      for (const id of missing) outcomes.set(id, failure ?? { ok: true, action: 'deleted' });
    }
    return outcomes;
  }

  /**
   * One task for all documents; when it fails for a document-level reason, the halves are sent
   * apart (recursively), so a few bad documents cost a few extra tasks and hold back no others.
   */
  private async upsert(
    index: Index<SearchDocument>,
    documents: SearchDocument[],
    wait: (task: EnqueuedTaskPromise) => Promise<unknown>,
    outcomes: Map<string, DocumentOutcome>,
  ): Promise<void> {
    const failure = await this.attempt(() =>
      wait(index.addDocuments(documents, { primaryKey: 'id' })),
    );
    if (failure === undefined) {
      for (const d of documents) outcomes.set(d.id, { ok: true, action: 'upserted' });
    } else if (failure.unavailable || documents.length === 1) {
      for (const d of documents) outcomes.set(d.id, failure);
    } else {
      const half = Math.ceil(documents.length / 2);
      await this.upsert(index, documents.slice(0, half), wait, outcomes);
      await this.upsert(index, documents.slice(half), wait, outcomes);
    }
  }

  private async attempt(
    work: () => Promise<unknown>,
    harmless: (error: unknown) => boolean = () => false,
  ): Promise<Extract<DocumentOutcome, { ok: false }> | undefined> {
    try {
      await work();
      return undefined;
    } catch (error) {
      if (harmless(error)) return undefined;
      return { ok: false, unavailable: isSearchUnavailable(error), error: errorMessage(error) };
    }
  }
}

/** The shortest wait a task still gets once a sync's time is spent: one status request. */
export const LAST_TASK_WAIT_MS = 1_000;

/** What is left until `until` (a `performance.now()` time) for one more task wait. */
export function remainingWait(until: number, now = performance.now()): number {
  return Math.max(LAST_TASK_WAIT_MS, Math.round(until - now));
}
