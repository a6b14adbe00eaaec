import { DomainError, NotFoundError } from '@app/http';

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

/** The search engine did not confirm an erasure in time; the database part stands. */
export class SearchErasureFailedError extends DomainError {
  constructor(detail: string) {
    super(
      'SEARCH_ERASURE_FAILED',
      503,
      `The profile was erased but search did not confirm: ${detail}`,
    );
  }
}
