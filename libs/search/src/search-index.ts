import type { Settings } from 'meilisearch';
import type { EntityManager } from 'typeorm';

/** Every document carries its id and the version of the row it was built from (drift check). */
export interface SearchDocument {
  id: string;
  /** Monotonic per row (e.g. the row's `version` or `updated_at` in ms); compared by drift checks. */
  _version: number;
  [field: string]: unknown;
}

/**
 * One Meilisearch index, declared by the domain lib that owns its rows. The pipeline (outbox
 * relay, reindex, drift check) works only through this interface.
 *
 * The outbox carries ids, not payloads: when a row changes, the relay asks `loadDocuments` for
 * the current documents of those ids. An id that comes back missing (deleted row, or a row that
 * must not be searchable, e.g. a private profile) is deleted from the index. Repeated changes to
 * one document therefore coalesce, and an old change can never overwrite a newer one.
 */
export interface SearchIndexDefinition<TDoc extends SearchDocument = SearchDocument> {
  /** Logical name, e.g. `skills`; the configured MEILI_INDEX_PREFIX is prepended at run time. */
  readonly name: string;
  /** Settings applied before any document; a change triggers a rebuild + swap. */
  readonly settings: Settings;
  /** Current documents for these ids; ids that must not be in the index are simply left out. */
  loadDocuments(manager: EntityManager, ids: string[]): Promise<TDoc[]>;
  /** One page of all indexable documents ordered by id, after `afterId` (reindex, drift check). */
  loadPage(manager: EntityManager, afterId: string | undefined, limit: number): Promise<TDoc[]>;
  /** Optional: how many documents `loadPage` will return in all (progress bars only). */
  countDocuments?(manager: EntityManager): Promise<number>;
}

/** Metadata key marking an injectable class as a {@link SearchIndexDefinition}. */
export const SEARCH_INDEX_METADATA = 'talentbridge:search-index';

/**
 * Marks a provider as a search index definition; the registry in @app/search discovers every
 * provider so marked when the application boots (no central list to keep in sync).
 */
export const RegisterSearchIndex = (): ClassDecorator => (target) => {
  Reflect.defineMetadata(SEARCH_INDEX_METADATA, true, target);
};
