/**
 * A rule of the domain was broken. Each error has a stable machine-readable `code`
 * (e.g. `PROFILE_VERSION_CONFLICT`) and the HTTP status it maps to; the global filter turns it
 * into `application/problem+json`. Extra members (e.g. `allowedTransitions`) go into the body.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export interface FieldError {
  field: string;
  message: string;
  /** Values that would have been accepted, closest first (e.g. known towns for a misspelt one). */
  suggestions?: string[];
}

/** Input that passed DTO validation but broke a rule needing data (unknown skill id, …). */
export class InputValidationError extends DomainError {
  constructor(readonly errors: FieldError[]) {
    super('VALIDATION_FAILED', 400, errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('NOT_FOUND', 404, `${what} not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super('FORBIDDEN', 403, message);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, extensions: Record<string, unknown> = {}) {
    super(code, 409, message, extensions);
  }
}

/** Seconds a client is told to wait (`Retry-After`) when a dependency is briefly unavailable. */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

/**
 * A dependency (the search engine, …) cannot serve the request right now. 503 with
 * `Retry-After`; the detail stays generic, so no internal address reaches a client.
 */
export class ServiceUnavailableError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds = DEFAULT_RETRY_AFTER_SECONDS,
    extensions: Record<string, unknown> = {},
  ) {
    super(code, 503, message, extensions);
  }
}
