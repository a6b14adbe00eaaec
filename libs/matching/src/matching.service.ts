import type { AuthUser } from '@app/identity';
import { OpportunitiesService } from '@app/opportunities';
import { ProfilesService, visibilitiesFor, type PublicProfileResponseDto } from '@app/profiles';
import { TaxonomyService } from '@app/taxonomy';
import { Inject, Injectable } from '@nestjs/common';
import type {
  CandidateMatchDto,
  MatchExplanationDto,
  RecommendationDto,
  RecommendedOpportunityDto,
} from './dto/match-response.dto.js';
import { DEFAULT_MATCH_LIMIT } from './dto/match-query.dto.js';
import {
  candidateFromDocument,
  candidateFromOwnProfile,
  opportunityFromDocument,
  opportunityFromEntity,
  type OpportunityMatchDocument,
} from './match-documents.js';
import { candidateFilter, opportunityFilter } from './match-filters.js';
import { traineeScore } from './trainee-score.js';
import {
  compareScores,
  ineligibilityReasons,
  isEligible,
  scoreCandidate,
  scoreOnly,
  type MatchExplanation,
  type MatchScore,
  type ScoringContext,
  type SkillFit,
  withoutPriorities,
} from './match-score.js';
import type { Candidate, Opportunity } from './match-types.js';
import { weightsFor, type MatchingConfig } from './match-weights.js';
import { MATCHING_CONFIG } from './matching-config.js';
import { MatchingRepository } from './matching.repository.js';
import { ProgrammePriorities, weighsPriorities } from './programme-priorities.js';
import { RankingSlots } from './ranking-slots.js';
import { TopK } from './top-k.js';

/** A scored candidate kept for the explanation (built only for the k kept). */
type Ranked = Pick<MatchScore, 'candidateId' | 'score'> & { candidate: Candidate };

/**
 * One scoring path for candidates of a request or listing and for a trainee's recommendations:
 * hard constraints become an engine filter, every eligible document is fetched (never a
 * truncated page), re-checked with the exact rules, scored, and the best k kept in a bounded
 * heap. The answer therefore equals scoring every eligible profile (or opportunity).
 */
@Injectable()
export class MatchingService {
  constructor(
    @Inject(MATCHING_CONFIG) private readonly config: MatchingConfig,
    private readonly repository: MatchingRepository,
    private readonly opportunities: OpportunitiesService,
    private readonly profiles: ProfilesService,
    private readonly taxonomy: TaxonomyService,
    private readonly programmes: ProgrammePriorities,
    private readonly slots: RankingSlots,
  ) {}

  /** Owner company (its own requests) or any broker (open requests); others see 404. */
  async candidatesForWorkRequest(
    user: AuthUser,
    id: string,
    limit = DEFAULT_MATCH_LIMIT,
  ): Promise<CandidateMatchDto[]> {
    const entity = await this.opportunities.get('work_request', user, id);
    return this.rankCandidates(user, opportunityFromEntity(entity), limit);
  }

  /** Brokers of the organisation that owns the listing; others see 404. */
  async candidatesForListing(
    user: AuthUser,
    id: string,
    limit = DEFAULT_MATCH_LIMIT,
  ): Promise<CandidateMatchDto[]> {
    const entity = await this.opportunities.get('listing', user, id);
    return this.rankCandidates(user, opportunityFromEntity(entity), limit);
  }

  /** Open requests and listings ranked for the signed-in trainee. */
  async recommendationsFor(
    user: AuthUser,
    limit = DEFAULT_MATCH_LIMIT,
    now = new Date(),
  ): Promise<RecommendationDto[]> {
    const own = await this.profiles.getOwn(user);
    const inclusion = (await this.repository.findConsentedInclusion([own.id])).get(own.id);
    const candidate = candidateFromOwnProfile(own);
    const filter = opportunityFilter(candidate, now);
    if (filter === undefined) return [];
    // every eligible opportunity is held while ranking: one of the bounded slots
    const ranked = await this.slots.run(async () => {
      const docs = await this.repository.fetchEligibleOpportunities(filter);
      const open = await this.repository.findStillOpen(
        docs.map((d) => d.id),
        now,
      );
      const top = new TopK<MatchScore & { doc: OpportunityMatchDocument }>(limit, compareScores);
      const contexts = new Map<string, ScoringContext>();
      for (const doc of docs) {
        if (!open.has(doc.id)) continue;
        const o = opportunityFromDocument(doc);
        if (ineligibilityReasons(candidate, o, now).length > 0) continue;
        const key = o.programmeId ?? '';
        let ctx = contexts.get(key);
        if (ctx === undefined) {
          ctx = await this.scoringContext(user, o.programmeId, now);
          contexts.set(key, ctx);
        }
        const scored = traineeScore(candidate, inclusion, o, ctx);
        // ranked by opportunity: the heap's tie-break reads candidateId, so put the opportunity there
        top.push({ ...scored, candidateId: o.id, doc });
      }
      return top.sorted();
    });
    const names = await this.taxonomy.skillNames(
      ranked.flatMap((r) => r.doc.skillMinLevels.map((s) => s.split(':')[0])),
    );
    return ranked.map((r) => ({
      opportunity: toRecommendedOpportunity(r.doc),
      score: r.score,
      explanation: toExplanationDto(r.explanation, names),
    }));
  }

  /**
   * The ranked candidates of one opportunity, as this viewer may see them: the profiles their
   * role may read, ranked with the programme's priorities only for those who may see them weigh
   * on each person (admins, brokers of partner organisations); for everyone else the set, order,
   * scores and explanations are those of a ranking without priorities.
   */
  async rankCandidates(
    viewer: AuthUser,
    o: Opportunity,
    limit = DEFAULT_MATCH_LIMIT,
    now = new Date(),
  ): Promise<CandidateMatchDto[]> {
    const ranked = await this.scoreEligible(viewer, o, limit, now);
    if (ranked.length === 0) return [];
    const { profiles, skillNames: names } = await this.profiles.getVisibleInOrder(
      viewer,
      ranked.map((r) => r.candidateId),
      o.skills.map((s) => s.skillId),
    );
    const byId = new Map<string, PublicProfileResponseDto>(profiles.map((p) => [p.id, p]));
    return ranked.flatMap((r) => {
      const profile = byId.get(r.candidateId);
      if (profile === undefined) return [];
      return [{ profile, score: r.score, explanation: toExplanationDto(r.explanation, names) }];
    });
  }

  /**
   * The top `limit` scores among every profile the viewer's role may see that the rules find
   * eligible: the engine narrows with a filter, the exact rules decide.
   */
  async scoreEligible(
    viewer: AuthUser,
    o: Opportunity,
    limit: number,
    now = new Date(),
  ): Promise<MatchScore[]> {
    if (o.status !== 'open' || (o.deadline !== undefined && o.deadline <= now.getTime())) return [];
    const filter = candidateFilter(o, visibilitiesFor(viewer.role));
    if (filter === undefined) return [];
    const ctx = await this.scoringContext(viewer, o.programmeId, now);
    // every eligible profile is held while ranking: one of the bounded slots
    return this.slots.run(async () => {
      const docs = await this.repository.fetchEligibleProfiles(filter);
      const inclusion =
        ctx.priorities.length > 0 && ctx.priorityBoostCap > 0
          ? await this.repository.findConsentedInclusion(docs.map((d) => d.id))
          : undefined;
      // every eligible profile is scored (numbers only); only the kept k are explained
      const top = new TopK<Ranked>(limit, compareScores);
      const requested = o.skills.map((s) => s.skillId);
      for (const doc of docs) {
        const candidate = candidateFromDocument(doc, inclusion?.get(doc.id), requested);
        if (!isEligible(candidate, o, now)) continue;
        top.push({ candidateId: candidate.id, score: scoreOnly(candidate, o, ctx), candidate });
      }
      return top.sorted().map((r) => scoreCandidate(r.candidate, o, ctx));
    });
  }

  /**
   * Weights (overridden per programme id or code) and the programme's priorities, which weigh
   * nothing for a viewer who may not see them weigh on each person ({@link weighsPriorities}).
   */
  async scoringContext(
    viewer: AuthUser,
    programmeId: string | undefined,
    now: Date,
  ): Promise<ScoringContext> {
    const programme =
      programmeId === undefined ? undefined : await this.programmes.find(programmeId);
    const { weights, priorityBoostCap } = weightsFor(this.config, [programmeId, programme?.code]);
    const ctx = { weights, priorityBoostCap, priorities: programme?.priorities ?? [], now };
    return weighsPriorities(viewer, programme) ? ctx : withoutPriorities(ctx);
  }
}

function toSkillDto(f: SkillFit, names: ReadonlyMap<string, string>) {
  return {
    skillId: f.skillId,
    name: names.get(f.skillId) ?? null,
    required: f.required,
    mustHave: f.mustHave,
    has: f.has,
    verified: f.verified,
  };
}

/** The explanation as the contract shows it: skill names attached, components as numbers. */
export function toExplanationDto(
  e: MatchExplanation,
  names: ReadonlyMap<string, string>,
): MatchExplanationDto {
  const components: Record<string, number> = {};
  const componentDetails: MatchExplanationDto['componentDetails'] = {};
  for (const [name, c] of Object.entries(e.components)) {
    components[name] = c.contribution;
    componentDetails[name] = { weight: c.weight, value: c.value, note: c.note };
  }
  return {
    matchedSkills: e.matchedSkills.map((f) => toSkillDto(f, names)),
    missingSkills: e.missingSkills.map((f) => toSkillDto(f, names)),
    languages: e.languages,
    availability: e.availability,
    rate: e.rate,
    location: e.location,
    ...(e.priorityBoost === undefined ? {} : { priorityBoost: { ...e.priorityBoost } }),
    components,
    componentDetails,
  };
}

function toRecommendedOpportunity(d: OpportunityMatchDocument): RecommendedOpportunityDto {
  return {
    id: d.id,
    kind: d.kind,
    title: d.title,
    engagementType: d.engagementType,
    workMode: d.workMode,
    countries: d.countries,
    city: d.city,
    hoursPerWeek: d.hoursPerWeek,
    budgetType: d.budgetType,
    budgetMinEur: d.budgetMinEur,
    budgetMaxEur: d.budgetMaxEur,
    deadline: d.deadline === null ? null : new Date(d.deadline * 1000).toISOString(),
    source: d.source,
  };
}
