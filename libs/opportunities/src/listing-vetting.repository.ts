import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OpportunityStatus } from './opportunity-vocabulary.js';

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

/** SQL of scam screening: skill categories, the audit trail, flags and moves into review. */
@Injectable()
export class ListingVettingRepository {
  /** Taxonomy category of each skill (the market reference is per category). */
  async skillCategories(manager: EntityManager, skillIds: string[]): Promise<Map<string, string>> {
    if (skillIds.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT id, category FROM skills WHERE id = ANY($1::uuid[])`,
      [[...new Set(skillIds)]],
    )) as { id: string; category: string }[];
    return new Map(rows.map((r) => [r.id, r.category]));
  }

  async insertEvents(manager: EntityManager, events: OpportunityEventWrite[]): Promise<void> {
    if (events.length === 0) return;
    await manager.query(
      `INSERT INTO opportunity_events (opportunity_id, actor_id, actor_role, from_status, to_status, note)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS e(
         "opportunityId" uuid, "actorId" uuid, "actorRole" text, "fromStatus" text,
         "toStatus" text, note text)`,
      [JSON.stringify(events)],
    );
  }

  /** The audit trail of one listing, oldest first. */
  async findEvents(manager: EntityManager, opportunityId: string): Promise<OpportunityEventRow[]> {
    return (await manager.query(
      `SELECT id, actor_role AS "actorRole", from_status AS "fromStatus", to_status AS "toStatus",
              note, created_at AS "createdAt"
         FROM opportunity_events WHERE opportunity_id = $1 ORDER BY created_at, id`,
      [opportunityId],
    )) as OpportunityEventRow[];
  }

  /** Current status of an organisation's listings by source URL, locked for the import. */
  async lockStatusesBySourceUrl(
    manager: EntityManager,
    organisationId: string,
    sourceUrls: string[],
  ): Promise<Map<string, OpportunityStatus>> {
    if (sourceUrls.length === 0) return new Map();
    const rows = (await manager.query(
      `SELECT source_url AS "sourceUrl", status FROM opportunities
        WHERE organisation_id = $1 AND kind = 'listing' AND source_url = ANY($2::text[])
        ORDER BY id FOR UPDATE`,
      [organisationId, sourceUrls],
    )) as { sourceUrl: string; status: OpportunityStatus }[];
    return new Map(rows.map((r) => [r.sourceUrl, r.status]));
  }

  /** A listing locked for the rest of the transaction (flags are counted under this lock). */
  async lockListing(manager: EntityManager, id: string): Promise<LockedListing | null> {
    const rows = (await manager.query(
      `SELECT id, organisation_id AS "organisationId", status FROM opportunities
        WHERE id = $1 AND kind = 'listing' FOR UPDATE`,
      [id],
    )) as LockedListing[];
    return rows[0] ?? null;
  }

  /** open → review; false when it was not open. */
  async moveOpenToReview(manager: EntityManager, id: string): Promise<boolean> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [, changed] = (await manager.query(
      `UPDATE opportunities SET status = 'review', version = version + 1
        WHERE id = $1 AND status = 'open'`,
      [id],
    )) as [unknown[], number];
    return changed === 1;
  }

  /** The new flag's id, or null when this person already flagged this listing. */
  async insertFlag(
    manager: EntityManager,
    flag: { listingId: string; userId: string; role: string; reason: string; note: string | null },
  ): Promise<{ id: string; createdAt: Date } | null> {
    const rows = (await manager.query(
      `INSERT INTO listing_flags (opportunity_id, user_id, actor_role, reason, note)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT listing_flags_one_per_person DO NOTHING
       RETURNING id, created_at AS "createdAt"`,
      [flag.listingId, flag.userId, flag.role, flag.reason, flag.note],
    )) as { id: string; createdAt: Date }[];
    return rows[0] ?? null;
  }

  async countFlagsByUserSince(
    manager: EntityManager,
    userId: string,
    since: Date,
  ): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n FROM listing_flags WHERE user_id = $1 AND created_at > $2`,
      [userId, since],
    )) as { n: number }[];
    return row.n;
  }

  /**
   * Trainee flags since a broker last published the listing out of review (a decision made
   * with the earlier flags in view), with how often each reason was given.
   */
  async traineeFlagsSinceLastReview(
    manager: EntityManager,
    listingId: string,
  ): Promise<{ count: number; reasons: Record<string, number> }> {
    const rows = (await manager.query(
      `SELECT f.reason, count(*)::int AS n FROM listing_flags f
        WHERE f.opportunity_id = $1 AND f.actor_role = 'trainee'
          AND f.created_at > coalesce((SELECT max(e.created_at) FROM opportunity_events e
                WHERE e.opportunity_id = $1 AND e.from_status = 'review' AND e.to_status = 'open'),
              '-infinity')
        GROUP BY f.reason ORDER BY f.reason`,
      [listingId],
    )) as { reason: string; n: number }[];
    return {
      count: rows.reduce((sum, r) => sum + r.n, 0),
      reasons: Object.fromEntries(rows.map((r) => [r.reason, r.n])),
    };
  }
}
