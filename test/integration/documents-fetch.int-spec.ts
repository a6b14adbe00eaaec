import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DocumentsFetchError, DocumentsFetcher, expectTaskSucceeded } from '@app/search';
import type { Meilisearch } from 'meilisearch';
import { testMeili } from '../support/test-context.js';

// Real servers on a shared machine: Meilisearch tasks can queue for seconds under load.
jest.setTimeout(120_000);

interface Person {
  id: string;
  name: string;
  country: string;
  level: number;
  skills: string[];
  _geo: { lat: number; lng: number };
}

const COUNTRIES = ['AL', 'BA', 'XK', 'ME', 'MK', 'RS'];
const NAMES = ['Đorđe', 'Šćepan', 'Љубица', 'Ëndrit', 'Žana', 'Ćamil'];

/**
 * The lean documents fetch matching reads with, against the real engine: it must return exactly
 * what the `meilisearch` client returns for the same query, and pass on the engine's refusals.
 */
describe('DocumentsFetcher on Meilisearch', () => {
  const uid = `docfetch_${process.pid}`;
  let meili: Meilisearch;
  let fetcher: DocumentsFetcher;

  beforeAll(async () => {
    meili = testMeili();
    fetcher = new DocumentsFetcher({
      meiliHost: process.env.MEILI_HOST,
      meiliMasterKey: process.env.MEILI_MASTER_KEY,
    });
    await expectTaskSucceeded(meili.createIndex(uid, { primaryKey: 'id' }), 120_000);
    await expectTaskSucceeded(
      meili.index(uid).updateFilterableAttributes(['country', 'level', 'skills', '_geo']),
      120_000,
    );
    const people: Person[] = Array.from({ length: 240 }, (_, i) => ({
      id: `p${String(i).padStart(4, '0')}`,
      name: `${NAMES[i % NAMES.length]} ${i}`,
      country: COUNTRIES[i % COUNTRIES.length],
      level: i % 5,
      skills: [`s${i % 7}`, `s${i % 11}`],
      _geo: { lat: 41 + (i % 30) / 10, lng: 19 + (i % 40) / 10 },
    }));
    await expectTaskSucceeded(meili.index(uid).addDocuments(people), 120_000);
  });

  afterAll(async () => {
    fetcher.close();
    await meili.deleteIndex(uid).waitTask();
  });

  it.each([
    ['a filter with lists and numbers', 'country IN ["RS", "BA"] AND level >= 2', 0, 1000],
    ['an array attribute', 'skills = "s3"', 0, 1000],
    ['a page past the first', 'level < 4', 50, 40],
    ['a radius', '_geoRadius(42.0, 20.0, 150000)', 0, 1000],
  ])('returns what the client returns for %s', async (_case, filter, offset, limit) => {
    const fields: (keyof Person)[] = ['id', 'name', 'country', 'skills', '_geo'];
    const ours = await fetcher.fetchPage<Person>(uid, { filter, fields, offset, limit });
    const theirs = await meili.index<Person>(uid).getDocuments({ filter, fields, offset, limit });
    expect(ours.total).toBe(theirs.total);
    expect(ours.results).toEqual(theirs.results);
    expect(ours.results.length).toBeGreaterThan(0);
    // names in both scripts arrive intact
    expect(ours.results.some((p) => /[ĐŠЉËŽĆ]/u.test(p.name))).toBe(true);
  });

  it('passes on the engine refusing a filter on an attribute that is not filterable', async () => {
    const error = await fetcher
      .fetchPage(uid, { filter: 'name = "x"', fields: ['id'], offset: 0, limit: 10 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentsFetchError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_document_filter' });
    expect((error as Error).message).toMatch(/name/);
  });

  it('names an index that does not exist', async () => {
    const error = await fetcher
      .fetchPage(`${uid}_missing`, { filter: 'level = 1', fields: ['id'], offset: 0, limit: 10 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, code: 'index_not_found' });
  });
});
