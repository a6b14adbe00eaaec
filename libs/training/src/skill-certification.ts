import { ProfileSkillEvidenceService } from '@app/profiles';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CertificatesRepository } from './certificates.repository.js';
import { certifiedLevels } from './certified-skills.js';

/**
 * Keeps the verified skills of a profile equal to what its valid certificates back. Always
 * recomputed from every valid certificate (never patched), so a revocation restores exactly the
 * state the remaining certificates justify. Call it with the profile row locked.
 */
@Injectable()
export class SkillCertification {
  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly evidence: ProfileSkillEvidenceService,
  ) {}

  async refresh(manager: EntityManager, profileId: string): Promise<void> {
    const valid = await this.certificates.findSkillsOfValidCertificates(manager, profileId);
    await this.evidence.applyCertifiedSkills(manager, profileId, certifiedLevels(valid));
  }
}
