import type { CertificateRecord, IssuedCertificate, NamedSkill } from './training-records.js';
import type { SkillAtLevel } from './training-values.js';

/** Skill names by id, loaded once per answer. */
export type SkillNames = ReadonlyMap<string, string>;

/** Skills at levels with their names ('' for a skill the taxonomy no longer knows). */
export function namedSkills(skills: readonly SkillAtLevel[], names: SkillNames): NamedSkill[] {
  return skills.map((s) => ({
    skillId: s.skillId,
    name: names.get(s.skillId) ?? '',
    level: s.level,
  }));
}

/** The public verification link of a code. */
export function verifyUrlOf(publicBaseUrl: string, code: string): string {
  return `${publicBaseUrl}/api/certificates/${code}`;
}

export function issuedCertificate(
  certificate: CertificateRecord,
  publicBaseUrl: string,
): IssuedCertificate {
  return {
    code: certificate.code,
    verifyUrl: verifyUrlOf(publicBaseUrl, certificate.code),
    enrolmentId: certificate.enrolmentId,
    issuedAt: certificate.issuedAt,
    revokedAt: certificate.revokedAt,
  };
}
