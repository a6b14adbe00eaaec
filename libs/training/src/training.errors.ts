import {
  ForbiddenError,
  ConflictError,
  DomainError,
  NotFoundError,
  type FieldError,
} from '@app/http';

export class ProgrammeNotFoundError extends NotFoundError {
  constructor() {
    super('Programme');
  }
}

export class CourseNotFoundError extends NotFoundError {
  constructor() {
    super('Course');
  }
}

export class CohortNotFoundError extends NotFoundError {
  constructor() {
    super('Cohort');
  }
}

export class EnrolmentNotFoundError extends NotFoundError {
  constructor() {
    super('Enrolment');
  }
}

/** Unknown, or held by a person who erased their account: nothing to verify. */
export class CertificateNotFoundError extends DomainError {
  constructor() {
    super('CERTIFICATE_NOT_FOUND', 404, 'No certificate has this code');
  }
}

/** Verification of a revoked certificate: still a 404 (it certifies nothing), saying why. */
export class CertificateRevokedError extends DomainError {
  constructor(revokedAt: Date) {
    super('CERTIFICATE_REVOKED', 404, 'This certificate was revoked and certifies nothing', {
      revokedAt: revokedAt.toISOString(),
    });
  }
}

export class CertificateAlreadyRevokedError extends ConflictError {
  constructor() {
    super('CERTIFICATE_ALREADY_REVOKED', 'This certificate is already revoked');
  }
}

export class ProgrammeCodeTakenError extends ConflictError {
  constructor(code: string) {
    super('PROGRAMME_CODE_TAKEN', `A programme with code ${code} already exists`);
  }
}

/** The body named something that must be the profile of an active trainee, and is not. */
export class NotATraineeProfileError extends DomainError {
  constructor() {
    const errors: FieldError[] = [
      { field: 'profileId', message: 'profileId must be the profile of an active trainee' },
    ];
    super('TRAINEE_PROFILE_NOT_FOUND', 400, 'profileId: not the profile of an active trainee', {
      errors,
    });
  }
}

export class AlreadyEnrolledError extends ConflictError {
  constructor() {
    super('ALREADY_ENROLLED', 'This trainee is already enrolled in this cohort');
  }
}

export class CohortFullError extends ConflictError {
  constructor(capacity: number) {
    super('COHORT_FULL', `The cohort is full (${capacity} seats)`, { capacity });
  }
}

/** Completing a dropped enrolment, or dropping a completed one. */
export class EnrolmentFinishedError extends ConflictError {
  constructor(status: 'completed' | 'dropped') {
    super('ENROLMENT_FINISHED', `The enrolment was already ${status}`, { status });
  }
}

/**
 * The signed credential of a revoked certificate: 410, because the certificate existed and its
 * issuer withdrew it for good. The trainer's free-text reason stays private (it may describe the
 * person); the answer says that the issuer revoked it and when.
 */
export class CertificateCredentialRevokedError extends DomainError {
  constructor(revokedAt: Date) {
    super(
      'CERTIFICATE_REVOKED',
      410,
      `The issuer revoked this certificate on ${revokedAt.toISOString().slice(0, 10)}; it certifies nothing`,
      { revokedAt: revokedAt.toISOString(), reason: 'revoked_by_issuer' },
    );
  }
}

/** No training provider has this id. */
export class IssuerNotFoundError extends NotFoundError {
  constructor() {
    super('Issuer');
  }
}

export class GapCoverageForbiddenError extends ForbiddenError {
  constructor() {
    super('Only trainers and admins rank courses by the skill gaps they close');
  }
}
