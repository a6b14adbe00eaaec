import type { PagePosition } from '@app/http';
import { isUniqueViolation } from '@app/database';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MatchActor, MatchOpportunityKind, MatchState } from './match-transitions.js';

/**
 * Which matches a caller may see: platform staff all; an organisation those it created and
 * those on its own requests and listings; a trainee those on their own profile they applied
 * or were invited to (a shortlist is the parties' working list, not yet the person's business).
 */
export type MatchScope =
  | { kind: 'all' }
  | { kind: 'organisation'; organisationId: string }
  | { kind: 'trainee'; userId: string };

/** A match with what its views need: the opportunity's head and the person's public summary. */
export interface MatchRecord {
  id: string;
  state: MatchState;
  profileId: string;
  opportunityId: string;
  opportunityKind: MatchOpportunityKind;
  opportunityTitle: string;
  opportunityStatus: string;
  opportunityOrganisationId: string;
  /** The opportunity's planned length in weeks, when it states one (bounds hours worked). */
  opportunityDurationWeeks: number | null;
  organisationId: string | null;
  createdBy: string | null;
  note: string | null;
  agreedRateEur: string | null;
  agreedHoursPerWeek: number | null;
  hoursWorked: string | null;
  incomeEur: string | null;
  traineeRating: number | null;
  traineeRatingComment: string | null;
  employerRating: number | null;
  employerRatingComment: string | null;
  appliedAt: Date | null;
  shortlistedAt: Date | null;
  invitedAt: Date | null;
  rejectedAt: Date | null;
  withdrawnAt: Date | null;
  answeredAt: Date | null;
  hiredAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  profileUserId: string | null;
  profileErased: boolean;
  profileVisibility: string;
  displayName: string | null;
  headline: string | null;
  country: string | null;
  city: string | null;
}

export interface MatchEventRecord {
  id: string;
  fromState: MatchState | null;
  toState: MatchState;
  actorRole: string;
  actorUserId: string | null;
  note: string | null;
  createdAt: Date;
}

export interface MatchFilters {
  opportunityId?: string;
  opportunityKind?: MatchOpportunityKind;
  profileId?: string;
  states?: MatchState[];
}

/** What a move writes besides the state and its timestamp (null keeps the stored value). */
export interface MoveData {
  agreedRateEur: number | null;
  agreedHoursPerWeek: number | null;
  hoursWorked: number | null;
  incomeEur: number | null;
  traineeRating: number | null;
  traineeRatingComment: string | null;
}

const SELECT_MATCH = `
  SELECT m.id, m.state, m.profile_id AS "profileId", m.opportunity_id AS "opportunityId",
         o.kind AS "opportunityKind", o.title AS "opportunityTitle",
         o.status AS "opportunityStatus", o.organisation_id AS "opportunityOrganisationId",
         o.duration_weeks AS "opportunityDurationWeeks",
         m.organisation_id AS "organisationId", m.created_by AS "createdBy", m.note,
         m.agreed_rate_eur AS "agreedRateEur", m.agreed_hours_per_week AS "agreedHoursPerWeek",
         m.hours_worked AS "hoursWorked", m.income_eur AS "incomeEur",
         m.trainee_rating AS "traineeRating", m.trainee_rating_comment AS "traineeRatingComment",
         m.employer_rating AS "employerRating",
         m.employer_rating_comment AS "employerRatingComment",
         m.applied_at AS "appliedAt", m.shortlisted_at AS "shortlistedAt",
         m.invited_at AS "invitedAt", m.rejected_at AS "rejectedAt",
         m.withdrawn_at AS "withdrawnAt",
         m.answered_at AS "answeredAt", m.hired_at AS "hiredAt",
         m.completed_at AS "completedAt", m.cancelled_at AS "cancelledAt",
         m.version, m.created_at AS "createdAt", m.updated_at AS "updatedAt",
         p.user_id AS "profileUserId", (p.erased_at IS NOT NULL) AS "profileErased",
         p.visibility AS "profileVisibility", u.display_name AS "displayName",
         p.headline, p.country, p.city
    FROM matches m
    JOIN opportunities o ON o.id = m.opportunity_id
    JOIN profiles p ON p.id = m.profile_id
    LEFT JOIN users u ON u.id = p.user_id`;

/** The scope as SQL over `m` (matches), `o` (opportunities) and `p` (profiles), from `$from`. */
function scopeSql(scope: MatchScope, from: number): { sql: string; params: unknown[] } {
  switch (scope.kind) {
    case 'all':
      return { sql: 'true', params: [] };
    case 'organisation':
      return {
        sql: `(m.organisation_id = $${from} OR o.organisation_id = $${from})`,
        params: [scope.organisationId],
      };
    case 'trainee':
      return {
        sql: `(p.user_id = $${from} AND (m.applied_at IS NOT NULL OR m.invited_at IS NOT NULL))`,
        params: [scope.userId],
      };
  }
}

const LIVE_PAIR_CONSTRAINT = 'matches_live_pair_key';

/** True when `error` is the "one live match per pair" index refusing an insert. */
export function isLivePairViolation(error: unknown): boolean {
  return isUniqueViolation(error, LIVE_PAIR_CONSTRAINT);
}

/** Every statement on `matches` and `match_events`. Reads take a {@link MatchScope}. */
@Injectable()
export class MatchesRepository {
  async findInScope(
    manager: EntityManager,
    scope: MatchScope,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<MatchRecord | undefined> {
    const where = scopeSql(scope, 2);
    const [row] = (await manager.query(
      `${SELECT_MATCH} WHERE m.id = $1 AND ${where.sql}${options.lock === true ? ' FOR UPDATE OF m' : ''}`,
      [id, ...where.params],
    )) as MatchRecord[];
    return row;
  }

  /** Newest first, keyset-paged on (created_at, id). */
  async findPage(
    manager: EntityManager,
    scope: MatchScope,
    filters: MatchFilters,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<MatchRecord[]> {
    const where = scopeSql(scope, 7);
    return (await manager.query(
      `${SELECT_MATCH}
        WHERE ${where.sql}
          AND ($1::uuid IS NULL OR m.opportunity_id = $1)
          AND ($2::text IS NULL OR o.kind = $2)
          AND ($3::uuid IS NULL OR m.profile_id = $3)
          AND ($4::text[] IS NULL OR m.state = ANY($4))
          AND ($5::timestamptz IS NULL OR (m.created_at, m.id) < ($5, $6::uuid))
        ORDER BY m.created_at DESC, m.id DESC
        LIMIT ${Number(limit)}`,
      [
        filters.opportunityId ?? null,
        filters.opportunityKind ?? null,
        filters.profileId ?? null,
        filters.states ?? null,
        after?.createdAt ?? null,
        after?.id ?? null,
        ...where.params,
      ],
    )) as MatchRecord[];
  }

  /** The live match of a pair, if there is one. */
  async findLiveId(
    manager: EntityManager,
    profileId: string,
    opportunityId: string,
  ): Promise<string | undefined> {
    const [row] = (await manager.query(
      `SELECT id FROM matches
        WHERE profile_id = $1 AND opportunity_id = $2
          AND state NOT IN ('declined', 'rejected', 'withdrawn', 'completed', 'cancelled')`,
      [profileId, opportunityId],
    )) as { id: string }[];
    return row?.id;
  }

  async insert(
    manager: EntityManager,
    values: {
      profileId: string;
      opportunityId: string;
      organisationId: string | null;
      createdBy: string;
      note: string | null;
    },
  ): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO matches (profile_id, opportunity_id, state, organisation_id, created_by, note,
                            shortlisted_at)
       VALUES ($1, $2, 'shortlisted', $3, $4, $5, now()) RETURNING id`,
      [
        values.profileId,
        values.opportunityId,
        values.organisationId,
        values.createdBy,
        values.note,
      ],
    )) as { id: string }[];
    return row.id;
  }

  /** A trainee's application: state `applied`, made by nobody's organisation. */
  async insertApplication(
    manager: EntityManager,
    values: { profileId: string; opportunityId: string; createdBy: string; note: string | null },
  ): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO matches (profile_id, opportunity_id, state, created_by, note, applied_at)
       VALUES ($1, $2, 'applied', $3, $4, now()) RETURNING id`,
      [values.profileId, values.opportunityId, values.createdBy, values.note],
    )) as { id: string }[];
    return row.id;
  }

  /**
   * Serialises the applications of one profile until the transaction ends (so the daily count
   * cannot be raced), then counts those of the last 24 hours and the oldest of them.
   */
  async lockAndCountRecentApplications(
    manager: EntityManager,
    profileId: string,
    now: Date,
  ): Promise<{ count: number; oldest: Date | null }> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
      `applications:${profileId}`,
    ]);
    const [row] = (await manager.query(
      `SELECT count(*)::int AS count, min(applied_at) AS oldest FROM matches
        WHERE profile_id = $1 AND applied_at > $2::timestamptz - interval '24 hours'`,
      [profileId, now],
    )) as { count: number; oldest: Date | null }[];
    return row;
  }

  /**
   * The live applications of an opportunity (applied and not ended), with what ranking them and
   * showing each person needs.
   */
  async findLiveApplications(
    manager: EntityManager,
    opportunityId: string,
  ): Promise<MatchRecord[]> {
    return (await manager.query(
      `${SELECT_MATCH}
        WHERE m.opportunity_id = $1 AND m.applied_at IS NOT NULL
          AND m.state NOT IN ('declined', 'rejected', 'withdrawn', 'completed', 'cancelled')
        ORDER BY m.applied_at, m.id`,
      [opportunityId],
    )) as MatchRecord[];
  }

  /** Staff of these organisations who hear of the parties' side of a match (companies, brokers). */
  async findPartyStaff(
    manager: EntityManager,
    organisationIds: readonly string[],
    roles: readonly string[],
  ): Promise<string[]> {
    if (organisationIds.length === 0) return [];
    const rows = (await manager.query(
      `SELECT id FROM users
        WHERE organisation_id = ANY($1::uuid[]) AND role = ANY($2::text[]) AND erased_at IS NULL
        ORDER BY id`,
      [organisationIds, roles],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Hires that count against openings: hired and completed matches of the opportunity. */
  async countHires(manager: EntityManager, opportunityId: string): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n FROM matches
        WHERE opportunity_id = $1 AND state IN ('hired', 'completed')`,
      [opportunityId],
    )) as { n: number }[];
    return row.n;
  }

  /**
   * Moves the match to `to` if it is still at `version` (the caller holds its row lock; the
   * guard makes a lost update impossible even without it). Stamps the state's time column.
   */
  async move(
    manager: EntityManager,
    id: string,
    version: number,
    to: MatchState,
    data: MoveData,
  ): Promise<boolean> {
    const [, changed] = (await manager.query(
      `UPDATE matches
          SET state = $3, version = version + 1,
              shortlisted_at = CASE WHEN $3 = 'shortlisted' THEN now() ELSE shortlisted_at END,
              invited_at = CASE WHEN $3 = 'invited' THEN now() ELSE invited_at END,
              rejected_at = CASE WHEN $3 = 'rejected' THEN now() ELSE rejected_at END,
              withdrawn_at = CASE WHEN $3 = 'withdrawn' THEN now() ELSE withdrawn_at END,
              answered_at = CASE WHEN $3 IN ('accepted', 'declined') THEN now() ELSE answered_at END,
              hired_at = CASE WHEN $3 = 'hired' THEN now() ELSE hired_at END,
              completed_at = CASE WHEN $3 = 'completed' THEN now() ELSE completed_at END,
              cancelled_at = CASE WHEN $3 = 'cancelled' THEN now() ELSE cancelled_at END,
              agreed_rate_eur = coalesce($4, agreed_rate_eur),
              agreed_hours_per_week = coalesce($5, agreed_hours_per_week),
              hours_worked = coalesce($6, hours_worked),
              income_eur = coalesce($7, income_eur),
              trainee_rating = coalesce($8, trainee_rating),
              trainee_rating_comment = coalesce($9, trainee_rating_comment)
        WHERE id = $1 AND version = $2`,
      [
        id,
        version,
        to,
        data.agreedRateEur,
        data.agreedHoursPerWeek,
        data.hoursWorked,
        data.incomeEur,
        data.traineeRating,
        data.traineeRatingComment,
      ],
    )) as [unknown[], number];
    return changed === 1;
  }

  /** The trainee's rating of a completed engagement, once; false when already rated. */
  async rateEmployer(
    manager: EntityManager,
    id: string,
    rating: number,
    comment: string | null,
  ): Promise<boolean> {
    const [, changed] = (await manager.query(
      `UPDATE matches
          SET employer_rating = $2, employer_rating_comment = $3, version = version + 1
        WHERE id = $1 AND state = 'completed' AND employer_rating IS NULL`,
      [id, rating, comment],
    )) as [unknown[], number];
    return changed === 1;
  }

  /** Appends one audit event (the table refuses updates and deletes). */
  async appendEvent(
    manager: EntityManager,
    event: {
      matchId: string;
      actorUserId: string;
      actorRole: MatchActor;
      fromState: MatchState | null;
      toState: MatchState;
      note: string | null;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO match_events (match_id, actor_user_id, actor_role, from_state, to_state, note)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        event.matchId,
        event.actorUserId,
        event.actorRole,
        event.fromState,
        event.toState,
        event.note,
      ],
    );
  }

  /** The audit trail, oldest first; the actor's id is hidden once that person is erased. */
  async findEvents(manager: EntityManager, matchId: string): Promise<MatchEventRecord[]> {
    return (await manager.query(
      `SELECT e.id::text AS id, e.from_state AS "fromState", e.to_state AS "toState",
              e.actor_role AS "actorRole",
              CASE WHEN u.erased_at IS NULL THEN e.actor_user_id END AS "actorUserId",
              e.note, e.created_at AS "createdAt"
         FROM match_events e LEFT JOIN users u ON u.id = e.actor_user_id
        WHERE e.match_id = $1
        ORDER BY e.id`,
      [matchId],
    )) as MatchEventRecord[];
  }
}
