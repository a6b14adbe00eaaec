import {
  anyUuid,
  checkedText,
  isUniqueViolation,
  typedQueries,
  type Database,
} from '@app/database';
import type { PagePosition } from '@app/http';
import { Injectable } from '@nestjs/common';
import { sql, type ExpressionBuilder, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import {
  FINAL_STATES,
  MATCH_STATES,
  type MatchActor,
  type MatchState,
} from './match-transitions.js';

/** A `matches` row. Numeric columns stay the exact text pg gives; the answer converts them. */
export interface MatchRow {
  id: string;
  state: MatchState;
  profileId: string;
  opportunityId: string;
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
}

/** An audit event as stored: the actor's id whether or not that person was erased since. */
export interface MatchEventRow {
  id: string;
  fromState: MatchState | null;
  toState: MatchState;
  actorRole: string;
  actorUserId: string | null;
  note: string | null;
  createdAt: Date;
}

/**
 * A {@link MatchScope} as facts about `matches` rows alone: the organisation's own opportunity
 * ids (the owner lib names them) and the trainee's profile id (undefined: they have none).
 */
export type MatchRowScope =
  | { kind: 'all' }
  | { kind: 'organisation'; organisationId: string; opportunityIds: readonly string[] }
  | { kind: 'trainee'; profileId: string | undefined };

export interface MatchRowFilters {
  opportunityId?: string;
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

/** The time column each state stamps when a match moves to it. */
const STAMPED: Record<MatchState, keyof Database['matches'] | undefined> = {
  applied: undefined,
  shortlisted: 'shortlisted_at',
  invited: 'invited_at',
  accepted: 'answered_at',
  declined: 'answered_at',
  rejected: 'rejected_at',
  withdrawn: 'withdrawn_at',
  hired: 'hired_at',
  completed: 'completed_at',
  cancelled: 'cancelled_at',
};

type Eb = ExpressionBuilder<Database, 'matches'>;

/**
 * The scope as a condition on `matches`: platform staff all; an organisation the matches it
 * created and those on its own opportunities; a trainee those on their own profile they applied
 * or were invited to (a shortlist is the parties' working list, not yet the person's business).
 */
function inScope(eb: Eb, scope: MatchRowScope) {
  switch (scope.kind) {
    case 'all':
      return eb.lit(true);
    case 'organisation':
      return eb.or([
        eb('organisation_id', '=', scope.organisationId),
        eb('opportunity_id', '=', anyUuid(scope.opportunityIds)),
      ]);
    case 'trainee':
      if (scope.profileId === undefined) return eb.lit(false);
      return eb.and([
        eb('profile_id', '=', scope.profileId),
        eb.or([eb('applied_at', 'is not', null), eb('invited_at', 'is not', null)]),
      ]);
  }
}

function toMatchRow(r: Selectable<Database['matches']>): MatchRow {
  return {
    id: r.id,
    state: checkedText(MATCH_STATES, r.state, 'matches.state'),
    profileId: r.profile_id,
    opportunityId: r.opportunity_id,
    organisationId: r.organisation_id,
    createdBy: r.created_by,
    note: r.note,
    agreedRateEur: r.agreed_rate_eur,
    agreedHoursPerWeek: r.agreed_hours_per_week,
    hoursWorked: r.hours_worked,
    incomeEur: r.income_eur,
    traineeRating: r.trainee_rating,
    traineeRatingComment: r.trainee_rating_comment,
    employerRating: r.employer_rating,
    employerRatingComment: r.employer_rating_comment,
    appliedAt: r.applied_at,
    shortlistedAt: r.shortlisted_at,
    invitedAt: r.invited_at,
    rejectedAt: r.rejected_at,
    withdrawnAt: r.withdrawn_at,
    answeredAt: r.answered_at,
    hiredAt: r.hired_at,
    completedAt: r.completed_at,
    cancelledAt: r.cancelled_at,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const LIVE_PAIR_CONSTRAINT = 'matches_live_pair_key';

/** True when `error` is the "one live match per pair" index refusing an insert. */
export function isLivePairViolation(error: unknown): boolean {
  return isUniqueViolation(error, LIVE_PAIR_CONSTRAINT);
}

/**
 * Every statement on `matches` and `match_events`; nothing else. Reads take a
 * {@link MatchRowScope}; what the opportunity and the person are comes from their owners.
 */
@Injectable()
export class MatchesRepository {
  /** The match's opportunity, whoever may see it (to ask its owner about it). */
  async findOpportunityId(manager: EntityManager, id: string): Promise<string | undefined> {
    const row = await typedQueries(manager)
      .selectFrom('matches')
      .select('opportunity_id')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.opportunity_id;
  }

  /** One match in scope; with `lock`, its row is locked until the transaction ends. */
  async findInScope(
    manager: EntityManager,
    scope: MatchRowScope,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<MatchRow | undefined> {
    let query = typedQueries(manager)
      .selectFrom('matches')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => inScope(eb, scope));
    if (options.lock === true) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row === undefined ? undefined : toMatchRow(row);
  }

  /** Newest first, keyset-paged on (created_at, id). */
  async findPage(
    manager: EntityManager,
    scope: MatchRowScope,
    filters: MatchRowFilters,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<MatchRow[]> {
    let query = typedQueries(manager)
      .selectFrom('matches')
      .selectAll()
      .where((eb) => inScope(eb, scope));
    if (filters.opportunityId !== undefined) {
      query = query.where('opportunity_id', '=', filters.opportunityId);
    }
    if (filters.profileId !== undefined) query = query.where('profile_id', '=', filters.profileId);
    if (filters.states !== undefined) {
      const states = filters.states;
      query = query.where((eb) => eb('state', '=', eb.fn.any(eb.val(states))));
    }
    if (after !== undefined) {
      query = query.where((eb) =>
        eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(after.createdAt, after.id)),
      );
    }
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toMatchRow);
  }

  /** The live match of a pair, if there is one. */
  async findLiveId(
    manager: EntityManager,
    profileId: string,
    opportunityId: string,
  ): Promise<string | undefined> {
    const row = await typedQueries(manager)
      .selectFrom('matches')
      .select('id')
      .where('profile_id', '=', profileId)
      .where('opportunity_id', '=', opportunityId)
      .where('state', 'not in', FINAL_STATES)
      .executeTakeFirst();
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
    const row = await typedQueries(manager)
      .insertInto('matches')
      .values({
        profile_id: values.profileId,
        opportunity_id: values.opportunityId,
        state: 'shortlisted',
        organisation_id: values.organisationId,
        created_by: values.createdBy,
        note: values.note,
        shortlisted_at: sql<Date>`now()`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A trainee's application: state `applied`, made by nobody's organisation. */
  async insertApplication(
    manager: EntityManager,
    values: { profileId: string; opportunityId: string; createdBy: string; note: string | null },
  ): Promise<string> {
    const row = await typedQueries(manager)
      .insertInto('matches')
      .values({
        profile_id: values.profileId,
        opportunity_id: values.opportunityId,
        state: 'applied',
        created_by: values.createdBy,
        note: values.note,
        applied_at: sql<Date>`now()`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
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
    const db = typedQueries(manager);
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`applications:${profileId}`}, 0))`.execute(
      db,
    );
    return db
      .selectFrom('matches')
      .select([
        sql<number>`count(*)::int`.as('count'),
        (eb) => eb.fn.min('applied_at').as('oldest'),
      ])
      .where('profile_id', '=', profileId)
      .where('applied_at', '>', sql<Date>`${now}::timestamptz - interval '24 hours'`)
      .executeTakeFirstOrThrow();
  }

  /** The live applications of an opportunity (applied and not ended), oldest first. */
  async findLiveApplications(manager: EntityManager, opportunityId: string): Promise<MatchRow[]> {
    const rows = await typedQueries(manager)
      .selectFrom('matches')
      .selectAll()
      .where('opportunity_id', '=', opportunityId)
      .where('applied_at', 'is not', null)
      .where('state', 'not in', FINAL_STATES)
      .orderBy('applied_at')
      .orderBy('id')
      .execute();
    return rows.map(toMatchRow);
  }

  /** Hires that count against openings: hired and completed matches of the opportunity. */
  async countHires(manager: EntityManager, opportunityId: string): Promise<number> {
    const row = await typedQueries(manager)
      .selectFrom('matches')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('opportunity_id', '=', opportunityId)
      .where('state', 'in', ['hired', 'completed'])
      .executeTakeFirstOrThrow();
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
    const stamped = STAMPED[to];
    const { numUpdatedRows } = await typedQueries(manager)
      .updateTable('matches')
      .set((eb) => ({
        state: to,
        version: eb('version', '+', 1),
        ...(stamped === undefined ? {} : { [stamped]: sql<Date>`now()` }),
        agreed_rate_eur: eb.fn.coalesce(eb.val(data.agreedRateEur), 'agreed_rate_eur'),
        agreed_hours_per_week: eb.fn.coalesce(
          eb.val(data.agreedHoursPerWeek),
          'agreed_hours_per_week',
        ),
        hours_worked: eb.fn.coalesce(eb.val(data.hoursWorked), 'hours_worked'),
        income_eur: eb.fn.coalesce(eb.val(data.incomeEur), 'income_eur'),
        trainee_rating: eb.fn.coalesce(eb.val(data.traineeRating), 'trainee_rating'),
        trainee_rating_comment: eb.fn.coalesce(
          eb.val(data.traineeRatingComment),
          'trainee_rating_comment',
        ),
      }))
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return numUpdatedRows === 1n;
  }

  /** The trainee's rating of a completed engagement, once; false when already rated. */
  async rateEmployer(
    manager: EntityManager,
    id: string,
    rating: number,
    comment: string | null,
  ): Promise<boolean> {
    const { numUpdatedRows } = await typedQueries(manager)
      .updateTable('matches')
      .set((eb) => ({
        employer_rating: rating,
        employer_rating_comment: comment,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('state', '=', 'completed')
      .where('employer_rating', 'is', null)
      .executeTakeFirst();
    return numUpdatedRows === 1n;
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
    await typedQueries(manager)
      .insertInto('match_events')
      .values({
        match_id: event.matchId,
        actor_user_id: event.actorUserId,
        actor_role: event.actorRole,
        from_state: event.fromState,
        to_state: event.toState,
        note: event.note,
      })
      .execute();
  }

  /** The audit trail, oldest first. */
  async findEvents(manager: EntityManager, matchId: string): Promise<MatchEventRow[]> {
    const rows = await typedQueries(manager)
      .selectFrom('match_events')
      .selectAll()
      .where('match_id', '=', matchId)
      .orderBy('id')
      .execute();
    return rows.map((e) => ({
      id: e.id,
      fromState:
        e.from_state === null
          ? null
          : checkedText(MATCH_STATES, e.from_state, 'match_events.from_state'),
      toState: checkedText(MATCH_STATES, e.to_state, 'match_events.to_state'),
      actorRole: e.actor_role,
      actorUserId: e.actor_user_id,
      note: e.note,
      createdAt: e.created_at,
    }));
  }
}
