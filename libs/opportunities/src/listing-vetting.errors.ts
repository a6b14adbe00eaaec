import { ConflictError, DomainError } from '@app/http';

/** One flag per person and listing. */
export class ListingAlreadyFlaggedError extends ConflictError {
  constructor() {
    super('LISTING_ALREADY_FLAGGED', 'You have already flagged this listing');
  }
}

/** Flags are cheap to send and costly to review: a person may send only so many an hour. */
export class FlagRateLimitedError extends DomainError {
  constructor(perHour: number) {
    super('FLAG_RATE_LIMITED', 429, `At most ${perHour} flags an hour; try again later`, {
      retryAfterSeconds: 3600,
    });
  }
}
