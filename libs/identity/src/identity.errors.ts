import { ConflictError, DomainError } from '@app/http';

/** No valid access token: missing, malformed, expired, tampered or for an account that is gone. */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in to do this') {
    super('UNAUTHENTICATED', 401, message);
  }
}

/** One message for unknown e-mail and wrong password alike, so neither can be told apart. */
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super('INVALID_CREDENTIALS', 401, 'The e-mail address or password is wrong');
  }
}

/** Unknown, expired, revoked or already used refresh token. */
export class InvalidRefreshTokenError extends DomainError {
  constructor() {
    super('INVALID_REFRESH_TOKEN', 401, 'The refresh token is not valid; sign in again');
  }
}

export class EmailTakenError extends ConflictError {
  constructor() {
    super('EMAIL_TAKEN', 'An account with this e-mail address already exists');
  }
}

export class TooManyLoginAttemptsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super('TOO_MANY_LOGIN_ATTEMPTS', 429, 'Too many sign-in attempts; try again later', {
      retryAfterSeconds,
    });
  }
}

export class TooManyRegistrationsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(
      'TOO_MANY_REGISTRATIONS',
      429,
      'Too many accounts were registered from this address or for this e-mail domain; try again later',
      { retryAfterSeconds },
    );
  }
}

/** A company publishes work requests only once its e-mail address is confirmed. */
export class EmailNotVerifiedError extends DomainError {
  constructor() {
    super(
      'EMAIL_NOT_VERIFIED',
      403,
      'Confirm the e-mail address of this account (the link sent at registration) before publishing',
    );
  }
}

export class TooManyPasswordResetsError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(
      'TOO_MANY_PASSWORD_RESETS',
      429,
      'Too many password resets were asked for this address or from this client; try again later',
      { retryAfterSeconds },
    );
  }
}
