import type { AuthUser, Role } from '@app/identity';
import type { SavedSearchKindName } from './saved-search-values.js';

/** A saved query: the query-string parameters of the underlying search, checked and normalised. */
export type SavedQuery = Record<string, string>;

/** One item an alert names. */
export interface AlertItem {
  id: string;
  title: string;
}

/** A due saved search, as the alerts job hands it to its kind. */
export interface ChangedSearch {
  role: Role;
  query: SavedQuery;
  /** Epoch milliseconds: items changed after this. */
  changedAfter: number;
}

/** The candidate items of one search, to be checked against what its owner may see now. */
export interface VisibilityCheck {
  role: Role;
  query: SavedQuery;
  ids: readonly string[];
}

/**
 * What a saved-search kind must do; one implementation per underlying search, so talent and
 * opportunities share the routes, the storage and the alerts job.
 */
export interface SavedSearchKind {
  readonly name: SavedSearchKindName;
  /** Roles that may save this kind. */
  readonly roles: readonly Role[];
  /**
   * The underlying search's own validation for this role: every bad value a 400 naming
   * `query.<parameter>`. Returns the query as stored (string values, as in a query string).
   */
  check(role: Role, raw: Record<string, unknown>): Promise<SavedQuery>;
  /** Runs it now for its owner: the underlying search's answer, page by page. */
  run(
    owner: AuthUser,
    query: SavedQuery,
    page: { limit?: string; cursor?: string },
  ): Promise<unknown>;
  /**
   * For many searches at once (batched in the engine): the items each finds that changed after
   * its `changedAfter`, oldest change first, at most `limit` per search.
   */
  findChanged(
    searches: readonly ChangedSearch[],
    limit: number,
  ): Promise<{ id: string; updatedAt: number }[][]>;
  /**
   * For many searches at once: the items among each one's `ids` its owner may see now (read from
   * PostgreSQL, not the index, in one query per distinct viewer role rather than per search) and
   * what an alert says of them; the others are left out. One answer per search, in order.
   */
  describeVisible(searches: readonly VisibilityCheck[]): Promise<AlertItem[][]>;
}

/** The query-string form of a JSON value: lists comma-joined, booleans and numbers as text. */
export function asQueryString(value: unknown): unknown {
  if (Array.isArray(value) && value.every((v) => ['string', 'number'].includes(typeof v))) {
    return value.join(',');
  }
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return value;
}
