import type {
  CertificateIssuedDto,
  CertifiedSkillDto,
  MyCertificateDto,
} from './dto/certificate.dto.js';
import type { CertificateVerificationDto } from './dto/certificate.dto.js';
import type { CohortResponseDto } from './dto/cohort.dto.js';
import type { CourseResponseDto } from './dto/course.dto.js';
import type { EnrolmentResponseDto, MyEnrolmentDto } from './dto/enrolment.dto.js';
import type { ProgrammeResponseDto } from './dto/programme.dto.js';
import type { CertificateDetails } from './certificates.repository.js';
import type { CohortWithSeats } from './courses.repository.js';
import type { TraineeEnrolmentRow } from './enrolments.repository.js';
import type { CertificateEntity } from './entities/certificate.entity.js';
import type { CourseEntity } from './entities/course.entity.js';
import type { EnrolmentEntity } from './entities/enrolment.entity.js';
import type { ProgrammeEntity } from './entities/programme.entity.js';
import type { SkillAtLevel } from './training-values.js';

/** Skill names by id, loaded once per response. */
export type SkillNames = ReadonlyMap<string, string>;

export function toProgrammeResponse(
  programme: ProgrammeEntity,
  partners: string[],
): ProgrammeResponseDto {
  return {
    id: programme.id,
    name: programme.name,
    code: programme.code,
    donor: programme.donor,
    countries: programme.countries,
    startsOn: programme.startsOn,
    endsOn: programme.endsOn,
    partners,
    priorities: programme.priorities,
    createdAt: programme.createdAt.toISOString(),
  };
}

function namedSkills(skills: SkillAtLevel[], names: SkillNames): CertifiedSkillDto[] {
  return skills.map((s) => ({
    skillId: s.skillId,
    name: names.get(s.skillId) ?? '',
    level: s.level,
  }));
}

export function toCourseResponse(
  course: CourseEntity,
  skills: SkillAtLevel[],
  names: SkillNames,
): CourseResponseDto {
  return {
    id: course.id,
    programmeId: course.programmeId,
    title: course.title,
    providerId: course.providerId,
    skills: namedSkills(skills, names),
    hours: course.hours,
    mode: course.mode,
    createdAt: course.createdAt.toISOString(),
  };
}

export function toCohortResponse(cohort: CohortWithSeats): CohortResponseDto {
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

export function toEnrolmentResponse(enrolment: EnrolmentEntity): EnrolmentResponseDto {
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

/** The public verification link of a code. */
export function verifyUrlOf(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl}/api/certificates/${code}`;
}

export function toCertificateIssued(
  certificate: CertificateEntity,
  publicBaseUrl: string,
): CertificateIssuedDto {
  return {
    code: certificate.code,
    verifyUrl: verifyUrlOf(publicBaseUrl, certificate.code),
    enrolmentId: certificate.enrolmentId,
    issuedAt: certificate.issuedAt.toISOString(),
    revokedAt: certificate.revokedAt?.toISOString() ?? null,
  };
}

export function toMyEnrolment(
  row: TraineeEnrolmentRow,
  certificate: CertificateIssuedDto | null,
): MyEnrolmentDto {
  return {
    id: row.id,
    status: row.status,
    score: row.score,
    courseId: row.courseId,
    courseTitle: row.courseTitle,
    providerName: row.providerName,
    cohortId: row.cohortId,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    location: row.location,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    certificate,
  };
}

export function toMyCertificate(
  details: CertificateDetails,
  names: SkillNames,
  publicBaseUrl: string,
): MyCertificateDto {
  return {
    ...toCertificateIssued(details.certificate, publicBaseUrl),
    courseTitle: details.courseTitle,
    providerName: details.providerName,
    score: details.score,
    revocationReason: details.certificate.revocationReason,
    skills: namedSkills(details.skills, names),
  };
}

/** Only for a valid certificate of a person who still exists (the service checks). */
export function toCertificateVerification(
  details: CertificateDetails,
  names: SkillNames,
): CertificateVerificationDto {
  return {
    code: details.certificate.code,
    valid: true,
    holderName: details.holderName ?? '',
    courseTitle: details.courseTitle,
    courseHours: details.courseHours,
    providerName: details.providerName,
    programmeCode: details.programmeCode,
    completedOn: details.certificate.issuedAt.toISOString().slice(0, 10),
    score: details.score,
    skills: namedSkills(details.skills, names),
  };
}
