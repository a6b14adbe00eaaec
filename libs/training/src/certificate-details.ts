import type { PagePosition } from '@app/http';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CertificatesRepository, type CertificateFacts } from './certificates.repository.js';
import { TrainingDirectory } from './training-directory.js';

/** A certificate with everything its verification, page and credential show. */
export interface CertificateDetails extends CertificateFacts {
  /** null once the holder erased their profile or account */
  holderName: string | null;
  /** null once the holder erased their account: only ever published as a salted hash */
  holderEmail: string | null;
  providerName: string;
}

/**
 * Certificates with their holder (profiles, identity) and provider (identity), each read once
 * per batch through the owners.
 */
@Injectable()
export class CertificateDetailsReader {
  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly directory: TrainingDirectory,
  ) {}

  async byCode(manager: EntityManager, code: string): Promise<CertificateDetails | null> {
    const facts = await this.certificates.findFactsByCode(manager, code);
    if (facts === null) return null;
    return (await this.complete(manager, [facts]))[0] ?? null;
  }

  /** Every certificate of a profile (revoked ones too), oldest first. */
  async pageOfProfile(
    manager: EntityManager,
    profileId: string,
    after: PagePosition | undefined,
    limit: number,
  ): Promise<CertificateDetails[]> {
    return this.complete(
      manager,
      await this.certificates.findFactsPageOfProfile(manager, profileId, after, limit),
    );
  }

  /** Certificates whose holder profile or provider is not found are left out. */
  private async complete(
    manager: EntityManager,
    facts: readonly CertificateFacts[],
  ): Promise<CertificateDetails[]> {
    if (facts.length === 0) return [];
    const holders = await this.directory.holders(
      manager,
      facts.map((f) => f.certificate.profileId),
    );
    const providers = await this.directory.organisationNames(
      manager,
      facts.map((f) => f.providerId),
    );
    return facts.flatMap((f) => {
      const holder = holders.get(f.certificate.profileId);
      const providerName = providers.get(f.providerId);
      if (holder === undefined || providerName === undefined) return [];
      return [{ ...f, holderName: holder.name, holderEmail: holder.email, providerName }];
    });
  }
}
