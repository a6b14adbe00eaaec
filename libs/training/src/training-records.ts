import type { GapCoverage } from './gap-coverage.js';
import type { ProgrammePriority } from './programme-priority.js';
import type { CourseMode, EnrolmentStatus, SkillAtLevel } from './training-values.js';

/*
 * What the services of this lib return (and other libs read through its facade): plain records,
 * mapped to the response DTOs by the controllers.
 */

/** A donor programme with its partner organisations (ids, sorted). */
export interface ProgrammeRecord {
  readonly id: string;
  readonly name: string;
  readonly code: string;
  readonly donor: string | null;
  /** ISO 3166-1 alpha-2 */
  readonly countries: readonly string[];
  /** YYYY-MM-DD */
  readonly startsOn: string;
  /** YYYY-MM-DD */
  readonly endsOn: string;
  readonly priorities: readonly ProgrammePriority[];
  readonly partners: readonly string[];
  readonly createdAt: Date;
}

export interface CourseRecord {
  readonly id: string;
  readonly programmeId: string | null;
  /** The training provider organisation that runs the course. */
  readonly providerId: string;
  readonly title: string;
  readonly hours: number;
  readonly mode: CourseMode;
  readonly createdAt: Date;
}

/** A skill at a level, named in the caller's language. */
export interface NamedSkill extends SkillAtLevel {
  readonly name: string;
}

/** A course with the skills it teaches; in a gap-coverage ranking, the gaps it closes. */
export interface CourseWithSkills extends CourseRecord {
  readonly skills: readonly NamedSkill[];
  readonly gapCoverage?: Omit<GapCoverage, 'skills'> & {
    readonly skills: readonly (GapCoverage['skills'][number] & { readonly name: string })[];
  };
}

/** A cohort (one run of a course) with the seats taken: enrolments not dropped. */
export interface CohortRecord {
  readonly id: string;
  readonly courseId: string;
  /** YYYY-MM-DD */
  readonly startsOn: string;
  /** YYYY-MM-DD */
  readonly endsOn: string;
  readonly location: string | null;
  readonly capacity: number;
  readonly seatsTaken: number;
  readonly createdAt: Date;
}

export interface EnrolmentRecord {
  readonly id: string;
  readonly cohortId: string;
  readonly profileId: string;
  readonly status: EnrolmentStatus;
  readonly score: number | null;
  /** When the enrolment was completed or dropped. */
  readonly finishedAt: Date | null;
  readonly createdAt: Date;
}

export interface CertificateRecord {
  readonly id: string;
  readonly enrolmentId: string;
  readonly profileId: string;
  /** The public verification code. */
  readonly code: string;
  readonly issuedAt: Date;
  readonly revokedAt: Date | null;
  readonly revokedBy: string | null;
  readonly revocationReason: string | null;
}

/** A certificate as its issuer and holder see it: with its public verification link. */
export interface IssuedCertificate {
  readonly code: string;
  readonly verifyUrl: string;
  readonly enrolmentId: string;
  readonly issuedAt: Date;
  readonly revokedAt: Date | null;
}

/** A trainee's own enrolment with what they see of the course, and its certificate if issued. */
export interface TraineeEnrolment {
  readonly id: string;
  readonly status: EnrolmentStatus;
  readonly score: number | null;
  readonly courseId: string;
  readonly courseTitle: string;
  readonly providerName: string;
  readonly cohortId: string;
  readonly startsOn: string;
  readonly endsOn: string;
  readonly location: string | null;
  readonly finishedAt: Date | null;
  readonly createdAt: Date;
  readonly certificate: IssuedCertificate | null;
}

/** A trainee's own certificate, revoked ones included (with the reason). */
export interface TraineeCertificate extends IssuedCertificate {
  readonly courseTitle: string;
  readonly providerName: string;
  readonly score: number | null;
  readonly revocationReason: string | null;
  readonly skills: readonly NamedSkill[];
}

/** What anyone holding the code of a valid certificate may know. */
export interface CertificateVerification {
  readonly code: string;
  readonly holderName: string;
  readonly courseTitle: string;
  readonly courseHours: number;
  readonly providerName: string;
  readonly programmeCode: string | null;
  readonly issuedAt: Date;
  readonly score: number | null;
  readonly skills: readonly NamedSkill[];
}

/** One page of a keyset list. */
export interface RecordPage<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}
