import {
  compareScores,
  ineligibilityReasons,
  scoreCandidate,
  type MatchScore,
  type ScoringContext,
} from '../../libs/matching/src/match-score.js';
import type {
  Candidate,
  CefrLevel,
  EngagementType,
  Opportunity,
  WorkMode,
} from '../../libs/matching/src/match-types.js';
import { parseMatchingConfig } from '../../libs/matching/src/match-weights.js';
import { nearMissGap, type NearMissGap } from '../../libs/matching/src/near-miss.js';
import type { DataSource } from 'typeorm';
import defaults from '../../config/matching.json' with { type: 'json' };

/**
 * The reference the matching endpoints are checked against: every profile and opportunity read
 * straight from PostgreSQL, every pair judged and scored with the pure rules, fully sorted.
 */
export interface StoredCandidate {
  candidate: Candidate;
  visibility: string;
}

const group = <T extends { id: string }>(rows: T[]) => {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.id, [...(m.get(r.id) ?? []), r]);
  return m;
};

export async function loadAllCandidates(ds: DataSource): Promise<StoredCandidate[]> {
  const profiles: Record<string, unknown>[] = await ds.query(
    `SELECT id, country, lat, lng, work_modes, engagement_types, hours_per_week,
            to_char(available_from, 'YYYY-MM-DD') AS available_from,
            hourly_rate_eur::float8 AS rate, open_to_work, visibility, last_active_at
       FROM profiles WHERE erased_at IS NULL`,
  );
  const skills = group<{
    id: string;
    skill_id: string;
    level: number;
    years: number | null;
    verified: boolean;
  }>(
    await ds.query(`SELECT profile_id AS id, skill_id, level, years, verified FROM profile_skills`),
  );
  const languages = group<{ id: string; code: string; level: CefrLevel }>(
    await ds.query(`SELECT profile_id AS id, code, level FROM profile_languages`),
  );
  const inclusion = new Map<
    string,
    { sex: string | null; birth_year: number | null; groups: string[] }
  >(
    (
      (await ds.query(
        `SELECT profile_id AS id, sex, birth_year, groups FROM profile_inclusion`,
      )) as {
        id: string;
        sex: string | null;
        birth_year: number | null;
        groups: string[];
      }[]
    ).map((r) => [r.id, r]),
  );
  return profiles.map((p) => {
    const id = p.id as string;
    const inc = inclusion.get(id);
    const candidate: Candidate = {
      id,
      skills: (skills.get(id) ?? []).map((s) => ({
        skillId: s.skill_id,
        level: s.level,
        ...(s.years === null ? {} : { years: s.years }),
        verified: s.verified,
      })),
      languages: (languages.get(id) ?? []).map((l) => ({ code: l.code, level: l.level })),
      ...(p.country === null ? {} : { country: p.country as string }),
      ...(p.lat === null ? {} : { lat: p.lat as number, lng: p.lng as number }),
      workModes: p.work_modes as WorkMode[],
      engagementTypes: p.engagement_types as EngagementType[],
      ...(p.hours_per_week === null ? {} : { hoursPerWeek: p.hours_per_week as number }),
      ...(p.available_from === null
        ? {}
        : { availableFrom: Date.parse(p.available_from as string) }),
      ...(p.rate === null ? {} : { hourlyRateEur: p.rate as number }),
      openToWork: p.open_to_work as boolean,
      lastActiveAt: (p.last_active_at as Date).getTime(),
      ...(inc === undefined
        ? {}
        : {
            inclusion: {
              ...(inc.sex === null ? {} : { sex: inc.sex as 'female' }),
              ...(inc.birth_year === null ? {} : { birthYear: inc.birth_year }),
              groups: inc.groups,
            },
          }),
    };
    return { candidate, visibility: p.visibility as string };
  });
}

export async function loadAllOpportunities(ds: DataSource): Promise<Opportunity[]> {
  const rows: Record<string, unknown>[] = await ds.query(
    `SELECT id, status, deadline, engagement_type, work_mode, countries, lat, lng, radius_km,
            hours_per_week, budget_type, budget_min_eur::float8 AS bmin,
            budget_max_eur::float8 AS bmax, programme_id
       FROM opportunities`,
  );
  const skills = group<{ id: string; skill_id: string; min_level: number; must_have: boolean }>(
    await ds.query(
      `SELECT opportunity_id AS id, skill_id, min_level, must_have FROM opportunity_skills ORDER BY position`,
    ),
  );
  const languages = group<{ id: string; code: string; min_level: CefrLevel }>(
    await ds.query(
      `SELECT opportunity_id AS id, code, min_level FROM opportunity_languages ORDER BY position`,
    ),
  );
  return rows.map((o) => {
    const id = o.id as string;
    const type = o.budget_type as 'hourly' | 'fixed' | null;
    return {
      id,
      status: o.status as Opportunity['status'],
      ...(o.deadline === null ? {} : { deadline: (o.deadline as Date).getTime() }),
      skills: (skills.get(id) ?? []).map((s) => ({
        skillId: s.skill_id,
        minLevel: s.min_level,
        mustHave: s.must_have,
      })),
      languages: (languages.get(id) ?? []).map((l) => ({ code: l.code, minLevel: l.min_level })),
      engagementType: o.engagement_type as EngagementType,
      workMode: o.work_mode as WorkMode,
      countries: o.countries as string[],
      ...(o.lat === null ? {} : { lat: o.lat as number, lng: o.lng as number }),
      ...(o.radius_km === null ? {} : { radiusKm: o.radius_km as number }),
      ...(o.hours_per_week === null ? {} : { hoursPerWeek: o.hours_per_week as number }),
      ...(type === null
        ? {}
        : {
            budget: {
              type,
              ...(o.bmin === null ? {} : { minEur: o.bmin as number }),
              ...(o.bmax === null ? {} : { maxEur: o.bmax as number }),
            },
          }),
      ...(o.programme_id === null ? {} : { programmeId: o.programme_id as string }),
    };
  });
}

const config = parseMatchingConfig(defaults);
export function defaultContext(now: Date): ScoringContext {
  return {
    weights: config.weights,
    priorityBoostCap: config.priorityBoostCap,
    priorities: [],
    now,
  };
}

/** Top k candidates of one opportunity among profiles of these visibilities, by brute force. */
export function bruteForceCandidates(
  all: StoredCandidate[],
  o: Opportunity,
  visibilities: string[],
  k: number,
  ctx: ScoringContext,
): MatchScore[] {
  return all
    .filter((s) => visibilities.includes(s.visibility))
    .filter((s) => ineligibilityReasons(s.candidate, o, ctx.now).length === 0)
    .map((s) => scoreCandidate(s.candidate, o, ctx))
    .sort(compareScores)
    .slice(0, k);
}

/**
 * Top k near misses of one opportunity among profiles of these visibilities, by brute force:
 * every profile the rules judge one step away (`nearMissGap`), scored and sorted as candidates.
 */
export function bruteForceNearMisses(
  all: StoredCandidate[],
  o: Opportunity,
  visibilities: string[],
  k: number,
  ctx: ScoringContext,
): (MatchScore & { gap: NearMissGap })[] {
  return all
    .filter((s) => visibilities.includes(s.visibility))
    .flatMap((s) => {
      const gap = nearMissGap(s.candidate, o, ctx.now);
      return gap === undefined ? [] : [{ ...scoreCandidate(s.candidate, o, ctx), gap }];
    })
    .sort(compareScores)
    .slice(0, k);
}

/** Top k opportunities for one person, by brute force; ids of opportunities as candidateId. */
export function bruteForceRecommendations(
  c: Candidate,
  all: Opportunity[],
  k: number,
  ctx: ScoringContext,
): MatchScore[] {
  return all
    .filter((o) => ineligibilityReasons(c, o, ctx.now).length === 0)
    .map((o) => ({ ...scoreCandidate(c, o, ctx), candidateId: o.id }))
    .sort(compareScores)
    .slice(0, k);
}
