import { ServiceUnavailableError } from '@app/http';
import { DocumentsFetchError } from './documents-fetch.js';
import { isSearchUnavailable } from './meili-tasks.js';

/** Seconds a client is asked to wait: the engine restarts within seconds (docs/operations.md). */
export const SEARCH_RETRY_AFTER_SECONDS = 5;

/** The search engine cannot answer (down, restarting, too slow): 503 with Retry-After. */
export class SearchUnavailableError extends ServiceUnavailableError {
  constructor() {
    super(
      'SEARCH_UNAVAILABLE',
      'Search is unavailable for a moment; try again shortly.',
      SEARCH_RETRY_AFTER_SECONDS,
    );
  }
}

/**
 * True when `error` (or an error it wraps) says the engine could not answer: no connection, a
 * timeout, a 5xx or 429, from the client or from the documents fetch. An answer about the
 * request itself (a bad filter, an unknown index) is not.
 */
export function isSearchEngineUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e instanceof DocumentsFetchError) {
      return e.status === undefined || e.status >= 500 || e.status === 429;
    }
    if (isSearchUnavailable(e)) return true;
  }
  return false;
}

/**
 * For the global problem+json filter: the engine being unreachable becomes one domain error
 * with a generic detail, whichever route and client call met it. The client's own messages
 * name the engine's URL; they are logged, never sent.
 */
export function translateSearchUnavailable(error: unknown): SearchUnavailableError | undefined {
  return isSearchEngineUnavailable(error) ? new SearchUnavailableError() : undefined;
}
