import { OPPORTUNITIES_INDEX } from '@app/opportunities';
import { PROFILES_INDEX } from '@app/profiles';
import { DocumentsFetcher, SearchIndexRegistry, type FilterExpression } from '@app/search';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  OPPORTUNITY_MATCH_FIELDS,
  PROFILE_MATCH_FIELDS,
  type OpportunityMatchDocument,
  type ProfileMatchDocument,
} from './match-documents.js';
import type { ConsentedInclusion } from './match-types.js';

/** Documents per fetch: large pages keep round trips few; pages after the first run in parallel. */
export const FETCH_PAGE_SIZE = 5_000;
const PARALLEL_PAGES = 4;

/**
 * Every document of a paged documents fetch: the first page says how many there are, the rest
 * are asked for {@link PARALLEL_PAGES} at a time, each `FETCH_PAGE_SIZE` long.
 */
export async function fetchEveryPage<T>(
  page: (offset: number) => Promise<{ results: T[]; total: number }>,
): Promise<T[]> {
  const first = await page(0);
  const out = first.results;
  const offsets: number[] = [];
  for (let o = FETCH_PAGE_SIZE; o < first.total; o += FETCH_PAGE_SIZE) offsets.push(o);
  for (let i = 0; i < offsets.length; i += PARALLEL_PAGES) {
    const pages = await Promise.all(offsets.slice(i, i + PARALLEL_PAGES).map(page));
    for (const p of pages) out.push(...p.results);
  }
  return out;
}

/**
 * Reads for matching: every eligible document from Meilisearch (the documents-fetch API with a
 * filter, which `maxTotalHits` does not bound, so the eligible set is never cut short), and the
 * few facts kept only in PostgreSQL (consented inclusion data, which is never indexed).
 */
@Injectable()
export class MatchingRepository {
  constructor(
    private readonly documents: DocumentsFetcher,
    private readonly indexes: SearchIndexRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Every profile document passing the filter, with only the fields scoring needs. */
  fetchEligibleProfiles(filter: FilterExpression): Promise<ProfileMatchDocument[]> {
    return this.fetchAll<ProfileMatchDocument>(
      this.indexes.uidOf(PROFILES_INDEX),
      filter,
      PROFILE_MATCH_FIELDS,
    );
  }

  /** Every open opportunity document passing the filter. */
  fetchEligibleOpportunities(filter: FilterExpression): Promise<OpportunityMatchDocument[]> {
    return this.fetchAll<OpportunityMatchDocument>(
      this.indexes.uidOf(OPPORTUNITIES_INDEX),
      filter,
      OPPORTUNITY_MATCH_FIELDS,
    );
  }

  private fetchAll<T>(
    uid: string,
    filter: FilterExpression,
    fields: readonly string[],
  ): Promise<T[]> {
    const text = filter.toString();
    return fetchEveryPage((offset) =>
      this.documents.fetchPage<T>(uid, { filter: text, fields, limit: FETCH_PAGE_SIZE, offset }),
    );
  }

  /**
   * Inclusion facts of these profiles, only where the person consented (the table holds
   * nothing else: withdrawing consent deletes the row). Read only for programmes with priorities.
   */
  async findConsentedInclusion(profileIds: string[]): Promise<Map<string, ConsentedInclusion>> {
    if (profileIds.length === 0) return new Map();
    const rows: {
      profile_id: string;
      sex: string | null;
      birth_year: number | null;
      groups: string[];
    }[] = await this.dataSource.query(
      `SELECT profile_id, sex, birth_year, groups FROM profile_inclusion
          WHERE profile_id = ANY($1::uuid[])`,
      [profileIds],
    );
    return new Map(
      rows.map((r) => [
        r.profile_id,
        {
          ...(r.sex === null ? {} : { sex: r.sex as ConsentedInclusion['sex'] }),
          ...(r.birth_year === null ? {} : { birthYear: r.birth_year }),
          groups: r.groups,
        },
      ]),
    );
  }

  /** Of these opportunity ids, the ones PostgreSQL says are open with a deadline ahead. */
  async findStillOpen(ids: string[], now: Date): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM opportunities
        WHERE id = ANY($1::uuid[]) AND status = 'open' AND (deadline IS NULL OR deadline > $2)`,
      [ids, now],
    );
    return new Set(rows.map((r) => r.id));
  }
}
