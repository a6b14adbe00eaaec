import { APP_CONFIG, type AppConfig } from '@app/config';
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
  DEADLINE_PASSED_REASON,
  MatchingService,
  OPPORTUNITY_NOT_OPEN_REASON,
} from '@app/matching';
import {
  OpportunitiesService,
  OpportunityNotFoundError,
  type OpportunityRecord,
  type OpportunityHead,
} from '@app/opportunities';
import { ProfilesService, PublicProfileResponseDto } from '@app/profiles';
import { NotificationsService, type NotificationKind } from '@app/notifications';
import { FollowUpSchedule } from '@app/surveys';
import { WebhookPublisher } from '@app/webhooks';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ApplicantProfileNotVisibleError,
  ApplicationsClosedError,
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
  TooManyApplicationsError,
} from './brokering.errors.js';
import type {
  ApplicantDto,
  ApplicantListDto,
  ApplicationResponseDto,
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
import { MatchRecords, type MatchRecord, type MatchScope } from './match-records.js';
import { isLivePairViolation, MatchesRepository } from './matches.repository.js';
import { outcomeProblems } from './outcome-bounds.js';

/** What the trainee hears of moves others make, once the match is theirs to see. */
const TRAINEE_NOTIFICATIONS: Partial<Record<MatchState, NotificationKind>> = {
  invited: 'match.invited',
  rejected: 'match.rejected',
  hired: 'match.hired',
  completed: 'match.completed',
  cancelled: 'match.cancelled',
};

/** What the hiring side hears of the trainee's moves. */
const PARTY_NOTIFICATIONS: Partial<Record<MatchState, NotificationKind>> = {
  applied: 'application.received',
  accepted: 'match.accepted',
  declined: 'match.declined',
};

const DAY_MS = 86_400_000;

/** Reasons about the opportunity, not the applicant: they rank no one below anyone else. */
const OPPORTUNITY_REASONS: ReadonlySet<string> = new Set([
  OPPORTUNITY_NOT_OPEN_REASON,
  DEADLINE_PASSED_REASON,
]);

const APPLICATIONS_PATH: Record<MatchOpportunityKind, string> = {
  work_request: '/api/work-requests',
  listing: '/api/listings',
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
    private readonly records: MatchRecords,
    private readonly opportunities: OpportunitiesService,
    private readonly profiles: ProfilesService,
    private readonly webhooks: WebhookPublisher,
    private readonly notifications: NotificationsService,
    private readonly followUps: FollowUpSchedule,
    private readonly matching: MatchingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A trainee applies (their own profile); anyone else shortlists the profile they name. */
  async create(
    user: AuthUser,
    dto: MatchCreateDto,
  ): Promise<MatchResponseDto | ApplicationResponseDto> {
    if (user.role === 'trainee') {
      if (dto.profileId !== undefined) {
        throw new InputValidationError([
          { field: 'profileId', message: 'a trainee applies with their own profile; leave it out' },
        ]);
      }
      return this.apply(user, dto);
    }
    if (dto.profileId === undefined) {
      throw new InputValidationError([
        {
          field: 'profileId',
          message:
            'is required: name the profile to shortlist (only trainees apply, for themselves)',
        },
      ]);
    }
    return this.shortlist(user, dto.profileId, dto);
  }

  /**
   * A trainee's application: state `applied` on their own profile, refused when the opportunity
   * is not open or past its deadline, when the hiring party could not see the profile, when the
   * pair already has a live match, or beyond APPLICATIONS_PER_DAY in a rolling 24 hours. The
   * hiring side hears of it (notification, e-mail, webhook) in the same transaction; the answer
   * carries how the person fits, scored as candidates are.
   */
  async apply(
    user: AuthUser,
    dto: MatchCreateDto,
    now = new Date(),
  ): Promise<ApplicationResponseDto> {
    const target = opportunityOf(dto);
    const own = await this.profiles.getOwn(user);
    const opportunityId = target.id.toLowerCase();
    const limit = this.config.applicationsPerDay;
    let entity: OpportunityRecord | undefined;
    try {
      const created = await this.tx.run(async (m) => {
        const recent = await this.matches.lockAndCountRecentApplications(m, own.id, now);
        if (recent.count >= limit && recent.oldest !== null) {
          const freeAt = new Date(recent.oldest).getTime() + DAY_MS;
          throw new TooManyApplicationsError(
            limit,
            Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)),
          );
        }
        entity = await this.opportunities.findForApplication(m, target.kind, opportunityId);
        // drafts and listings held for review are nobody's business but their owners'
        if (entity === undefined || entity.status === 'draft' || entity.status === 'review') {
          throw new OpportunityNotFoundError(target.kind);
        }
        if (
          entity.status !== 'open' ||
          (entity.deadline !== null && entity.deadline.getTime() <= now.getTime())
        ) {
          throw new ApplicationsClosedError(entity.status, entity.deadline);
        }
        const needed = VISIBLE_TO_HIRER[target.kind];
        if (!needed.includes(own.visibility)) {
          throw new ApplicantProfileNotVisibleError(needed.join(' or '));
        }
        const existing = await this.matches.findLiveId(m, own.id, opportunityId);
        if (existing !== undefined) throw new MatchAlreadyExistsError(existing);
        const id = await this.matches.insertApplication(m, {
          profileId: own.id,
          opportunityId,
          createdBy: user.id,
          note: dto.note ?? null,
        });
        await this.matches.appendEvent(m, {
          matchId: id,
          actorUserId: user.id,
          actorRole: 'trainee',
          fromState: null,
          toState: 'applied',
          note: dto.note ?? null,
        });
        const match = await this.require(m, { kind: 'all' }, id);
        await this.announce(m, match, null, 'trainee');
        return match;
      });
      const fits = await this.matching.fitsOf(user, entity as OpportunityRecord, [own], now);
      return { ...toMatchResponse(created, user), fit: fits.get(own.id)! };
    } catch (error) {
      if (!isLivePairViolation(error)) throw error;
      const existing = await this.tx.run((m) => this.matches.findLiveId(m, own.id, opportunityId));
      throw new MatchAlreadyExistsError(existing ?? '');
    }
  }

  /**
   * The live applications of a work request or listing, for those who may rank its candidates:
   * ranked by the same score, eligible applicants first, then those failing a hard constraint
   * (with the reasons), then those whose profile the reader may not see now (anonymised, no
   * score). Whether the opportunity itself is still open does not make anyone ineligible.
   */
  async applications(
    user: AuthUser,
    kind: MatchOpportunityKind,
    id: string,
    now = new Date(),
  ): Promise<ApplicantListDto> {
    const entity = await this.opportunities.get(kind, user, id);
    const records = await this.tx.run((m) => this.records.findLiveApplications(m, entity.id));
    const seen = records.filter((r) => profileVisibleTo(r, user));
    const full = await this.profiles.getForScoring(seen.map((r) => r.profileId));
    const fits = await this.matching.fitsOf(user, entity, full, now);
    const { profiles } = await this.profiles.getVisibleInOrder(
      user,
      seen.map((r) => r.profileId),
    );
    const shown = new Map(profiles.map((p) => [p.id, PublicProfileResponseDto.of(p)]));
    const items: ApplicantDto[] = records.map((r) => {
      const fit = fits.get(r.profileId);
      const profile = shown.get(r.profileId);
      const base = {
        matchId: r.id,
        state: r.state,
        appliedAt: new Date(r.appliedAt as Date).toISOString(),
        note: r.note,
      };
      if (fit === undefined || profile === undefined) {
        return {
          ...base,
          hidden: true,
          profile: null,
          score: null,
          explanation: null,
          eligible: false,
          ineligibilityReasons: ['profile not visible to you'],
        };
      }
      const reasons = fit.ineligibilityReasons.filter((x) => !OPPORTUNITY_REASONS.has(x));
      return {
        ...base,
        hidden: false,
        profile,
        score: fit.score,
        explanation: fit.explanation,
        eligible: reasons.length === 0,
        ineligibilityReasons: reasons,
      };
    });
    const rank = (a: ApplicantDto): number => (a.hidden ? 2 : a.eligible ? 0 : 1);
    items.sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (b.score ?? 0) - (a.score ?? 0) ||
        a.appliedAt.localeCompare(b.appliedAt) ||
        a.matchId.localeCompare(b.matchId),
    );
    return { items };
  }

  private async shortlist(
    user: AuthUser,
    requestedProfileId: string,
    dto: MatchCreateDto,
  ): Promise<MatchResponseDto> {
    const target = opportunityOf(dto);
    // Throws 404 unless the profile exists, is not erased and is visible to the caller.
    await this.profiles.getVisible(user, requestedProfileId);
    const profileId = requestedProfileId.toLowerCase();
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
        await this.announce(m, created, null, actorOf(user));
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
      this.records.findPage(
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
      events: await this.records.findEvents(m, id),
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
      await this.announce(m, updated, current.state, actor);
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
    const found = await this.records.findInScope(m, scope, id, options);
    if (found === undefined) throw new MatchNotFoundError();
    return found;
  }

  /**
   * `match.<state>` to the organisation that created the match and the opportunity's owner, and
   * the notifications of the move: the trainee hears of what others do once the match is theirs
   * to see (applied or invited); the hiring side hears of the trainee's application and answers.
   */
  private async announce(
    m: EntityManager,
    match: MatchRecord,
    previousState: string | null,
    mover: MatchActor,
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
    const data = { matchId: match.id, state: match.state, opportunityId: match.opportunityId };
    const params = { opportunity: match.opportunityTitle };
    const traineeKind = TRAINEE_NOTIFICATIONS[match.state];
    const traineeSees = match.invitedAt !== null || match.appliedAt !== null;
    if (
      traineeKind !== undefined &&
      mover !== 'trainee' &&
      traineeSees &&
      match.profileUserId !== null
    ) {
      await this.notifications.notify(m, {
        userId: match.profileUserId,
        kind: traineeKind,
        data,
        params,
        link: `/api/matches/${match.id}`,
      });
    }
    const partyKind = PARTY_NOTIFICATIONS[match.state];
    if (partyKind !== undefined && mover === 'trainee') {
      for (const userId of await this.partyStaff(match)) {
        await this.notifications.notify(m, {
          userId,
          kind: partyKind,
          data,
          params,
          link:
            partyKind === 'application.received'
              ? `${APPLICATIONS_PATH[match.opportunityKind]}/${match.opportunityId}/applications`
              : `/api/matches/${match.id}`,
        });
      }
    }
  }

  /**
   * Who runs the process on the hiring side: the company's staff for a work request, the
   * brokers of the listing's organisation for a listing, and the brokers of the organisation
   * that made the match (when a broker shortlisted on a company's request).
   */
  private partyStaff(match: MatchRecord): Promise<string[]> {
    const owners = this.records.partyStaff(
      [match.opportunityOrganisationId],
      match.opportunityKind === 'work_request' ? ['company'] : ['broker'],
    );
    if (match.organisationId === null || match.organisationId === match.opportunityOrganisationId) {
      return owners;
    }
    return Promise.all([
      owners,
      this.records.partyStaff([match.organisationId], ['broker', 'company']),
    ]).then(([a, b]) => [...new Set([...a, ...b])]);
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
