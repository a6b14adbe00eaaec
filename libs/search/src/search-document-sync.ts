import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Meilisearch, type Index } from 'meilisearch';
import { DataSource } from 'typeorm';
import {
  errorMessage,
  expectTaskSucceeded,
  isIndexNotFound,
  isSearchUnavailable,
  TASK_TIMEOUT_MS,
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

  async sync(
    definition: SearchIndexDefinition,
    uid: string,
    ids: string[],
    timeout: number = TASK_TIMEOUT_MS.relay,
  ): Promise<Map<string, DocumentOutcome>> {
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

    if (documents.length > 0) await this.upsert(index, documents, timeout, outcomes);
    if (missing.length > 0) {
      const failure = await this.attempt(
        () => expectTaskSucceeded(index.deleteDocuments(missing), timeout),
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
    timeout: number,
    outcomes: Map<string, DocumentOutcome>,
  ): Promise<void> {
    const failure = await this.attempt(() =>
      expectTaskSucceeded(index.addDocuments(documents, { primaryKey: 'id' }), timeout),
    );
    if (failure === undefined) {
      for (const d of documents) outcomes.set(d.id, { ok: true, action: 'upserted' });
    } else if (failure.unavailable || documents.length === 1) {
      for (const d of documents) outcomes.set(d.id, failure);
    } else {
      const half = Math.ceil(documents.length / 2);
      await this.upsert(index, documents.slice(0, half), timeout, outcomes);
      await this.upsert(index, documents.slice(half), timeout, outcomes);
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
