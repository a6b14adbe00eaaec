import { OutboxWriter } from '@app/search';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CertifiedSkill } from './profile-records.js';
import { PROFILES_INDEX } from './profile-search-document.js';
import { ProfilesRepository } from './profiles.repository.js';

/**
 * Evidence about a trainee's skills from outside the profile (certificates of completed
 * courses). Callers hand over the complete current set; the profile's verified flags and levels
 * are recomputed from it and from what the trainee declared, in the caller's transaction, and
 * the profile is queued for re-indexing. Knows nothing about where the evidence comes from.
 */
@Injectable()
export class ProfileSkillEvidenceService {
  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async applyCertifiedSkills(
    manager: EntityManager,
    profileId: string,
    skills: readonly CertifiedSkill[],
  ): Promise<void> {
    await this.profiles.replaceSkills(manager, profileId, { kind: 'certified', skills });
    await this.outbox.enqueueSearchSync(manager, PROFILES_INDEX, [profileId]);
  }
}
