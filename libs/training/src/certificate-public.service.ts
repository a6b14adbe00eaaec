import { APP_CONFIG, type AppConfig } from '@app/config';
import { TransactionRunner } from '@app/database';
import { isSkillLocale, TaxonomyService } from '@app/taxonomy';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT } from 'jose';
import { negotiatePageLocale, CERTIFICATE_PAGE_MESSAGES } from './certificate-page/catalogue.js';
import { renderCertificateNotFoundPage, renderCertificatePage } from './certificate-page/render.js';
import { normaliseCertificateCode } from './certificate-code.js';
import {
  CertificateRecordsRepository,
  type CertificateRecordExtras,
} from './certificate-records.repository.js';
import { CertificatesRepository, type CertificateDetails } from './certificates.repository.js';
import { CredentialKeysService } from './credential-keys.service.js';
import { toOpenBadgeCredential, type OpenBadgeCredential } from './open-badge-credential.js';
import { TrainingDirectoryRepository } from './training-directory.repository.js';
import { verifyUrlOf } from './training-mapping.js';
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
  extras: CertificateRecordExtras;
}

/**
 * What anyone holding a certificate code may get besides the JSON verification: the human page
 * and the signed Open Badges credential; and the issuer profiles the credentials point to.
 */
@Injectable()
export class CertificatePublicService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly certificates: CertificatesRepository,
    private readonly records: CertificateRecordsRepository,
    private readonly directory: TrainingDirectoryRepository,
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
    const { details, extras } = record;
    // Skills named in the page's own language (the signed credential keeps the English names).
    const names = await this.taxonomy.skillNamesIn(
      extras.skills.map((s) => s.skillId),
      isSkillLocale(locale) ? locale : 'en',
    );
    const programme =
      extras.programmeName === null
        ? details.programmeCode
        : `${extras.programmeName}${details.programmeCode === null ? '' : ` (${details.programmeCode})`}`;
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
        skills: extras.skills.map((s) => ({
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
    const { details, extras } = record;
    if (details.certificate.revokedAt !== null) {
      throw new CertificateCredentialRevokedError(details.certificate.revokedAt);
    }
    const base = this.config.publicBaseUrl;
    const credential = toOpenBadgeCredential(details, extras, {
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
    const [org] = await this.directory.findOrganisationsByIds(this.tx.manager, [providerId]);
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
    return this.tx.run(async (manager) => {
      const details = await this.certificates.findDetailsByCode(manager, normalised);
      if (details === null || details.holderName === null) return null;
      const extras = await this.records.findExtras(manager, details.certificate.id);
      return extras === null ? null : { details, extras };
    });
  }
}
