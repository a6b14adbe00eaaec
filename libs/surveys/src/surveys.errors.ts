import { ConflictError, DomainError } from '@app/http';

/** Unknown link, a survey of someone else, or one withdrawn by erasure: nothing to answer. */
export class SurveyNotFoundError extends DomainError {
  constructor() {
    super('SURVEY_NOT_FOUND', 404, 'No survey has this link');
  }
}

export class SurveyAlreadyAnsweredError extends ConflictError {
  constructor(answeredAt: Date) {
    super('SURVEY_ALREADY_ANSWERED', 'This survey was already answered', {
      answeredAt: answeredAt.toISOString(),
    });
  }
}

export class SurveyExpiredError extends DomainError {
  constructor(expiresAt: Date) {
    super('SURVEY_EXPIRED', 410, 'This survey has closed', { expiresAt: expiresAt.toISOString() });
  }
}

/** A signed-in answer to a survey that has not fallen due yet. */
export class SurveyNotDueError extends ConflictError {
  constructor(dueAt: Date) {
    super('SURVEY_NOT_DUE', 'This survey is not open yet', { dueAt: dueAt.toISOString() });
  }
}
