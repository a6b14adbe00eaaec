import { APP_CONFIG, type AppConfig } from '@app/config';
import { TransactionRunner } from '@app/database';
import { isSkillLocale, TaxonomyService } from '@app/taxonomy';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { negotiatePageLocale, CERTIFICATE_PAGE_MESSAGES } from './certificate-page/catalogue.js';
import { renderCertificateNotFoundPage, renderCertificatePage } from './certificate-page/render.js';
import { normaliseCertificateCode } from './certificate-code.js';
import { CertificateDetailsReader, type CertificateDetails } from './certificate-details.js';
import { CredentialKeysService } from './credential-keys.service.js';
import {
  toOpenBadgeCredential,
  type CredentialSkill,
  type OpenBadgeCredential,
} from './open-badge-credential.js';
import { TrainingDirectory } from './training-directory.js';
import { verifyUrlOf } from './training-views.js';
import {
  CertificateCredentialRevokedError,
  CertificateNotFoundError,
  IssuerNotFoundError,
} from './training.errors.js';

export interface CertificatePage {
  status: 200 | 404;
  html: string;
  revoked: boolean;
}

export interface SignedCertificateCredential {
  credential: OpenBadgeCredential;
  /** The credential as a compact JWS (VC-JWT). */
  jwt: string;
}

interface PublicRecord {
  details: CertificateDetails;
  /** Certified skills with their English names and ESCO URIs, by name. */
  skills: CredentialSkill[];
}

/**
 * What anyone holding a certificate code may get besides the JSON verification: the human page
 * and the signed Open Badges credential; and the issuer profiles the credentials point to.
 */
@Injectable()
export class CertificatePublicService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly certificates: CertificateDetailsReader,
    private readonly directory: TrainingDirectory,
    private readonly keys: CredentialKeysService,
    private readonly taxonomy: TaxonomyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The verification page in the asked locale; a 404 page for unknown (or erased) holders. */
  async page(
    code: string,
    lang: string | undefined,
    acceptLanguage: string | undefined,
  ): Promise<CertificatePage> {
    const locale = negotiatePageLocale(lang, acceptLanguage);
    const messages = CERTIFICATE_PAGE_MESSAGES[locale];
    const record = await this.find(code);
    if (record === null) {
      return { status: 404, html: renderCertificateNotFoundPage(messages), revoked: false };
    }
    const { details, skills } = record;
    // Skills named in the page's own language (the signed credential keeps the English names).
    const names = await this.taxonomy.skillNamesIn(
      skills.map((s) => s.skillId),
      isSkillLocale(locale) ? locale : 'en',
    );
    const programme =
      details.programmeName === null
        ? details.programmeCode
        : `${details.programmeName}${details.programmeCode === null ? '' : ` (${details.programmeCode})`}`;
    const html = renderCertificatePage(
      {
        code: details.certificate.code,
        holderName: details.holderName ?? '',
        courseTitle: details.courseTitle,
        courseHours: details.courseHours,
        providerName: details.providerName,
        programme,
        issuedAt: details.certificate.issuedAt,
        revokedAt: details.certificate.revokedAt,
        skills: skills.map((s) => ({
          name: names.get(s.skillId) ?? s.name,
          level: s.level,
        })),
      },
      messages,
    );
    return { status: 200, html, revoked: details.certificate.revokedAt !== null };
  }

  /**
   * The certificate as an OpenBadgeCredential signed with the active key. Signed on each request
   * from the current state: a revoked certificate gets no credential (410), an unknown one 404.
   */
  async credential(code: string): Promise<SignedCertificateCredential> {
    const record = await this.find(code);
    if (record === null) throw new CertificateNotFoundError();
    const { details, skills } = record;
    if (details.certificate.revokedAt !== null) {
      throw new CertificateCredentialRevokedError(details.certificate.revokedAt);
    }
    const base = this.config.publicBaseUrl;
    const credential = toOpenBadgeCredential(details, skills, {
      credential: `${verifyUrlOf(base, details.certificate.code)}/credential`,
      issuer: this.issuerUrl(details.providerId),
      verifyPage: verifyUrlOf(base, details.certificate.code),
    });
    const key = await this.keys.activeKey();
    const jwt = await new SignJWT(credential)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setIssuer(credential.issuer.id)
      .setJti(credential.id)
      .setSubject(credential.credentialSubject.id)
      .setNotBefore(new Date(credential.validFrom))
      .sign(key.privateKey);
    return { credential, jwt };
  }

  /** The Open Badges issuer profile of a training provider. */
  async issuerProfile(providerId: string): Promise<Record<string, unknown>> {
    const [org] = await this.directory.findOrganisations(this.tx.manager, [providerId]);
    if (org === undefined || org.type !== 'training_provider') throw new IssuerNotFoundError();
    return {
      '@context': ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      id: this.issuerUrl(org.id),
      type: ['Profile'],
      name: org.name,
    };
  }

  private issuerUrl(providerId: string): string {
    return `${this.config.publicBaseUrl}/api/issuers/${providerId}`;
  }

  /** A certificate whose holder still exists (revoked ones too), with its public extras. */
  private async find(code: string): Promise<PublicRecord | null> {
    const normalised = normaliseCertificateCode(code);
    if (normalised === null) return null;
    const details = await this.tx.run((manager) => this.certificates.byCode(manager, normalised));
    if (details === null || details.holderName === null) return null;
    const known = await this.taxonomy.findSkills(details.skills.map((s) => s.skillId));
    const byId = new Map(known.map((k) => [k.id, k]));
    const skills = details.skills
      .flatMap((s) => {
        const skill = byId.get(s.skillId);
        return skill === undefined
          ? []
          : [{ skillId: s.skillId, name: skill.name, escoUri: skill.escoUri, level: s.level }];
      })
      .sort((a, b) => compareText(a.name, b.name) || compareText(a.skillId, b.skillId));
    return { details, skills };
  }
}

/** Code-point order, as PostgreSQL's C collation (the database's) sorts text. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
