import {
  OPPORTUNITIES_INDEX,
  OPPORTUNITY_MATCH_FIELDS,
  OpenOpportunities,
  type OpportunityMatchDocument,
} from '@app/opportunities';
import {
  ConsentedInclusionReads,
  PROFILE_MATCH_FIELDS,
  PROFILES_INDEX,
  type ProfileMatchDocument,
} from '@app/profiles';
import { DocumentsFetcher, SearchIndexRegistry, type FilterExpression } from '@app/search';
import { Injectable } from '@nestjs/common';
import { FETCH_PAGE_SIZE, fetchEveryPage } from './engine-queries.js';
import type { ConsentedInclusion } from './match-types.js';

/**
 * Reads for matching: every eligible document from Meilisearch (the documents-fetch API with a
 * filter, which `maxTotalHits` does not bound, so the eligible set is never cut short), and the
 * few facts kept only in PostgreSQL, through their owners' reads (consented inclusion data,
 * which is never indexed, from profiles; which opportunities are still open, from
 * opportunities). Matching names no table itself.
 */
@Injectable()
export class MatchingRepository {
  constructor(
    private readonly documents: DocumentsFetcher,
    private readonly indexes: SearchIndexRegistry,
    private readonly inclusion: ConsentedInclusionReads,
    private readonly openOpportunities: OpenOpportunities,
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
    const facts = await this.inclusion.of(profileIds);
    const out = new Map<string, ConsentedInclusion>();
    for (const [id, f] of facts) {
      out.set(id, {
        ...(f.sex === null ? {} : { sex: f.sex }),
        ...(f.birthYear === null ? {} : { birthYear: f.birthYear }),
        groups: f.groups,
      });
    }
    return out;
  }

  /** Of these opportunity ids, the ones PostgreSQL says are open with a deadline ahead. */
  findStillOpen(ids: string[], now: Date): Promise<Set<string>> {
    return this.openOpportunities.amongIds(ids, now);
  }
}
