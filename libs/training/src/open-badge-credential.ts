import { createHash } from 'node:crypto';
import type { CertificateDetails } from './certificate-details.js';

/** A certified skill by its English name, with its ESCO URI when the skill comes from ESCO. */
export interface CredentialSkill {
  skillId: string;
  name: string;
  escoUri: string | null;
  level: number;
}

/** Open Badges 3.0 on the Verifiable Credentials Data Model 2.0. */
export const OPEN_BADGE_CONTEXTS = [
  'https://www.w3.org/ns/credentials/v2',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
] as const;

export interface CredentialUrls {
  /** The credential's own id (where it can be fetched again, with its current state). */
  credential: string;
  /** The issuer profile of the training provider. */
  issuer: string;
  /** The human verification page. */
  verifyPage: string;
}

export type OpenBadgeCredential = Record<string, unknown> & {
  id: string;
  issuer: { id: string } & Record<string, unknown>;
  validFrom: string;
  credentialSubject: { id: string } & Record<string, unknown>;
};

/** `sha256$<hex>` of the address and salt, as Open Badges' IdentityObject hashes identities. */
export function hashIdentity(email: string, salt: string): string {
  return `sha256$${createHash('sha256')
    .update(email.trim().toLowerCase() + salt)
    .digest('hex')}`;
}

/**
 * The certificate as an `OpenBadgeCredential`. The holder is named (as on the public page) and
 * identified by a salted hash of their e-mail, never the address itself; the subject id is the
 * certificate's own UUID as a URN, so it links to no other record of the person.
 */
export function toOpenBadgeCredential(
  details: CertificateDetails,
  skills: readonly CredentialSkill[],
  urls: CredentialUrls,
): OpenBadgeCredential {
  const certificate = details.certificate;
  const salt = certificate.id.replace(/-/g, '');
  const identifiers: Record<string, unknown>[] = [
    {
      type: 'IdentityObject',
      identityType: 'name',
      hashed: false,
      identityHash: details.holderName ?? '',
    },
  ];
  if (details.holderEmail !== null) {
    identifiers.push({
      type: 'IdentityObject',
      identityType: 'emailAddress',
      hashed: true,
      identityHash: hashIdentity(details.holderEmail, salt),
      salt,
    });
  }
  const issuer = {
    id: urls.issuer,
    type: ['Profile'],
    name: details.providerName,
  };
  const skillList = skills.map((s) => `${s.name} (level ${s.level} of 5)`).join(', ');
  const programme =
    details.programmeName === null
      ? ''
      : ` within the programme ${details.programmeName}${details.programmeCode === null ? '' : ` (${details.programmeCode})`}`;
  const issued = certificate.issuedAt.toISOString();
  return {
    '@context': [...OPEN_BADGE_CONTEXTS],
    id: urls.credential,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: details.courseTitle,
    description: `Completion of "${details.courseTitle}" (${details.courseHours} hours) at ${details.providerName}${programme}.`,
    issuer,
    validFrom: issued,
    awardedDate: issued,
    credentialSubject: {
      id: `urn:uuid:${certificate.id}`,
      type: ['AchievementSubject'],
      identifier: identifiers,
      achievement: {
        id: `urn:uuid:${details.courseId}`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: details.courseTitle,
        description: `A ${details.courseHours}-hour ${details.courseMode.replace('_', '-')} course of ${details.providerName}${programme}.`,
        criteria: {
          narrative:
            `Completed the ${details.courseHours}-hour course, as confirmed by the training ` +
            `provider` +
            (skillList === '' ? '.' : `, which certifies: ${skillList}.`),
        },
        creator: issuer,
        ...(details.programmeCode === null ? {} : { tag: [details.programmeCode] }),
        alignment: skills
          .filter((s) => s.escoUri !== null)
          .map((s) => ({
            type: ['Alignment'],
            targetName: s.name,
            targetUrl: s.escoUri,
            targetDescription: `Certified at level ${s.level} of 5`,
            targetFramework: 'ESCO',
            targetType: 'ceasn:Competency',
          })),
      },
    },
    evidence: [
      {
        id: urls.verifyPage,
        type: ['Evidence'],
        name: 'Public verification page',
      },
    ],
  };
}
