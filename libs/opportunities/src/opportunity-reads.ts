import { anyUuid, checkedText, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  OPPORTUNITY_KINDS,
  OPPORTUNITY_STATUSES,
  type OpportunityKind,
  type OpportunityStatus,
} from './opportunity-vocabulary.js';

/** What other libs show of an opportunity beside their own records (a match). */
export interface OpportunitySummary {
  readonly id: string;
  readonly kind: OpportunityKind;
  readonly title: string;
  readonly status: OpportunityStatus;
  /** The organisation that owns it (the company of a request, the broker of a listing). */
  readonly organisationId: string;
  /** Its planned length in weeks, when it states one. */
  readonly durationWeeks: number | null;
}

/**
 * Batched reads of opportunities for other libs, in the caller's transaction (so they see its
 * writes and wait on nothing): no visibility rule applies here, the caller scopes its own rows.
 */
@Injectable()
export class OpportunityReads {
  /** The summaries of these opportunities by id; unknown ids are missing. */
  async summaries(
    manager: EntityManager,
    ids: readonly string[],
  ): Promise<ReadonlyMap<string, OpportunitySummary>> {
    if (ids.length === 0) return new Map();
    const rows = await typedQueries(manager)
      .selectFrom('opportunities')
      .select(['id', 'kind', 'title', 'status', 'organisation_id', 'duration_weeks'])
      .where('id', '=', anyUuid([...new Set(ids)]))
      .execute();
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          kind: checkedText(OPPORTUNITY_KINDS, r.kind, 'opportunities.kind'),
          title: r.title,
          status: checkedText(OPPORTUNITY_STATUSES, r.status, 'opportunities.status'),
          organisationId: r.organisation_id,
          durationWeeks: r.duration_weeks,
        },
      ]),
    );
  }

  /** The ids of the organisation's opportunities, every one or only those among `among`. */
  async idsOwnedBy(
    manager: EntityManager,
    organisationId: string,
    among?: readonly string[],
  ): Promise<string[]> {
    if (among !== undefined && among.length === 0) return [];
    let query = typedQueries(manager)
      .selectFrom('opportunities')
      .select('id')
      .where('organisation_id', '=', organisationId);
    if (among !== undefined) query = query.where('id', '=', anyUuid([...new Set(among)]));
    return (await query.execute()).map((r) => r.id);
  }
}
