import { TransactionRunner } from '@app/database';
import {
  cursorPosition,
  DEFAULT_PAGE_SIZE,
  ForbiddenError,
  InputValidationError,
  toPage,
} from '@app/http';
import type { AuthUser } from '@app/identity';
import {
  OpportunitiesService,
  OpportunityNotFoundError,
  type OpportunityHead,
} from '@app/opportunities';
import { ProfilesService } from '@app/profiles';
import { NotificationsService, type NotificationKind } from '@app/notifications';
import { FollowUpSchedule } from '@app/surveys';
import { WebhookPublisher } from '@app/webhooks';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  MatchAlreadyExistsError,
  MatchAlreadyRatedError,
  MatchIllegalTransitionError,
  MatchNotCompletedError,
  MatchNotFoundError,
  MatchTransitionNotAllowedError,
  OpeningsFilledError,
  OpportunityNotOpenError,
  ProfileErasedError,
  ProfileHiddenFromPartyError,
  ProfileNotVisibleToPartyError,
} from './brokering.errors.js';
import type {
  MatchCreateDto,
  MatchEventListDto,
  MatchListQueryDto,
  MatchPageDto,
  MatchRatingDto,
  MatchResponseDto,
  MatchTransitionDto,
} from './dto/match.dto.js';
import { profileVisibleTo, toMatchEvent, toMatchResponse } from './match-mapping.js';
import {
  checkMove,
  eventOf,
  transitionFieldProblems,
  type MatchActor,
  type MatchOpportunityKind,
  type MatchState,
} from './match-transitions.js';
import {
  isLivePairViolation,
  MatchesRepository,
  type MatchRecord,
  type MatchScope,
} from './matches.repository.js';
import { outcomeProblems } from './outcome-bounds.js';

const TRAINEE_NOTIFICATIONS: Partial<Record<string, NotificationKind>> = {
  invited: 'match.invited',
  hired: 'match.hired',
  completed: 'match.completed',
  cancelled: 'match.cancelled',
};

/** The visibilities a profile needs for the hiring party of each kind of opportunity to see it. */
const VISIBLE_TO_HIRER: Record<MatchOpportunityKind, readonly string[]> = {
  work_request: ['companies'],
  listing: ['brokers', 'companies'],
};

/**
 * The brokering workflow: creating matches, moving them through their states under a row lock
 * (one audit event and the webhook announcements in the same transaction), filling requests
 * when hires reach their openings, and the reads each party is entitled to.
 */
@Injectable()
export class MatchesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly matches: MatchesRepository,
    private readonly opportunities: OpportunitiesService,
    private readonly profiles: ProfilesService,
    private readonly webhooks: WebhookPublisher,
    private readonly notifications: NotificationsService,
    private readonly followUps: FollowUpSchedule,
  ) {}

  async create(user: AuthUser, dto: MatchCreateDto): Promise<MatchResponseDto> {
    const target = opportunityOf(dto);
    // Throws 404 unless the profile exists, is not erased and is visible to the caller.
    await this.profiles.getVisible(user, dto.profileId);
    const profileId = dto.profileId.toLowerCase();
    const opportunityId = target.id.toLowerCase();
    try {
      return await this.tx.run(async (m) => {
        const opportunity = await this.opportunities.findInScope(
          m,
          target.kind,
          user,
          opportunityId,
        );
        if (opportunity === undefined) throw new OpportunityNotFoundError(target.kind);
        if (opportunity.status !== 'open') throw new OpportunityNotOpenError(opportunity.status);
        const existing = await this.matches.findLiveId(m, profileId, opportunityId);
        if (existing !== undefined) throw new MatchAlreadyExistsError(existing);
        const id = await this.matches.insert(m, {
          profileId,
          opportunityId,
          organisationId: user.role === 'admin' ? null : user.organisationId,
          createdBy: user.id,
          note: dto.note ?? null,
        });
        await this.matches.appendEvent(m, {
          matchId: id,
          actorUserId: user.id,
          actorRole: actorOf(user),
          fromState: null,
          toState: 'shortlisted',
          note: dto.note ?? null,
        });
        const created = await this.require(m, { kind: 'all' }, id);
        await this.announce(m, created, null);
        return toMatchResponse(created, user);
      });
    } catch (error) {
      // Two creations of one pair raced: the index let one through; name the winner.
      if (!isLivePairViolation(error)) throw error;
      const existing = await this.tx.run((m) =>
        this.matches.findLiveId(m, profileId, opportunityId),
      );
      throw new MatchAlreadyExistsError(existing ?? '');
    }
  }

  async get(user: AuthUser, id: string): Promise<MatchResponseDto> {
    return toMatchResponse(await this.tx.run((m) => this.require(m, scopeOf(user), id)), user);
  }

  async list(user: AuthUser, query: MatchListQueryDto): Promise<MatchPageDto> {
    if (query.workRequestId !== undefined && query.listingId !== undefined) {
      throw new InputValidationError([
        { field: 'listingId', message: 'give workRequestId or listingId, not both' },
      ]);
    }
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.tx.run((m) =>
      this.matches.findPage(
        m,
        scopeOf(user),
        {
          opportunityId: (query.workRequestId ?? query.listingId)?.toLowerCase(),
          opportunityKind:
            query.workRequestId !== undefined
              ? 'work_request'
              : query.listingId !== undefined
                ? 'listing'
                : undefined,
          profileId: query.profileId?.toLowerCase(),
          states: query.state,
        },
        cursorPosition(query.cursor),
        limit + 1,
      ),
    );
    const page = toPage(rows, limit);
    return { items: page.rows.map((r) => toMatchResponse(r, user)), nextCursor: page.nextCursor };
  }

  async events(user: AuthUser, id: string): Promise<MatchEventListDto> {
    const { match, events } = await this.tx.run(async (m) => ({
      match: await this.require(m, scopeOf(user), id),
      events: await this.matches.findEvents(m, id),
    }));
    const visible = profileVisibleTo(match, user);
    return { items: events.map((e) => toMatchEvent(e, user, visible)), nextCursor: null };
  }

  /**
   * One move. The match row is locked (and, for a hire, the opportunity row first, so hires of
   * one request queue up and count openings one at a time): of two concurrent moves, the second
   * sees the first one's result and is judged against it.
   */
  async transition(user: AuthUser, id: string, dto: MatchTransitionDto): Promise<MatchResponseDto> {
    const scope = scopeOf(user);
    const actor = actorOf(user);
    return this.tx.run(async (m) => {
      const seen = await this.require(m, scope, id);
      const opportunity =
        dto.to === 'hired'
          ? await this.opportunities.lockForHire(m, seen.opportunityId)
          : undefined;
      const current = await this.require(m, scope, id, { lock: true });
      const verdict = checkMove(current.state, dto.to, actor, current.opportunityKind);
      if (!verdict.ok) {
        throw verdict.reason === 'illegal'
          ? new MatchIllegalTransitionError(current.state, dto.to, verdict.allowedMoves)
          : new MatchTransitionNotAllowedError(current.state, dto.to, verdict.allowedMoves);
      }
      if (current.profileErased && ADVANCING_MOVES.has(dto.to)) {
        throw new ProfileErasedError(dto.to);
      }
      // a party that may not see the person (now) does not commit them to work
      if (ADVANCING_MOVES.has(dto.to) && actor !== 'trainee' && !profileVisibleTo(current, user)) {
        throw new ProfileHiddenFromPartyError(dto.to);
      }
      const problems = transitionFieldProblems(dto.to, dto);
      if (problems.length === 0 && dto.to === 'completed') {
        problems.push(
          ...outcomeProblems(dto, {
            hiredAt: current.hiredAt,
            durationWeeks: current.opportunityDurationWeeks,
            now: new Date(),
          }),
        );
      }
      if (problems.length > 0) throw new InputValidationError(problems);
      if (dto.to === 'accepted') assertVisibleToHirer(current);
      let hiresAfter = 0;
      if (opportunity !== undefined) hiresAfter = await this.assertOpening(m, opportunity);
      const moved = await this.matches.move(m, id, current.version, dto.to, {
        agreedRateEur: dto.agreedRateEur ?? null,
        agreedHoursPerWeek: dto.agreedHoursPerWeek ?? null,
        hoursWorked: dto.hoursWorked ?? null,
        incomeEur: dto.incomeEur ?? null,
        traineeRating: dto.rating ?? null,
        traineeRatingComment: dto.ratingComment ?? null,
      });
      if (!moved) throw new MatchIllegalTransitionError(current.state, dto.to, []);
      await this.matches.appendEvent(m, {
        matchId: id,
        actorUserId: user.id,
        actorRole: actor,
        fromState: current.state,
        toState: dto.to,
        note: dto.note ?? null,
      });
      if (opportunity !== undefined && hiresAfter >= opportunity.openings) {
        await this.opportunities.markFilled(m, opportunity);
      }
      // the follow-up surveys exist if and only if the hire commits
      if (dto.to === 'hired') await this.followUps.afterHire(m, id);
      const updated = await this.require(m, { kind: 'all' }, id);
      await this.announce(m, updated, current.state);
      return toMatchResponse(updated, user);
    });
  }

  /** The trainee rates a completed engagement, once. */
  async rate(user: AuthUser, id: string, dto: MatchRatingDto): Promise<MatchResponseDto> {
    if (user.role !== 'trainee') throw new ForbiddenError('Only the trainee rates the engagement');
    return this.tx.run(async (m) => {
      const current = await this.require(m, scopeOf(user), id, { lock: true });
      if (current.state !== 'completed') throw new MatchNotCompletedError(current.state);
      if (!(await this.matches.rateEmployer(m, id, dto.rating, dto.comment ?? null))) {
        throw new MatchAlreadyRatedError();
      }
      return toMatchResponse(await this.require(m, { kind: 'all' }, id), user);
    });
  }

  /** Refuses a hire when the request is not open or every opening is taken; hires after it. */
  private async assertOpening(m: EntityManager, opportunity: OpportunityHead): Promise<number> {
    if (opportunity.status === 'filled') throw new OpeningsFilledError(opportunity.openings);
    if (opportunity.status !== 'open') throw new OpportunityNotOpenError(opportunity.status);
    const hires = await this.matches.countHires(m, opportunity.id);
    if (hires >= opportunity.openings) throw new OpeningsFilledError(opportunity.openings);
    return hires + 1;
  }

  private async require(
    m: EntityManager,
    scope: MatchScope,
    id: string,
    options: { lock?: boolean } = {},
  ): Promise<MatchRecord> {
    const found = await this.matches.findInScope(m, scope, id, options);
    if (found === undefined) throw new MatchNotFoundError();
    return found;
  }

  /** `match.<state>` to the organisation that created the match and the opportunity's owner. */
  private async announce(
    m: EntityManager,
    match: MatchRecord,
    previousState: string | null,
  ): Promise<void> {
    await this.webhooks.publish(m, {
      event: eventOf(match.state),
      organisationIds: [match.organisationId, match.opportunityOrganisationId],
      payload: {
        matchId: match.id,
        state: match.state,
        previousState,
        opportunityId: match.opportunityId,
        opportunityKind: match.opportunityKind,
      },
    });
    // The trainee hears of moves that concern them, once they can see the match (invited).
    const kind = TRAINEE_NOTIFICATIONS[match.state];
    if (kind !== undefined && match.invitedAt !== null && match.profileUserId !== null) {
      await this.notifications.notify(m, {
        userId: match.profileUserId,
        kind,
        data: { matchId: match.id, state: match.state, opportunityId: match.opportunityId },
        link: `/api/matches/${match.id}`,
      });
    }
  }
}

function opportunityOf(dto: MatchCreateDto): { kind: MatchOpportunityKind; id: string } {
  if (dto.workRequestId !== undefined && dto.listingId !== undefined) {
    throw new InputValidationError([
      { field: 'listingId', message: 'give workRequestId or listingId, not both' },
    ]);
  }
  if (dto.workRequestId !== undefined) return { kind: 'work_request', id: dto.workRequestId };
  if (dto.listingId !== undefined) return { kind: 'listing', id: dto.listingId };
  throw new InputValidationError([
    { field: 'workRequestId', message: 'workRequestId or listingId is required' },
  ]);
}

function actorOf(user: AuthUser): MatchActor {
  if (user.role === 'trainer') throw new ForbiddenError();
  return user.role;
}

function scopeOf(user: AuthUser): MatchScope {
  if (user.role === 'admin') return { kind: 'all' };
  if (user.role === 'trainee') return { kind: 'trainee', userId: user.id };
  if (user.organisationId === null) throw new ForbiddenError();
  return { kind: 'organisation', organisationId: user.organisationId };
}

/** Moves that commit a person to work: nobody is invited or hired after erasing their data. */
const ADVANCING_MOVES: ReadonlySet<MatchState> = new Set(['invited', 'accepted', 'hired']);

function assertVisibleToHirer(match: MatchRecord): void {
  const needed = VISIBLE_TO_HIRER[match.opportunityKind];
  if (!needed.includes(match.profileVisibility)) {
    throw new ProfileNotVisibleToPartyError(needed.join(' or '));
  }
}
