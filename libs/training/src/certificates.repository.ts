import { anyUuid, checkedText, typedQueries } from '@app/database';
import type { PagePosition } from '@app/http';
import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import type { EntityManager } from 'typeorm';
import type { CertificateRecord } from './training-records.js';
import { COURSE_MODES, type CourseMode, type SkillAtLevel } from './training-values.js';

/** A certificate with the facts of this lib its verification, page and credential show. */
export interface CertificateFacts {
  certificate: CertificateRecord;
  courseId: string;
  courseTitle: string;
  courseHours: number;
  courseMode: CourseMode;
  providerId: string;
  programmeCode: string | null;
  programmeName: string | null;
  score: number | null;
  /** Certified skills, by skill id. */
  skills: SkillAtLevel[];
}

const CERTIFICATE_COLUMNS = [
  'id',
  'enrolment_id',
  'profile_id',
  'code',
  'issued_at',
  'revoked_at',
  'revoked_by',
  'revocation_reason',
] as const;

/** The same columns of `certificates as t`. */
const CERTIFICATE_COLUMNS_OF_T = [
  't.id',
  't.enrolment_id',
  't.profile_id',
  't.code',
  't.issued_at',
  't.revoked_at',
  't.revoked_by',
  't.revocation_reason',
] as const;

function toCertificate(r: {
  id: string;
  enrolment_id: string;
  profile_id: string;
  code: string;
  issued_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}): CertificateRecord {
  return {
    id: r.id,
    enrolmentId: r.enrolment_id,
    profileId: r.profile_id,
    code: r.code,
    issuedAt: r.issued_at,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
    revocationReason: r.revocation_reason,
  };
}

const selectFacts = (manager: EntityManager) =>
  typedQueries(manager)
    .selectFrom('certificates as t')
    .innerJoin('enrolments as e', 'e.id', 't.enrolment_id')
    .innerJoin('cohorts as h', 'h.id', 'e.cohort_id')
    .innerJoin('courses as c', 'c.id', 'h.course_id')
    .leftJoin('programmes as g', 'g.id', 'c.programme_id')
    .select([
      ...CERTIFICATE_COLUMNS_OF_T,
      'e.score',
      'c.id as course_id',
      'c.title as course_title',
      'c.hours as course_hours',
      'c.mode as course_mode',
      'c.provider_id',
      'g.code as programme_code',
      'g.name as programme_name',
    ]);

type FactsRow = InferResult<ReturnType<typeof selectFacts>>[number];

@Injectable()
export class CertificatesRepository {
  async insertWithSkills(
    manager: EntityManager,
    fields: { enrolmentId: string; profileId: string; code: string },
    skills: SkillAtLevel[],
  ): Promise<CertificateRecord> {
    const row = await typedQueries(manager)
      .insertInto('certificates')
      .values({
        enrolment_id: fields.enrolmentId,
        profile_id: fields.profileId,
        code: fields.code,
      })
      .returning(CERTIFICATE_COLUMNS)
      .executeTakeFirstOrThrow();
    if (skills.length > 0) {
      await typedQueries(manager)
        .insertInto('certificate_skills')
        .values(
          skills.map((s) => ({ certificate_id: row.id, skill_id: s.skillId, level: s.level })),
        )
        .execute();
    }
    return toCertificate(row);
  }

  /** The certificate of each of these enrolments that has one, by enrolment id. */
  async findByEnrolments(
    manager: EntityManager,
    enrolmentIds: readonly string[],
  ): Promise<Map<string, CertificateRecord>> {
    if (enrolmentIds.length === 0) return new Map();
    const rows = await typedQueries(manager)
      .selectFrom('certificates')
      .select(CERTIFICATE_COLUMNS)
      .where('enrolment_id', '=', anyUuid(enrolmentIds))
      .execute();
    return new Map(rows.map((r) => [r.enrolment_id, toCertificate(r)]));
  }

  async findFactsByCode(manager: EntityManager, code: string): Promise<CertificateFacts | null> {
    const rows = await selectFacts(manager).where('t.code', '=', code).execute();
    return (await this.withSkills(manager, rows))[0] ?? null;
  }

  /** Every certificate of a profile (revoked ones too), oldest first. */
  async findFactsPageOfProfile(
    manager: EntityManager,
    profileId: string,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<CertificateFacts[]> {
    let query = selectFacts(manager).where('t.profile_id', '=', profileId);
    if (after !== undefined) {
      query = query.where((eb) =>
        eb(eb.refTuple('t.issued_at', 't.id'), '>', eb.tuple(after.createdAt, after.id)),
      );
    }
    const rows = await query.orderBy('t.issued_at').orderBy('t.id').limit(limit).execute();
    return this.withSkills(manager, rows);
  }

  /** The certificate row locked until the transaction ends, with its course's provider. */
  async lockByCode(
    manager: EntityManager,
    code: string,
  ): Promise<{ certificate: CertificateRecord; providerId: string } | null> {
    const row = await typedQueries(manager)
      .selectFrom('certificates as t')
      .innerJoin('enrolments as e', 'e.id', 't.enrolment_id')
      .innerJoin('cohorts as h', 'h.id', 'e.cohort_id')
      .innerJoin('courses as c', 'c.id', 'h.course_id')
      .select([...CERTIFICATE_COLUMNS_OF_T, 'c.provider_id'])
      .where('t.code', '=', code)
      .forUpdate('t')
      .executeTakeFirst();
    return row === undefined
      ? null
      : { certificate: toCertificate(row), providerId: row.provider_id };
  }

  async revoke(
    manager: EntityManager,
    certificateId: string,
    revokedBy: string,
    reason: string,
  ): Promise<CertificateRecord> {
    await typedQueries(manager)
      .updateTable('certificates')
      .set({ revoked_at: sql<Date>`now()`, revoked_by: revokedBy, revocation_reason: reason })
      .where('id', '=', certificateId)
      .where('revoked_at', 'is', null)
      .execute();
    const row = await typedQueries(manager)
      .selectFrom('certificates')
      .select(CERTIFICATE_COLUMNS)
      .where('id', '=', certificateId)
      .executeTakeFirstOrThrow();
    return toCertificate(row);
  }

  /** The skills of each certificate of the profile that is not revoked. */
  async findSkillsOfValidCertificates(
    manager: EntityManager,
    profileId: string,
  ): Promise<SkillAtLevel[][]> {
    const rows = await typedQueries(manager)
      .selectFrom('certificate_skills as s')
      .innerJoin('certificates as t', 't.id', 's.certificate_id')
      .select(['s.certificate_id', 's.skill_id', 's.level'])
      .where('t.profile_id', '=', profileId)
      .where('t.revoked_at', 'is', null)
      .execute();
    const byCertificate = new Map<string, SkillAtLevel[]>();
    for (const row of rows) {
      const skills = byCertificate.get(row.certificate_id) ?? [];
      skills.push({ skillId: row.skill_id, level: row.level });
      byCertificate.set(row.certificate_id, skills);
    }
    return [...byCertificate.values()];
  }

  private async withSkills(
    manager: EntityManager,
    rows: readonly FactsRow[],
  ): Promise<CertificateFacts[]> {
    if (rows.length === 0) return [];
    const skillRows = await typedQueries(manager)
      .selectFrom('certificate_skills')
      .select(['certificate_id', 'skill_id', 'level'])
      .where('certificate_id', '=', anyUuid(rows.map((r) => r.id)))
      .orderBy('skill_id')
      .execute();
    return rows.map((r) => ({
      certificate: toCertificate(r),
      courseId: r.course_id,
      courseTitle: r.course_title,
      courseHours: r.course_hours,
      courseMode: checkedText(COURSE_MODES, r.course_mode, 'courses.mode'),
      providerId: r.provider_id,
      programmeCode: r.programme_code,
      programmeName: r.programme_name,
      score: r.score,
      skills: skillRows
        .filter((s) => s.certificate_id === r.id)
        .map((s) => ({ skillId: s.skill_id, level: s.level })),
    }));
  }
}
