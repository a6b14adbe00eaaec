import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { MeilisearchApiError, Meilisearch, type Index } from 'meilisearch';
import { DataSource } from 'typeorm';
import { backoffDelayMs } from './backoff.js';
import {
  errorMessage,
  expectTaskSucceeded,
  isSearchUnavailable,
  TASK_TIMEOUT_MS,
} from './meili-tasks.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxWriter } from './outbox-writer.js';
import { SearchDocumentSync } from './search-document-sync.js';
import {
  SEARCH_INDEX_METADATA,
  type SearchDocument,
  type SearchIndexDefinition,
} from './search-index.js';
import { SearchIndexStateRepository } from './search-index-state.repository.js';
import { settingsHash } from './settings-hash.js';

export const REINDEX_PAGE_SIZE = 5_000;
const DRIFT_PAGE_SIZE = 1_000;

export interface ReindexProgress {
  index: string;
  indexed: number;
  /** Known only when the definition implements `countDocuments`. */
  total: number | undefined;
}

export interface ReindexResult {
  index: string;
  uid: string;
  /** Documents read from PostgreSQL page by page. */
  documents: number;
  /** Documents changed while the new index was being built, applied before the swap. */
  caughtUp: number;
}

export interface DriftReport {
  index: string;
  /** Documents PostgreSQL says should be searchable. */
  expected: number;
  /** Documents found in Meilisearch. */
  indexed: number;
  missing: number;
  stale: number;
  extra: number;
  /** Ids written or deleted by the repair (0 without `repair`). */
  repaired: number;
}

/**
 * Knows every {@link SearchIndexDefinition} (discovered through `@RegisterSearchIndex()`), the
 * runtime uid of each (`MEILI_INDEX_PREFIX` + name), and keeps the indexes in Meilisearch
 * matching their declarations: created and filled when missing, rebuilt and swapped when their
 * settings change, fully rebuilt on demand, and compared with PostgreSQL by the drift check.
 */
@Injectable()
export class SearchIndexRegistry
  implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger('SearchIndexRegistry');
  private readonly byName = new Map<string, SearchIndexDefinition>();
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly meili: Meilisearch,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly state: SearchIndexStateRepository,
    private readonly outbox: OutboxRepository,
    private readonly outboxWriter: OutboxWriter,
    private readonly documentSync: SearchDocumentSync,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const { metatype, instance } = wrapper;
      if (typeof metatype !== 'function' || instance === undefined || instance === null) continue;
      if (Reflect.getMetadata(SEARCH_INDEX_METADATA, metatype) !== true) continue;
      this.register(instance as SearchIndexDefinition);
    }
  }

  /**
   * Brings every index up to date before the process serves or relays. When Meilisearch is
   * unreachable the process still starts and keeps trying in the background.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.ensureIndexesOrRetry(1);
  }

  onApplicationShutdown(): void {
    clearTimeout(this.retryTimer);
  }

  register(definition: SearchIndexDefinition): void {
    if (!/^[A-Za-z0-9_-]+$/.test(definition.name)) {
      throw new Error(`Search index name "${definition.name}" may only contain [A-Za-z0-9_-]`);
    }
    const known = this.byName.get(definition.name);
    if (known !== undefined && known !== definition) {
      throw new Error(`Two search index definitions are named "${definition.name}"`);
    }
    this.byName.set(definition.name, definition);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  find(name: string): SearchIndexDefinition | undefined {
    return this.byName.get(name);
  }

  get(name: string): SearchIndexDefinition {
    const definition = this.byName.get(name);
    if (definition === undefined) {
      throw new Error(
        `No search index named "${name}" (known: ${this.names().join(', ') || 'none'})`,
      );
    }
    return definition;
  }

  /** The Meilisearch uid of an index in this environment. */
  uidOf(name: string): string {
    return `${this.config.meiliIndexPrefix}${name}`;
  }

  /** Creates and fills missing indexes; rebuilds those whose declared settings changed. */
  async ensureIndexes(): Promise<Record<string, 'unchanged' | 'built'>> {
    const result: Record<string, 'unchanged' | 'built'> = {};
    for (const name of this.names()) {
      const definition = this.get(name);
      const uid = this.uidOf(name);
      result[name] = await this.state.withLock(`search-index:${uid}`, async () => {
        const hash = settingsHash(definition.settings);
        if ((await this.indexExists(uid)) && (await this.state.findSettingsHash(uid)) === hash) {
          return 'unchanged';
        }
        const built = await this.rebuild(definition);
        this.logger.log(`Built search index ${uid} (${built.documents} documents)`);
        return 'built';
      });
    }
    return result;
  }

  /** Rebuilds an index from PostgreSQL into a fresh index and swaps it in. */
  async reindex(
    name: string,
    onProgress?: (progress: ReindexProgress) => void | Promise<void>,
  ): Promise<ReindexResult> {
    const definition = this.get(name);
    return this.state.withLock(`search-index:${this.uidOf(name)}`, () =>
      this.rebuild(definition, onProgress),
    );
  }

  /**
   * Compares ids and `_version`s in PostgreSQL and Meilisearch. With `repair`, missing and stale
   * documents are re-read and upserted, extra ones deleted (each id is re-read first, so a
   * document created during the check is written, not deleted).
   */
  async checkDrift(name: string, options: { repair?: boolean } = {}): Promise<DriftReport> {
    const definition = this.get(name);
    const uid = this.uidOf(name);
    const expected = new Map<string, number>();
    for await (const page of this.pages(definition, DRIFT_PAGE_SIZE)) {
      for (const doc of page) expected.set(doc.id, doc._version);
    }
    const indexed = await this.indexedVersions(this.meili.index<SearchDocument>(uid));
    const missing: string[] = [];
    const stale: string[] = [];
    for (const [id, version] of expected) {
      const found = indexed.get(id);
      if (found === undefined) missing.push(id);
      else if (found !== version) stale.push(id);
    }
    const extra = [...indexed.keys()].filter((id) => !expected.has(id));
    let repaired = 0;
    const toRepair = [...missing, ...stale, ...extra];
    if (options.repair === true && toRepair.length > 0) {
      for (let i = 0; i < toRepair.length; i += DRIFT_PAGE_SIZE) {
        const outcomes = await this.documentSync.sync(
          definition,
          uid,
          toRepair.slice(i, i + DRIFT_PAGE_SIZE),
          TASK_TIMEOUT_MS.bulk,
        );
        for (const outcome of outcomes.values()) {
          if (!outcome.ok) throw new Error(`Drift repair of ${uid} failed: ${outcome.error}`);
          repaired += 1;
        }
      }
    }
    return {
      index: name,
      expected: expected.size,
      indexed: indexed.size,
      missing: missing.length,
      stale: stale.length,
      extra: extra.length,
      repaired,
    };
  }

  private async ensureIndexesOrRetry(attempt: number): Promise<void> {
    try {
      await this.ensureIndexes();
    } catch (error) {
      if (!isSearchUnavailable(error)) throw error;
      const delay = backoffDelayMs(attempt);
      this.logger.warn(
        `Meilisearch unreachable while preparing indexes (${errorMessage(error)}); retrying in ${delay} ms`,
      );
      this.retryTimer = setTimeout(() => void this.ensureIndexesOrRetry(attempt + 1), delay);
      this.retryTimer.unref();
    }
  }

  /**
   * Settings first, then every document page by page into `<uid>_next`; documents changed
   * meanwhile are re-read into it; then one swap task exchanges it with the live index, so
   * searches see either the old or the new index, never an empty or half-built one.
   */
  private async rebuild(
    definition: SearchIndexDefinition,
    onProgress?: (progress: ReindexProgress) => void | Promise<void>,
  ): Promise<ReindexResult> {
    const uid = this.uidOf(definition.name);
    const nextUid = `${uid}_next`;
    const startedAt = await this.outbox.databaseNow();
    const bulk = TASK_TIMEOUT_MS.bulk;

    await this.meili.deleteIndexIfExists(nextUid);
    await expectTaskSucceeded(this.meili.createIndex(nextUid, { primaryKey: 'id' }), bulk);
    const next = this.meili.index<SearchDocument>(nextUid);
    await expectTaskSucceeded(next.updateSettings(definition.settings), bulk);

    const total = await definition.countDocuments?.(this.dataSource.manager);
    let indexed = 0;
    await onProgress?.({ index: definition.name, indexed, total });
    let pending: Promise<void> | undefined;
    for await (const page of this.pages(definition, REINDEX_PAGE_SIZE)) {
      await pending; // the next page was loaded while Meilisearch indexed the previous one
      pending = expectTaskSucceeded(next.addDocuments(page, { primaryKey: 'id' }), bulk).then(
        async () => {
          indexed += page.length;
          await onProgress?.({ index: definition.name, indexed, total });
        },
      );
      pending.catch(() => undefined); // awaited above; this only keeps it from being "unhandled"
    }
    await pending;

    // The relay kept writing to the live (old) index while we read pages: re-read every
    // document it touched since we started, or still holds, into the new index.
    const touched = await this.outbox.documentsTouchedSince(definition.name, startedAt);
    for (let i = 0; i < touched.length; i += REINDEX_PAGE_SIZE) {
      const outcomes = await this.documentSync.sync(
        definition,
        nextUid,
        touched.slice(i, i + REINDEX_PAGE_SIZE),
        bulk,
      );
      const failure = [...outcomes.values()].find((o) => !o.ok);
      if (failure !== undefined && !failure.ok) {
        throw new Error(`Catching up ${nextUid} failed: ${failure.error}`);
      }
    }

    const live = await this.indexExists(uid);
    await expectTaskSucceeded(
      this.meili.swapIndexes([{ indexes: [nextUid, uid], rename: !live }]),
      bulk,
    );
    if (live) await expectTaskSucceeded(this.meili.deleteIndex(nextUid), bulk);

    // A relay may have written a document to the old index between our catch-up and the swap,
    // or may write one it loaded before the catch-up: asking it to re-read everything touched
    // since the start (queued behind any lease it holds) restores the newest state.
    const afterSwap = await this.outbox.documentsTouchedSince(definition.name, startedAt);
    if (afterSwap.length > 0) {
      await this.outboxWriter.enqueueSearchSync(
        this.dataSource.manager,
        definition.name,
        afterSwap,
      );
    }
    await this.state.recordBuild(uid, settingsHash(definition.settings), indexed);
    return { index: definition.name, uid, documents: indexed, caughtUp: touched.length };
  }

  private async *pages(
    definition: SearchIndexDefinition,
    size: number,
  ): AsyncGenerator<SearchDocument[]> {
    let afterId: string | undefined;
    for (;;) {
      const page = await definition.loadPage(this.dataSource.manager, afterId, size);
      if (page.length === 0) return;
      yield page;
      if (page.length < size) return;
      afterId = page[page.length - 1].id;
    }
  }

  private async indexedVersions(index: Index<SearchDocument>): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    try {
      for (let offset = 0; ; offset += DRIFT_PAGE_SIZE) {
        const page = await index.getDocuments<SearchDocument>({
          fields: ['id', '_version'],
          limit: DRIFT_PAGE_SIZE,
          offset,
        });
        for (const doc of page.results) versions.set(String(doc.id), Number(doc._version));
        if (page.results.length < DRIFT_PAGE_SIZE) return versions;
      }
    } catch (error) {
      if (isApiNotFound(error)) return versions;
      throw error;
    }
  }

  private async indexExists(uid: string): Promise<boolean> {
    try {
      await this.meili.getRawIndex(uid);
      return true;
    } catch (error) {
      if (isApiNotFound(error)) return false;
      throw error;
    }
  }
}

function isApiNotFound(error: unknown): boolean {
  return error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found';
}
