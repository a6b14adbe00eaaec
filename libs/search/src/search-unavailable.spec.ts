import { describe, expect, it } from '@jest/globals';
import { MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';
import { DocumentsFetchError } from './documents-fetch.js';
import {
  SearchUnavailableError,
  isSearchEngineUnavailable,
  translateSearchUnavailable,
} from './search-unavailable.js';

describe('isSearchEngineUnavailable', () => {
  const refused = new MeilisearchRequestError(
    'http://10.0.0.7:7700/indexes/x/search',
    new TypeError('fetch failed'),
  );

  it('recognises the client failing to connect or timing out', () => {
    expect(isSearchEngineUnavailable(refused)).toBe(true);
    expect(isSearchEngineUnavailable(new MeilisearchRequestTimeOutError(10, {}))).toBe(true);
  });

  it('recognises the documents fetch without an answer, or with a 5xx or 429', () => {
    expect(isSearchEngineUnavailable(new DocumentsFetchError('request failed'))).toBe(true);
    expect(isSearchEngineUnavailable(new DocumentsFetchError('x', 503))).toBe(true);
    expect(isSearchEngineUnavailable(new DocumentsFetchError('x', 429))).toBe(true);
    expect(isSearchEngineUnavailable(new DocumentsFetchError('x', 400, 'invalid_filter'))).toBe(
      false,
    );
  });

  it('looks through wrapping errors, and ignores everything else', () => {
    expect(isSearchEngineUnavailable(new Error('ranking failed', { cause: refused }))).toBe(true);
    expect(isSearchEngineUnavailable(new Error('boom'))).toBe(false);
    expect(isSearchEngineUnavailable('fetch failed')).toBe(false);
  });
});

describe('translateSearchUnavailable', () => {
  it('gives one 503 with Retry-After and a detail that names no address', () => {
    const error = translateSearchUnavailable(
      new MeilisearchRequestError('http://10.0.0.7:7700/health', new TypeError('fetch failed')),
    );
    expect(error).toBeInstanceOf(SearchUnavailableError);
    expect(error).toMatchObject({ code: 'SEARCH_UNAVAILABLE', status: 503 });
    expect(error?.retryAfterSeconds).toBeGreaterThan(0);
    expect(error?.message).not.toMatch(/10\.0\.0\.7|7700|http/);
    expect(translateSearchUnavailable(new Error('boom'))).toBeUndefined();
  });
});
