import { APP_CONFIG, type AppConfig } from '@app/config';
import { TransactionRunner } from '@app/database';
import { pageRequest, toPage, type PageQueryDto } from '@app/http';
import type { AuthUser } from '@app/identity';
import { TaxonomyService } from '@app/taxonomy';
import { Inject, Injectable } from '@nestjs/common';
import type { RevokeCertificateDto } from './dto/certificate.dto.js';
import { normaliseCertificateCode } from './certificate-code.js';
import { CertificateDetailsReader } from './certificate-details.js';
import { CertificatesRepository } from './certificates.repository.js';
import { EnrolmentsRepository } from './enrolments.repository.js';
import { SkillCertification } from './skill-certification.js';
import { assertActsForProvider } from './training-access.js';
import { TrainingDirectory } from './training-directory.js';
import {
  CertificateAlreadyRevokedError,
  CertificateNotFoundError,
  CertificateRevokedError,
} from './training.errors.js';
import type {
  CertificateVerification,
  IssuedCertificate,
  RecordPage,
  TraineeCertificate,
  TraineeEnrolment,
} from './training-records.js';
import { issuedCertificate, namedSkills } from './training-views.js';

@Injectable()
export class CertificatesService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly certificates: CertificatesRepository,
    private readonly details: CertificateDetailsReader,
    private readonly enrolments: EnrolmentsRepository,
    private readonly directory: TrainingDirectory,
    private readonly certification: SkillCertification,
    private readonly taxonomy: TaxonomyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Public verification. Unknown codes, and certificates of people who erased their account,
   * are 404 `CERTIFICATE_NOT_FOUND`; a revoked certificate is 404 `CERTIFICATE_REVOKED`.
   */
  async verify(code: string): Promise<CertificateVerification> {
    const normalised = normaliseCertificateCode(code);
    if (normalised === null) throw new CertificateNotFoundError();
    const details = await this.transactions.run((manager) =>
      this.details.byCode(manager, normalised),
    );
    if (details === null || details.holderName === null) throw new CertificateNotFoundError();
    if (details.certificate.revokedAt !== null) {
      throw new CertificateRevokedError(details.certificate.revokedAt);
    }
    const names = await this.taxonomy.answerSkillNames(details.skills.map((s) => s.skillId));
    return {
      code: details.certificate.code,
      holderName: details.holderName,
      courseTitle: details.courseTitle,
      courseHours: details.courseHours,
      providerName: details.providerName,
      programmeCode: details.programmeCode,
      issuedAt: details.certificate.issuedAt,
      score: details.score,
      skills: namedSkills(details.skills, names),
    };
  }

  /**
   * Revokes a certificate (trainer of the provider, or an admin). The skills it certified stay
   * verified only where another valid certificate backs them; the profile is re-indexed.
   */
  async revoke(
    user: AuthUser,
    code: string,
    dto: RevokeCertificateDto,
  ): Promise<IssuedCertificate> {
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
      return issuedCertificate(revoked, this.config.publicBaseUrl);
    });
  }

  /** The caller's own certificates, revoked ones included. */
  async listOwn(user: AuthUser, query: PageQueryDto): Promise<RecordPage<TraineeCertificate>> {
    const { after, limit } = pageRequest(query);
    const rows = await this.transactions.run(async (manager) => {
      const profileId = await this.directory.findProfileIdOfTrainee(manager, user.id);
      if (profileId === null) return [];
      return this.details.pageOfProfile(manager, profileId, after, limit + 1);
    });
    const page = toPage(
      rows.map((r) => ({ ...r, id: r.certificate.id, createdAt: r.certificate.issuedAt })),
      limit,
    );
    const names = await this.taxonomy.answerSkillNames(
      page.rows.flatMap((r) => r.skills.map((s) => s.skillId)),
    );
    return {
      items: page.rows.map((r) => ({
        ...issuedCertificate(r.certificate, this.config.publicBaseUrl),
        courseTitle: r.courseTitle,
        providerName: r.providerName,
        score: r.score,
        revocationReason: r.certificate.revocationReason,
        skills: namedSkills(r.skills, names),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** The caller's own enrolments, each with its certificate when one was issued. */
  async listOwnEnrolments(
    user: AuthUser,
    query: PageQueryDto,
  ): Promise<RecordPage<TraineeEnrolment>> {
    const { after, limit } = pageRequest(query);
    return this.transactions.run(async (manager) => {
      const profileId = await this.directory.findProfileIdOfTrainee(manager, user.id);
      if (profileId === null) return { items: [], nextCursor: null };
      const page = toPage(
        await this.enrolments.findPageOfProfile(manager, profileId, after, limit + 1),
        limit,
      );
      const certificates = await this.certificates.findByEnrolments(
        manager,
        page.rows.filter((r) => r.status === 'completed').map((r) => r.id),
      );
      const providers = await this.directory.organisationNames(
        manager,
        page.rows.map((r) => r.providerId),
      );
      return {
        items: page.rows.map(({ providerId, ...row }) => {
          const certificate = certificates.get(row.id);
          return {
            ...row,
            providerName: providers.get(providerId) ?? '',
            certificate:
              certificate === undefined
                ? null
                : issuedCertificate(certificate, this.config.publicBaseUrl),
          };
        }),
        nextCursor: page.nextCursor,
      };
    });
  }
}
