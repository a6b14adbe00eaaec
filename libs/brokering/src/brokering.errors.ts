import { ConflictError, DomainError, NotFoundError } from '@app/http';
import type { MatchState } from './match-transitions.js';

/** Unknown, or a match the caller may not see: the two look alike. */
export class MatchNotFoundError extends NotFoundError {
  constructor() {
    super('Match');
  }
}

/** The pair already has a live match; `existingMatchId` names it. */
export class MatchAlreadyExistsError extends ConflictError {
  constructor(existingMatchId: string) {
    super('MATCH_ALREADY_EXISTS', 'This profile already has a live match for this opportunity', {
      existingMatchId,
    });
  }
}

/** No one may make this move from the current state. */
export class MatchIllegalTransitionError extends ConflictError {
  constructor(state: MatchState, to: MatchState, allowedMoves: MatchState[]) {
    super('MATCH_ILLEGAL_TRANSITION', `A match that is ${state} cannot become ${to}`, {
      state,
      allowedMoves,
    });
  }
}

/** The move exists from this state, but another party must make it. */
export class MatchTransitionNotAllowedError extends DomainError {
  constructor(state: MatchState, to: MatchState, allowedMoves: MatchState[]) {
    super('MATCH_TRANSITION_NOT_ALLOWED', 403, `You may not move this ${state} match to ${to}`, {
      state,
      allowedMoves,
    });
  }
}

/** Matching to, or hiring for, a request or listing that is not open (draft or closed). */
export class OpportunityNotOpenError extends ConflictError {
  constructor(status: string) {
    super('OPPORTUNITY_NOT_OPEN', `The opportunity is ${status}, not open`, { status });
  }
}

/** Every opening is taken: the request is filled and takes no more hires. */
export class OpeningsFilledError extends ConflictError {
  constructor(openings: number) {
    super('OPENINGS_FILLED', `All ${openings} openings are filled`, { openings });
  }
}

/** Accepting needs a profile the hiring party may see. */
export class ProfileNotVisibleToPartyError extends ConflictError {
  constructor(needed: string) {
    super(
      'PROFILE_NOT_VISIBLE',
      `Set your profile's visibility to ${needed} to accept this invitation`,
      { neededVisibility: needed },
    );
  }
}

/**
 * A party may not invite or hire a person whose profile it may not see (its visibility does not
 * include the party, or it turned private after the match was made).
 */
export class ProfileHiddenFromPartyError extends ConflictError {
  constructor(to: MatchState) {
    super(
      'PROFILE_NOT_VISIBLE',
      `The trainee's profile is not visible to you; the match cannot move to ${to}`,
      { to },
    );
  }
}

/** The trainee erased their data: the match can still be cancelled or completed, not advanced. */
export class ProfileErasedError extends ConflictError {
  constructor(to: MatchState) {
    super('PROFILE_ERASED', `The trainee erased their profile; the match cannot move to ${to}`, {
      to,
    });
  }
}

export class MatchNotCompletedError extends ConflictError {
  constructor(state: MatchState) {
    super('MATCH_NOT_COMPLETED', `Only a completed match can be rated; this one is ${state}`, {
      state,
    });
  }
}

export class MatchAlreadyRatedError extends ConflictError {
  constructor() {
    super('MATCH_ALREADY_RATED', 'You already rated this engagement');
  }
}

/** Applying to an opportunity that is closed, filled, or whose deadline has passed. */
export class ApplicationsClosedError extends ConflictError {
  constructor(status: string, deadline: Date | null) {
    super(
      'OPPORTUNITY_NOT_OPEN',
      status === 'open'
        ? 'The deadline for applications has passed'
        : `The opportunity is ${status}, not open`,
      { opportunityStatus: status, deadline: deadline === null ? null : deadline.toISOString() },
    );
  }
}

/** Applying needs a profile the hiring party may see. */
export class ApplicantProfileNotVisibleError extends ConflictError {
  constructor(needed: string) {
    super(
      'PROFILE_NOT_VISIBLE',
      `Set your profile's visibility to ${needed} to apply: the hiring party must be able to see it`,
      { neededVisibility: needed },
    );
  }
}

/** More applications in a rolling 24 hours than APPLICATIONS_PER_DAY allows. */
export class TooManyApplicationsError extends DomainError {
  constructor(limit: number, retryAfterSeconds: number) {
    super(
      'TOO_MANY_APPLICATIONS',
      429,
      `At most ${limit} applications in 24 hours; try again later`,
      { limit, retryAfterSeconds },
    );
  }
}
