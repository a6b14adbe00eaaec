import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CertificateEntity } from './entities/certificate.entity.js';
import type { PagePosition } from './page-cursor.js';
import type { SkillAtLevel } from './training-values.js';

/** A certificate with the facts its verification shows. */
export interface CertificateDetails {
  certificate: CertificateEntity;
  /** null once the holder erased their account */
  holderName: string | null;
  courseTitle: string;
  courseHours: number;
  providerId: string;
  providerName: string;
  programmeCode: string | null;
  score: number | null;
  skills: SkillAtLevel[];
}

const DETAILS_SQL = `
  SELECT t.id, t.enrolment_id, t.profile_id, t.code, t.issued_at, t.revoked_at, t.revoked_by,
         t.revocation_reason, e.score, c.title AS course_title, c.hours AS course_hours,
         c.provider_id, o.name AS provider_name, g.code AS programme_code,
         CASE WHEN p.erased_at IS NULL AND u.erased_at IS NULL THEN u.display_name END AS holder_name
    FROM certificates t
    JOIN enrolments e ON e.id = t.enrolment_id
    JOIN cohorts h ON h.id = e.cohort_id
    JOIN courses c ON c.id = h.course_id
    JOIN organisations o ON o.id = c.provider_id
    LEFT JOIN programmes g ON g.id = c.programme_id
    JOIN profiles p ON p.id = t.profile_id
    LEFT JOIN users u ON u.id = p.user_id`;

@Injectable()
export class CertificatesRepository {
  async insertWithSkills(
    manager: EntityManager,
    fields: { enrolmentId: string; profileId: string; code: string },
    skills: SkillAtLevel[],
  ): Promise<CertificateEntity> {
    const certificates = manager.getRepository(CertificateEntity);
    const { id } = await certificates.save(certificates.create(fields));
    await manager.query(
      `INSERT INTO certificate_skills (certificate_id, skill_id, level)
       SELECT $1, s.skill_id, s.level FROM unnest($2::uuid[], $3::smallint[]) AS s(skill_id, level)`,
      [id, skills.map((s) => s.skillId), skills.map((s) => s.level)],
    );
    return certificates.findOneByOrFail({ id });
  }

  findByEnrolment(manager: EntityManager, enrolmentId: string): Promise<CertificateEntity | null> {
    return manager.getRepository(CertificateEntity).findOneBy({ enrolmentId });
  }

  async findDetailsByCode(
    manager: EntityManager,
    code: string,
  ): Promise<CertificateDetails | null> {
    const rows: Record<string, unknown>[] = await manager.query(
      `${DETAILS_SQL} WHERE t.code = $1`,
      [code],
    );
    return (await this.withSkills(manager, rows))[0] ?? null;
  }

  /** The certificate row locked until the transaction ends, with its course's provider. */
  async lockByCode(
    manager: EntityManager,
    code: string,
  ): Promise<{ certificate: CertificateEntity; providerId: string } | null> {
    const rows: { id: string; provider_id: string }[] = await manager.query(
      `SELECT t.id, c.provider_id FROM certificates t
         JOIN enrolments e ON e.id = t.enrolment_id
         JOIN cohorts h ON h.id = e.cohort_id
         JOIN courses c ON c.id = h.course_id
        WHERE t.code = $1 FOR UPDATE OF t`,
      [code],
    );
    if (rows.length === 0) return null;
    const certificate = await manager
      .getRepository(CertificateEntity)
      .findOneByOrFail({ id: rows[0].id });
    return { certificate, providerId: rows[0].provider_id };
  }

  async revoke(
    manager: EntityManager,
    certificateId: string,
    revokedBy: string,
    reason: string,
  ): Promise<CertificateEntity> {
    await manager.query(
      `UPDATE certificates SET revoked_at = now(), revoked_by = $2, revocation_reason = $3
        WHERE id = $1 AND revoked_at IS NULL`,
      [certificateId, revokedBy, reason],
    );
    return manager.getRepository(CertificateEntity).findOneByOrFail({ id: certificateId });
  }

  /** The skills of each certificate of the profile that is not revoked. */
  async findSkillsOfValidCertificates(
    manager: EntityManager,
    profileId: string,
  ): Promise<SkillAtLevel[][]> {
    const rows: { certificate_id: string; skill_id: string; level: number }[] = await manager.query(
      `SELECT s.certificate_id, s.skill_id, s.level
           FROM certificate_skills s JOIN certificates t ON t.id = s.certificate_id
          WHERE t.profile_id = $1 AND t.revoked_at IS NULL`,
      [profileId],
    );
    const byCertificate = new Map<string, SkillAtLevel[]>();
    for (const row of rows) {
      const skills = byCertificate.get(row.certificate_id) ?? [];
      skills.push({ skillId: row.skill_id, level: row.level });
      byCertificate.set(row.certificate_id, skills);
    }
    return [...byCertificate.values()];
  }

  /** Every certificate of a profile (revoked ones too), oldest first. */
  async findPageOfProfile(
    manager: EntityManager,
    profileId: string,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<CertificateDetails[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `${DETAILS_SQL}
        WHERE t.profile_id = $1
          AND ($2::timestamptz IS NULL OR (t.issued_at, t.id) > ($2::timestamptz, $3::uuid))
        ORDER BY t.issued_at, t.id
        LIMIT $4`,
      [profileId, after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return this.withSkills(manager, rows);
  }

  private async withSkills(
    manager: EntityManager,
    rows: Record<string, unknown>[],
  ): Promise<CertificateDetails[]> {
    if (rows.length === 0) return [];
    const skillRows: { certificate_id: string; skill_id: string; level: number }[] =
      await manager.query(
        `SELECT certificate_id, skill_id, level FROM certificate_skills
          WHERE certificate_id = ANY($1::uuid[]) ORDER BY skill_id`,
        [rows.map((r) => r.id)],
      );
    return rows.map((r) => ({
      certificate: Object.assign(new CertificateEntity(), {
        id: r.id as string,
        enrolmentId: r.enrolment_id as string,
        profileId: r.profile_id as string,
        code: r.code as string,
        issuedAt: r.issued_at as Date,
        revokedAt: r.revoked_at as Date | null,
        revokedBy: r.revoked_by as string | null,
        revocationReason: r.revocation_reason as string | null,
      }),
      holderName: r.holder_name as string | null,
      courseTitle: r.course_title as string,
      courseHours: r.course_hours as number,
      providerId: r.provider_id as string,
      providerName: r.provider_name as string,
      programmeCode: r.programme_code as string | null,
      score: r.score as number | null,
      skills: skillRows
        .filter((s) => s.certificate_id === r.id)
        .map((s) => ({ skillId: s.skill_id, level: s.level })),
    }));
  }
}
