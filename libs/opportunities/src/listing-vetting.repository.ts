import { anyText, checkedText, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { OPPORTUNITY_STATUSES, type OpportunityStatus } from './opportunity-vocabulary.js';

/** One entry of a listing's audit trail: a status change (or its creation), by whom, why. */
export interface OpportunityEventWrite {
  opportunityId: string;
  actorId: string | null;
  actorRole: string | null;
  fromStatus: OpportunityStatus | null;
  toStatus: OpportunityStatus;
  note: string | null;
}

export interface OpportunityEventRow {
  id: string;
  actorRole: string | null;
  fromStatus: OpportunityStatus | null;
  toStatus: OpportunityStatus;
  note: string | null;
  createdAt: Date;
}

export interface LockedListing {
  id: string;
  organisationId: string;
  status: OpportunityStatus;
}

/** SQL of scam screening: the audit trail, flags and moves into review. */
@Injectable()
export class ListingVettingRepository {
  async insertEvents(manager: EntityManager, events: OpportunityEventWrite[]): Promise<void> {
    if (events.length === 0) return;
    await typedQueries(manager)
      .insertInto('opportunity_events')
      .values(
        events.map((e) => ({
          opportunity_id: e.opportunityId,
          actor_id: e.actorId,
          actor_role: e.actorRole,
          from_status: e.fromStatus,
          to_status: e.toStatus,
          note: e.note,
        })),
      )
      .execute();
  }

  /** The audit trail of one listing, oldest first. */
  async findEvents(manager: EntityManager, opportunityId: string): Promise<OpportunityEventRow[]> {
    const rows = await typedQueries(manager)
      .selectFrom('opportunity_events')
      .select(['id', 'actor_role', 'from_status', 'to_status', 'note', 'created_at'])
      .where('opportunity_id', '=', opportunityId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      actorRole: r.actor_role,
      fromStatus: r.from_status === null ? null : status(r.from_status, 'from_status'),
      toStatus: status(r.to_status, 'to_status'),
      note: r.note,
      createdAt: r.created_at,
    }));
  }

  /** Current status of an organisation's listings by source URL, locked for the import. */
  async lockStatusesBySourceUrl(
    manager: EntityManager,
    organisationId: string,
    sourceUrls: string[],
  ): Promise<Map<string, OpportunityStatus>> {
    if (sourceUrls.length === 0) return new Map();
    const rows = await typedQueries(manager)
      .selectFrom('opportunities')
      .select(['source_url', 'status'])
      .where('organisation_id', '=', organisationId)
      .where('kind', '=', 'listing')
      .where('source_url', '=', anyText(sourceUrls))
      .orderBy('id')
      .forUpdate()
      .execute();
    return new Map(
      rows.flatMap((r) =>
        r.source_url === null ? [] : [[r.source_url, status(r.status, 'opportunities.status')]],
      ),
    );
  }

  /** A listing locked for the rest of the transaction (flags are counted under this lock). */
  async lockListing(manager: EntityManager, id: string): Promise<LockedListing | null> {
    const row = await typedQueries(manager)
      .selectFrom('opportunities')
      .select(['id', 'organisation_id', 'status'])
      .where('id', '=', id)
      .where('kind', '=', 'listing')
      .forUpdate()
      .executeTakeFirst();
    if (row === undefined) return null;
    return {
      id: row.id,
      organisationId: row.organisation_id,
      status: status(row.status, 'opportunities.status'),
    };
  }

  /** open → review; false when it was not open. */
  async moveOpenToReview(manager: EntityManager, id: string): Promise<boolean> {
    const result = await typedQueries(manager)
      .updateTable('opportunities')
      .set((eb) => ({ status: 'review', version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** The new flag's id, or null when this person already flagged this listing. */
  async insertFlag(
    manager: EntityManager,
    flag: { listingId: string; userId: string; role: string; reason: string; note: string | null },
  ): Promise<{ id: string; createdAt: Date } | null> {
    const row = await typedQueries(manager)
      .insertInto('listing_flags')
      .values({
        opportunity_id: flag.listingId,
        user_id: flag.userId,
        actor_role: flag.role,
        reason: flag.reason,
        note: flag.note,
      })
      .onConflict((oc) => oc.constraint('listing_flags_one_per_person').doNothing())
      .returning(['id', 'created_at'])
      .executeTakeFirst();
    return row === undefined ? null : { id: row.id, createdAt: row.created_at };
  }

  async countFlagsByUserSince(
    manager: EntityManager,
    userId: string,
    since: Date,
  ): Promise<number> {
    const { n } = await typedQueries(manager)
      .selectFrom('listing_flags')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('user_id', '=', userId)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return n;
  }

  /**
   * Trainee flags since a broker last published the listing out of review (a decision made
   * with the earlier flags in view), with how often each reason was given.
   */
  async traineeFlagsSinceLastReview(
    manager: EntityManager,
    listingId: string,
  ): Promise<{ count: number; reasons: Record<string, number> }> {
    const rows = await typedQueries(manager)
      .selectFrom('listing_flags as f')
      .select(['f.reason', sql<number>`count(*)::int`.as('n')])
      .where('f.opportunity_id', '=', listingId)
      .where('f.actor_role', '=', 'trainee')
      .where((eb) =>
        eb(
          'f.created_at',
          '>',
          eb.fn.coalesce(
            eb
              .selectFrom('opportunity_events as e')
              .select((e) => e.fn.max('e.created_at').as('at'))
              .where('e.opportunity_id', '=', listingId)
              .where('e.from_status', '=', 'review')
              .where('e.to_status', '=', 'open'),
            sql<Date>`'-infinity'::timestamptz`,
          ),
        ),
      )
      .groupBy('f.reason')
      .orderBy('f.reason')
      .execute();
    return {
      count: rows.reduce((sum, r) => sum + r.n, 0),
      reasons: Object.fromEntries(rows.map((r) => [r.reason, r.n])),
    };
  }
}

function status(value: string, column: string): OpportunityStatus {
  return checkedText(OPPORTUNITY_STATUSES, value, column);
}
