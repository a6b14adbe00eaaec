import type {
  CertificateIssuedDto,
  CertificateVerificationDto,
  CertifiedSkillDto,
  MyCertificateDto,
} from './dto/certificate.dto.js';
import type { CohortResponseDto } from './dto/cohort.dto.js';
import type { CourseResponseDto } from './dto/course.dto.js';
import type { EnrolmentResponseDto, MyEnrolmentDto } from './dto/enrolment.dto.js';
import type { ProgrammeResponseDto } from './dto/programme.dto.js';
import type {
  CertificateVerification,
  CohortRecord,
  CourseWithSkills,
  EnrolmentRecord,
  IssuedCertificate,
  NamedSkill,
  ProgrammeRecord,
  RecordPage,
  TraineeCertificate,
  TraineeEnrolment,
} from './training-records.js';

/*
 * Records → response DTOs, for the controllers. The JSON of every answer is defined here.
 */

/** A page of records as a page of DTOs. */
export function toPageResponse<R, D>(
  page: RecordPage<R>,
  map: (record: R) => D,
): { items: D[]; nextCursor: string | null } {
  return { items: page.items.map((r) => map(r)), nextCursor: page.nextCursor };
}

export function toProgrammeResponse(programme: ProgrammeRecord): ProgrammeResponseDto {
  return {
    id: programme.id,
    name: programme.name,
    code: programme.code,
    donor: programme.donor,
    countries: [...programme.countries],
    startsOn: programme.startsOn,
    endsOn: programme.endsOn,
    partners: [...programme.partners],
    priorities: [...programme.priorities],
    createdAt: programme.createdAt.toISOString(),
  };
}

function toSkillResponses(skills: readonly NamedSkill[]): CertifiedSkillDto[] {
  return skills.map((s) => ({ skillId: s.skillId, name: s.name, level: s.level }));
}

export function toCourseResponse(course: CourseWithSkills): CourseResponseDto {
  const coverage = course.gapCoverage;
  return {
    id: course.id,
    programmeId: course.programmeId,
    title: course.title,
    providerId: course.providerId,
    skills: toSkillResponses(course.skills),
    hours: course.hours,
    mode: course.mode,
    createdAt: course.createdAt.toISOString(),
    ...(coverage === undefined
      ? {}
      : {
          gapCoverage: {
            gaps: coverage.gaps,
            openings: coverage.openings,
            skills: coverage.skills.map((s) => ({
              skillId: s.skillId,
              level: s.level,
              countries: [...s.countries],
              openings: s.openings,
              name: s.name,
            })),
          },
        }),
  };
}

export function toCohortResponse(cohort: CohortRecord): CohortResponseDto {
  return {
    id: cohort.id,
    courseId: cohort.courseId,
    startsOn: cohort.startsOn,
    endsOn: cohort.endsOn,
    location: cohort.location,
    capacity: cohort.capacity,
    seatsTaken: cohort.seatsTaken,
    createdAt: cohort.createdAt.toISOString(),
  };
}

export function toEnrolmentResponse(enrolment: EnrolmentRecord): EnrolmentResponseDto {
  return {
    id: enrolment.id,
    cohortId: enrolment.cohortId,
    profileId: enrolment.profileId,
    status: enrolment.status,
    score: enrolment.score,
    finishedAt: enrolment.finishedAt?.toISOString() ?? null,
    createdAt: enrolment.createdAt.toISOString(),
  };
}

export function toCertificateIssued(certificate: IssuedCertificate): CertificateIssuedDto {
  return {
    code: certificate.code,
    verifyUrl: certificate.verifyUrl,
    enrolmentId: certificate.enrolmentId,
    issuedAt: certificate.issuedAt.toISOString(),
    revokedAt: certificate.revokedAt?.toISOString() ?? null,
  };
}

export function toMyEnrolment(enrolment: TraineeEnrolment): MyEnrolmentDto {
  return {
    id: enrolment.id,
    status: enrolment.status,
    score: enrolment.score,
    courseId: enrolment.courseId,
    courseTitle: enrolment.courseTitle,
    providerName: enrolment.providerName,
    cohortId: enrolment.cohortId,
    startsOn: enrolment.startsOn,
    endsOn: enrolment.endsOn,
    location: enrolment.location,
    finishedAt: enrolment.finishedAt?.toISOString() ?? null,
    createdAt: enrolment.createdAt.toISOString(),
    certificate: enrolment.certificate === null ? null : toCertificateIssued(enrolment.certificate),
  };
}

export function toMyCertificate(certificate: TraineeCertificate): MyCertificateDto {
  return {
    ...toCertificateIssued(certificate),
    courseTitle: certificate.courseTitle,
    providerName: certificate.providerName,
    score: certificate.score,
    revocationReason: certificate.revocationReason,
    skills: toSkillResponses(certificate.skills),
  };
}

export function toCertificateVerification(
  verification: CertificateVerification,
): CertificateVerificationDto {
  return {
    code: verification.code,
    valid: true,
    holderName: verification.holderName,
    courseTitle: verification.courseTitle,
    courseHours: verification.courseHours,
    providerName: verification.providerName,
    programmeCode: verification.programmeCode,
    completedOn: verification.issuedAt.toISOString().slice(0, 10),
    score: verification.score,
    skills: toSkillResponses(verification.skills),
  };
}
