import { DomainError, NotFoundError, ServiceUnavailableError } from '@app/http';

/** `PUT /api/profiles/me` without `If-Match`: the client must say which version it edited. */
export class ProfileVersionRequiredError extends DomainError {
  constructor() {
    super(
      'PROFILE_VERSION_REQUIRED',
      428,
      'Send If-Match with the ETag of the profile you edited (GET /api/profiles/me)',
    );
  }
}

/** The profile changed since the client read it: nothing was written. */
export class ProfileVersionConflictError extends DomainError {
  constructor(currentVersion: number) {
    super(
      'PROFILE_VERSION_CONFLICT',
      412,
      'The profile was changed since you read it; read it again and reapply your changes',
      { currentVersion },
    );
  }
}

export class ProfileNotFoundError extends NotFoundError {
  constructor() {
    super('Profile');
  }
}

/**
 * The search engine did not confirm an erasure in time; the database part stands and the outbox
 * removes the document when the engine is back. The engine's own message (it names its
 * address) is logged, never sent.
 */
export class SearchErasureFailedError extends ServiceUnavailableError {
  constructor() {
    super(
      'SEARCH_ERASURE_FAILED',
      'The profile was erased; search has not confirmed the removal yet and will remove it as soon as it is back.',
    );
  }
}
