import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What the public page and the signed credential add to a certificate's details. */
export interface CertificateRecordExtras {
  courseId: string;
  courseMode: string;
  programmeName: string | null;
  /** The holder's e-mail: only ever published as a salted hash. */
  holderEmail: string | null;
  /** Certified skills by name, with their ESCO URI when the skill comes from ESCO. */
  skills: { skillId: string; name: string; escoUri: string | null; level: number }[];
}

@Injectable()
export class CertificateRecordsRepository {
  async findExtras(
    manager: EntityManager,
    certificateId: string,
  ): Promise<CertificateRecordExtras | null> {
    const rows = (await manager.query(
      `SELECT c.id AS "courseId", c.mode AS "courseMode", g.name AS "programmeName",
              u.email AS "holderEmail"
         FROM certificates t
         JOIN enrolments e ON e.id = t.enrolment_id
         JOIN cohorts h ON h.id = e.cohort_id
         JOIN courses c ON c.id = h.course_id
         LEFT JOIN programmes g ON g.id = c.programme_id
         JOIN profiles p ON p.id = t.profile_id
         LEFT JOIN users u ON u.id = p.user_id AND u.erased_at IS NULL
        WHERE t.id = $1`,
      [certificateId],
    )) as Omit<CertificateRecordExtras, 'skills'>[];
    if (rows.length === 0) return null;
    const skills = (await manager.query(
      `SELECT s.skill_id AS "skillId", k.name, k.esco_uri AS "escoUri", s.level
         FROM certificate_skills s JOIN skills k ON k.id = s.skill_id
        WHERE s.certificate_id = $1 ORDER BY k.name, s.skill_id`,
      [certificateId],
    )) as CertificateRecordExtras['skills'];
    return { ...rows[0], skills };
  }
}
