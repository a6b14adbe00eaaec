import type { AuthUser } from '@app/identity';
import { GeoService } from '@app/geo';
import {
  OpportunitiesService,
  type OpportunityMatchDocument,
  type OpportunityRecord,
} from '@app/opportunities';
import {
  ProfilesService,
  PublicProfileResponseDto,
  visibilitiesFor,
  type ProfileRecord,
} from '@app/profiles';
import { TaxonomyService } from '@app/taxonomy';
import { CourseOffers, offerKey, type CohortOffer } from '@app/training';
import { Inject, Injectable } from '@nestjs/common';
import type {
  CandidateMatchDto,
  FitDto,
  MatchExplanationDto,
  NearMissGapDto,
  RecommendationDto,
  RecommendedOpportunityDto,
} from './dto/match-response.dto.js';
import { DEFAULT_MATCH_LIMIT } from './dto/match-query.dto.js';
import {
  candidateFromDocument,
  candidateFromOwnProfile,
  opportunityFromDocument,
  opportunityFromEntity,
} from './match-documents.js';
import { candidateFilter, nearMissFilter, opportunityFilter } from './match-filters.js';
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
import { describeGap, gapFacts, nearMissGap, type NearMissGap } from './near-miss.js';
import { RankingSlots } from './ranking-slots.js';
import { TopK } from './top-k.js';

/** A scored candidate kept for the explanation (built only for the k kept). */
type Ranked = Pick<MatchScore, 'candidateId' | 'score'> & { candidate: Candidate };

/** A near miss: scored like a candidate, with the one constraint it fails. */
export type NearMissScore = MatchScore & { gap: NearMissGap };

/** The ranked eligible candidates and, when asked for, the ranked near misses after them. */
export interface RankedCandidates {
  eligible: MatchScore[];
  nearMisses: NearMissScore[];
}

const NOTHING: RankedCandidates = { eligible: [], nearMisses: [] };
const NO_OFFERS: ReadonlyMap<string, CohortOffer[]> = new Map();
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

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
    private readonly courses: CourseOffers,
    private readonly geo: GeoService,
  ) {}

  /** Owner company (its own requests) or any broker (open requests); others see 404. */
  async candidatesForWorkRequest(
    user: AuthUser,
    id: string,
    limit = DEFAULT_MATCH_LIMIT,
    nearMisses = false,
  ): Promise<CandidateMatchDto[]> {
    const entity = await this.opportunities.get('work_request', user, id);
    return this.rankCandidates(user, opportunityFromEntity(entity), limit, new Date(), nearMisses);
  }

  /** Brokers of the organisation that owns the listing; others see 404. */
  async candidatesForListing(
    user: AuthUser,
    id: string,
    limit = DEFAULT_MATCH_LIMIT,
    nearMisses = false,
  ): Promise<CandidateMatchDto[]> {
    const entity = await this.opportunities.get('listing', user, id);
    return this.rankCandidates(user, opportunityFromEntity(entity), limit, new Date(), nearMisses);
  }

  /**
   * Open requests and listings ranked for the signed-in trainee; with `nearMisses`, then the
   * opportunities one step away (exactly one hard constraint failed by a little), each with
   * its gap and the courses that close a skill gap. One engine query either way: the near-miss
   * filter contains the eligible one.
   */
  async recommendationsFor(
    user: AuthUser,
    limit = DEFAULT_MATCH_LIMIT,
    now = new Date(),
    nearMisses = false,
  ): Promise<RecommendationDto[]> {
    const own = await this.profiles.getOwn(user);
    const inclusion = (await this.repository.findConsentedInclusion([own.id])).get(own.id);
    const candidate = candidateFromOwnProfile(own);
    const filter = opportunityFilter(candidate, now, nearMisses);
    if (filter === undefined) return [];
    type Scored = MatchScore & { doc: OpportunityMatchDocument; o: Opportunity };
    // every eligible opportunity is held while ranking: one of the bounded slots
    const ranked = await this.slots.run(async () => {
      const docs = await this.repository.fetchEligibleOpportunities(filter);
      const open = await this.repository.findStillOpen(
        docs.map((d) => d.id),
        now,
      );
      const top = new TopK<Scored>(limit, compareScores);
      const near = new TopK<Scored & { gap: NearMissGap }>(limit, compareScores);
      const contexts = new Map<string, ScoringContext>();
      for (const doc of docs) {
        if (!open.has(doc.id)) continue;
        const o = opportunityFromDocument(doc);
        const eligible = isEligible(candidate, o, now);
        const gap = eligible || !nearMisses ? undefined : nearMissGap(candidate, o, now);
        if (!eligible && gap === undefined) continue;
        const key = o.programmeId ?? '';
        let ctx = contexts.get(key);
        if (ctx === undefined) {
          ctx = await this.scoringContext(user, o.programmeId, now);
          contexts.set(key, ctx);
        }
        const scored = traineeScore(candidate, inclusion, o, ctx);
        // ranked by opportunity: the heap's tie-break reads candidateId, so put the opportunity there
        const item = { ...scored, candidateId: o.id, doc, o };
        if (gap === undefined) top.push(item);
        else near.push({ ...item, gap });
      }
      return { eligible: top.sorted(), near: near.sorted() };
    });
    // the courses for skill gaps are read beside the skill names: one wait, not two
    const [names, offers] = await Promise.all([
      this.taxonomy.answerSkillNames(
        [...ranked.eligible, ...ranked.near].flatMap((r) =>
          r.doc.skillMinLevels.map((s) => s.split(':')[0]),
        ),
      ),
      this.offersFor(ranked.near, now),
    ]);
    return [
      ...ranked.eligible.map((r) => ({
        opportunity: toRecommendedOpportunity(r.doc),
        score: r.score,
        explanation: toExplanationDto(r.explanation, names),
      })),
      ...ranked.near.map((r) => ({
        opportunity: toRecommendedOpportunity(r.doc),
        score: r.score,
        explanation: toExplanationDto(r.explanation, names),
        nearMiss: true as const,
        gaps: [toGapDto(r.gap, names, offers, r.o.deadline)],
      })),
    ];
  }

  /** Open cohorts for every must-have skill of `o` at its minimum level (the possible skill gaps). */
  private mustHaveOffers(o: Opportunity, now: Date): Promise<ReadonlyMap<string, CohortOffer[]>> {
    return this.offersOf(
      o.skills.flatMap((s) => (s.mustHave ? [{ skillId: s.skillId, level: s.minLevel }] : [])),
      now,
    );
  }

  /** Open cohorts for every skill gap among these near misses (one read, none without skill gaps). */
  private offersFor(
    near: readonly { gap: NearMissGap }[],
    now: Date,
  ): Promise<ReadonlyMap<string, CohortOffer[]>> {
    return this.offersOf(
      near.flatMap(({ gap }) =>
        gap.kind === 'skill_missing' || gap.kind === 'skill_level'
          ? [{ skillId: gap.skillId, level: gap.required }]
          : [],
      ),
      now,
    );
  }

  /** Open cohorts teaching each (skill, level) needed: one read, none when nothing is needed. */
  private offersOf(
    needs: { skillId: string; level: number }[],
    now: Date,
  ): Promise<ReadonlyMap<string, CohortOffer[]>> {
    return needs.length === 0
      ? Promise.resolve(NO_OFFERS)
      : this.courses.openCohortsTeaching(needs, isoDay(now));
  }

  /**
   * The ranked candidates of one opportunity, as this viewer may see them: the profiles their
   * role may read, ranked with the programme's priorities only for those who may see them weigh
   * on each person (admins, brokers of partner organisations); for everyone else the set, order,
   * scores and explanations are those of a ranking without priorities. With `nearMisses`, the
   * near misses follow (at most `limit`), seen through the same rules, with their gaps.
   */
  async rankCandidates(
    viewer: AuthUser,
    o: Opportunity,
    limit = DEFAULT_MATCH_LIMIT,
    now = new Date(),
    nearMisses = false,
  ): Promise<CandidateMatchDto[]> {
    // a skill gap can only be a must-have skill at its minimum level: its courses are read while
    // the engine fetches, not after it
    const courses = nearMisses ? this.mustHaveOffers(o, now) : Promise.resolve(NO_OFFERS);
    courses.catch(() => undefined); // awaited below; not unhandled if the ranking fails first
    const ranked = await this.scoreCandidates(viewer, o, limit, now, nearMisses);
    const all = [...ranked.eligible, ...ranked.nearMisses];
    if (all.length === 0) return [];
    const [{ profiles, skillNames: names }, offers] = await Promise.all([
      this.profiles.getVisibleInOrder(
        viewer,
        all.map((r) => r.candidateId),
        o.skills.map((s) => s.skillId),
      ),
      courses,
    ]);
    const byId = new Map<string, PublicProfileResponseDto>(
      profiles.map((p) => [p.id, PublicProfileResponseDto.of(p)]),
    );
    const item = (r: MatchScore): CandidateMatchDto[] => {
      const profile = byId.get(r.candidateId);
      if (profile === undefined) return [];
      return [{ profile, score: r.score, explanation: toExplanationDto(r.explanation, names) }];
    };
    return [
      ...ranked.eligible.flatMap(item),
      ...ranked.nearMisses.flatMap((r) =>
        item(r).map((m) => ({
          ...m,
          nearMiss: true as const,
          gaps: [toGapDto(r.gap, names, offers, o.deadline)],
        })),
      ),
    ];
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
    return (await this.scoreCandidates(viewer, o, limit, now, false)).eligible;
  }

  /**
   * The top `limit` eligible candidates and, with `nearMisses`, the top `limit` near misses,
   * from one engine query: the candidate filter, or the near-miss filter that contains it.
   * Every fetched document is decided by the exact rules (`isEligible`, then `nearMissGap`),
   * so the eligible part is exactly the answer without near misses.
   */
  async scoreCandidates(
    viewer: AuthUser,
    o: Opportunity,
    limit: number,
    now = new Date(),
    nearMisses = false,
  ): Promise<RankedCandidates> {
    if (o.status !== 'open' || (o.deadline !== undefined && o.deadline <= now.getTime())) {
      return NOTHING;
    }
    const visibilities = visibilitiesFor(viewer.role);
    const cover = this.geo.geoCover();
    const filter = nearMisses
      ? nearMissFilter(o, visibilities, cover)
      : candidateFilter(o, visibilities, cover);
    if (filter === undefined) return NOTHING;
    const ctx = await this.scoringContext(viewer, o.programmeId, now);
    // every fetched profile is held while ranking: one of the bounded slots
    return this.slots.run(async () => {
      const docs = await this.repository.fetchEligibleProfiles(filter);
      const requested = o.skills.map((s) => s.skillId);
      const eligible: Candidate[] = [];
      const near: { candidate: Candidate; gap: NearMissGap }[] = [];
      for (const doc of docs) {
        const candidate = candidateFromDocument(doc, undefined, requested);
        if (isEligible(candidate, o, now)) {
          eligible.push(candidate);
        } else if (nearMisses) {
          const gap = nearMissGap(candidate, o, now);
          if (gap !== undefined) near.push({ candidate, gap });
        }
      }
      if (ctx.priorities.length > 0 && ctx.priorityBoostCap > 0) {
        const inclusion = await this.repository.findConsentedInclusion([
          ...eligible.map((c) => c.id),
          ...near.map((n) => n.candidate.id),
        ]);
        for (const c of eligible) c.inclusion = inclusion.get(c.id);
        for (const n of near) n.candidate.inclusion = inclusion.get(n.candidate.id);
      }
      // every one is scored (numbers only); only the kept k are explained
      const top = new TopK<Ranked>(limit, compareScores);
      for (const candidate of eligible) {
        top.push({ candidateId: candidate.id, score: scoreOnly(candidate, o, ctx), candidate });
      }
      const topNear = new TopK<Ranked & { gap: NearMissGap }>(limit, compareScores);
      for (const { candidate, gap } of near) {
        const score = scoreOnly(candidate, o, ctx);
        topNear.push({ candidateId: candidate.id, score, candidate, gap });
      }
      return {
        eligible: top.sorted().map((r) => scoreCandidate(r.candidate, o, ctx)),
        nearMisses: topNear
          .sorted()
          .map((r) => ({ ...scoreCandidate(r.candidate, o, ctx), gap: r.gap })),
      };
    });
  }

  /**
   * How each of these profiles fits the opportunity, for `viewer`: the same rules, weights and
   * explanation as a ranking of candidates (programme priorities weigh only for a viewer who may
   * see them weigh), for every given profile whether eligible or not. `profiles` are full
   * records (ProfilesService.getForScoring or the trainee's own); nothing of them is answered
   * but the explanation, which a caller shows only to those who may see the person.
   */
  async fitsOf(
    viewer: AuthUser,
    entity: OpportunityRecord,
    profiles: readonly ProfileRecord[],
    now = new Date(),
  ): Promise<Map<string, FitDto>> {
    const o = opportunityFromEntity(entity);
    const ctx = await this.scoringContext(viewer, o.programmeId, now);
    const inclusion =
      ctx.priorities.length > 0 && ctx.priorityBoostCap > 0
        ? await this.repository.findConsentedInclusion(profiles.map((p) => p.id))
        : undefined;
    const names = await this.taxonomy.answerSkillNames(o.skills.map((s) => s.skillId));
    const fits = new Map<string, FitDto>();
    for (const p of profiles) {
      const candidate = candidateFromOwnProfile(p, inclusion?.get(p.id));
      const reasons = ineligibilityReasons(candidate, o, now);
      const scored = scoreCandidate(candidate, o, ctx);
      fits.set(p.id, {
        score: scored.score,
        explanation: toExplanationDto(scored.explanation, names),
        eligible: reasons.length === 0,
        ineligibilityReasons: reasons,
      });
    }
    return fits;
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

/** A gap as the answer shows it: in words, with its facts and, for a skill, open cohorts. */
export function toGapDto(
  gap: NearMissGap,
  names: ReadonlyMap<string, string>,
  offers: ReadonlyMap<string, CohortOffer[]>,
  deadline: number | undefined,
): NearMissGapDto {
  const facts = gapFacts(gap);
  const name = facts.skillId === undefined ? undefined : (names.get(facts.skillId) ?? null);
  const dto: NearMissGapDto = {
    kind: gap.kind,
    detail: describeGap(gap, name),
    ...facts,
    ...(name === undefined ? {} : { name }),
  };
  if (gap.kind === 'skill_missing' || gap.kind === 'skill_level') {
    const lastDay = deadline === undefined ? undefined : isoDay(new Date(deadline));
    const courses = (offers.get(offerKey({ skillId: gap.skillId, level: gap.required })) ?? []).map(
      (c) => ({ ...c, startsBeforeDeadline: lastDay === undefined || c.startsOn <= lastDay }),
    );
    // those starting before the deadline first; each part by start date (the order given)
    dto.courses = [
      ...courses.filter((c) => c.startsBeforeDeadline),
      ...courses.filter((c) => !c.startsBeforeDeadline),
    ];
  }
  return dto;
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
