import { APP_CONFIG, type AppConfig } from '@app/config';
import { TransactionRunner } from '@app/database';
import type { AuthUser } from '@app/identity';
import { TaxonomyService } from '@app/taxonomy';
import { Inject, Injectable } from '@nestjs/common';
import type {
  CertificateIssuedDto,
  CertificateVerificationDto,
  MyCertificatePageDto,
  RevokeCertificateDto,
} from './dto/certificate.dto.js';
import type { MyEnrolmentPageDto } from './dto/enrolment.dto.js';
import type { PageQueryDto } from './dto/page-query.dto.js';
import { normaliseCertificateCode } from './certificate-code.js';
import { CertificatesRepository } from './certificates.repository.js';
import { EnrolmentsRepository } from './enrolments.repository.js';
import { toPage } from './page-cursor.js';
import { pageRequest } from '@app/http';
import { SkillCertification } from './skill-certification.js';
import { assertActsForProvider } from './training-access.js';
import { TrainingDirectoryRepository } from './training-directory.repository.js';
import {
  CertificateAlreadyRevokedError,
  CertificateNotFoundError,
  CertificateRevokedError,
} from './training.errors.js';
import {
  toCertificateIssued,
  toCertificateVerification,
  toMyCertificate,
  toMyEnrolment,
} from './training-mapping.js';

@Injectable()
export class CertificatesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly certificates: CertificatesRepository,
    private readonly enrolments: EnrolmentsRepository,
    private readonly directory: TrainingDirectoryRepository,
    private readonly certification: SkillCertification,
    private readonly taxonomy: TaxonomyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Public verification. Unknown codes, and certificates of people who erased their account,
   * are 404 `CERTIFICATE_NOT_FOUND`; a revoked certificate is 404 `CERTIFICATE_REVOKED`.
   */
  async verify(code: string): Promise<CertificateVerificationDto> {
    const normalised = normaliseCertificateCode(code);
    if (normalised === null) throw new CertificateNotFoundError();
    const details = await this.transactions.run((manager) =>
      this.certificates.findDetailsByCode(manager, normalised),
    );
    if (details === null || details.holderName === null) throw new CertificateNotFoundError();
    if (details.certificate.revokedAt !== null) {
      throw new CertificateRevokedError(details.certificate.revokedAt);
    }
    const names = await this.taxonomy.answerSkillNames(details.skills.map((s) => s.skillId));
    return toCertificateVerification(details, names);
  }

  /**
   * Revokes a certificate (trainer of the provider, or an admin). The skills it certified stay
   * verified only where another valid certificate backs them; the profile is re-indexed.
   */
  async revoke(
    user: AuthUser,
    code: string,
    dto: RevokeCertificateDto,
  ): Promise<CertificateIssuedDto> {
    const normalised = normaliseCertificateCode(code);
    if (normalised === null) throw new CertificateNotFoundError();
    return this.transactions.run(async (manager) => {
      const found = await this.certificates.lockByCode(manager, normalised);
      if (found === null) throw new CertificateNotFoundError();
      assertActsForProvider(user, found.providerId, { allowAdmin: true });
      if (found.certificate.revokedAt !== null) throw new CertificateAlreadyRevokedError();
      const profileId = found.certificate.profileId;
      const active = await this.directory.isActiveTraineeProfile(manager, profileId, {
        lock: true,
      });
      const revoked = await this.certificates.revoke(
        manager,
        found.certificate.id,
        user.id,
        dto.reason,
      );
      if (active) await this.certification.refresh(manager, profileId);
      return toCertificateIssued(revoked, this.config.publicBaseUrl);
    });
  }

  /** The caller's own certificates, revoked ones included. */
  async listOwn(user: AuthUser, query: PageQueryDto): Promise<MyCertificatePageDto> {
    const { after, limit } = pageRequest(query);
    const rows = await this.transactions.run(async (manager) => {
      const profileId = await this.directory.findProfileIdOfTrainee(manager, user.id);
      if (profileId === null) return [];
      return this.certificates.findPageOfProfile(manager, profileId, after, limit + 1);
    });
    const page = toPage(
      rows.map((r) => ({ ...r, id: r.certificate.id, createdAt: r.certificate.issuedAt })),
      limit,
    );
    const names = await this.taxonomy.answerSkillNames(
      page.rows.flatMap((r) => r.skills.map((s) => s.skillId)),
    );
    return {
      items: page.rows.map((r) => toMyCertificate(r, names, this.config.publicBaseUrl)),
      nextCursor: page.nextCursor,
    };
  }

  /** The caller's own enrolments, each with its certificate when one was issued. */
  async listOwnEnrolments(user: AuthUser, query: PageQueryDto): Promise<MyEnrolmentPageDto> {
    const { after, limit } = pageRequest(query);
    return this.transactions.run(async (manager) => {
      const profileId = await this.directory.findProfileIdOfTrainee(manager, user.id);
      if (profileId === null) return { items: [], nextCursor: null };
      const page = toPage(
        await this.enrolments.findPageOfProfile(manager, profileId, after, limit + 1),
        limit,
      );
      const items = [];
      for (const row of page.rows) {
        const certificate =
          row.status === 'completed'
            ? await this.certificates.findByEnrolment(manager, row.id)
            : null;
        items.push(
          toMyEnrolment(
            row,
            certificate === null
              ? null
              : toCertificateIssued(certificate, this.config.publicBaseUrl),
          ),
        );
      }
      return { items, nextCursor: page.nextCursor };
    });
  }
}
