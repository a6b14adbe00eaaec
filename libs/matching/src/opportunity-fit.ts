import type { AuthUser } from '@app/identity';
import type { OpportunityRecord } from '@app/opportunities';
import { ProfileNotFoundError, ProfilesService } from '@app/profiles';
import { Injectable } from '@nestjs/common';
import { candidateFromOwnProfile, opportunityFromEntity } from './match-documents.js';
import { isEligible, type ScoringContext } from './match-score.js';
import { MatchingRepository } from './matching.repository.js';
import { MatchingService } from './matching.service.js';
import { traineeScore } from './trainee-score.js';

/** How one opportunity fits the signed-in trainee. */
export interface OpportunityFit {
  score: number;
  eligible: boolean;
}

/**
 * Fit of a handful of opportunities (a page of search results) for the trainee calling: the
 * recommendations' scoring and hard constraints, run only for these. A trainee without a
 * profile has no fit (undefined).
 */
@Injectable()
export class OpportunityFitService {
  constructor(
    private readonly profiles: ProfilesService,
    private readonly repository: MatchingRepository,
    private readonly matching: MatchingService,
  ) {}

  async fitFor(
    user: AuthUser,
    opportunities: readonly OpportunityRecord[],
    now = new Date(),
  ): Promise<Map<string, OpportunityFit> | undefined> {
    let own;
    try {
      own = await this.profiles.getOwn(user);
    } catch (error) {
      if (error instanceof ProfileNotFoundError) return undefined;
      throw error;
    }
    const fits = new Map<string, OpportunityFit>();
    if (opportunities.length === 0) return fits;
    const inclusion = (await this.repository.findConsentedInclusion([own.id])).get(own.id);
    const candidate = candidateFromOwnProfile(own);
    const contexts = new Map<string, ScoringContext>();
    for (const entity of opportunities) {
      const o = opportunityFromEntity(entity);
      const key = o.programmeId ?? '';
      let ctx = contexts.get(key);
      if (ctx === undefined) {
        ctx = await this.matching.scoringContext(user, o.programmeId, now);
        contexts.set(key, ctx);
      }
      fits.set(o.id, {
        score: traineeScore(candidate, inclusion, o, ctx).score,
        eligible: isEligible(candidate, o, now),
      });
    }
    return fits;
  }
}
