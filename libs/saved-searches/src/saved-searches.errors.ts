import { ConflictError, DomainError, NotFoundError } from '@app/http';
import { SAVED_SEARCHES_PER_USER } from './saved-search-values.js';

/** Unknown, or someone else's: the same answer, so ids reveal nothing. */
export class SavedSearchNotFoundError extends NotFoundError {
  constructor() {
    super('Saved search');
  }
}

/** The caller's role may not save this kind (trainees save opportunities, companies talent). */
export class SavedSearchKindForbiddenError extends DomainError {
  constructor(kind: string, role: string) {
    super('SAVED_SEARCH_KIND_FORBIDDEN', 403, `A ${role} may not save ${kind} searches`, {
      errors: [{ field: 'kind', message: `a ${role} may not save ${kind} searches` }],
    });
  }
}

/** The person holds the most saved searches allowed; one must go before another is saved. */
export class SavedSearchLimitError extends ConflictError {
  constructor() {
    super(
      'SAVED_SEARCH_LIMIT_REACHED',
      `At most ${SAVED_SEARCHES_PER_USER} saved searches per person; delete one first`,
      { limit: SAVED_SEARCHES_PER_USER },
    );
  }
}
