import type { GeoCover } from '@app/geonames';
import { OPPORTUNITY_FILTERABLE_ATTRIBUTES } from '@app/opportunities';
import { PROFILE_FILTERABLE, type Visibility } from '@app/profiles';
import { FilterBuilder, type FilterExpression } from '@app/search';
import type { Candidate, Opportunity } from './match-types.js';
import { cefrStepBelow, NEAR_MISS_RANGE } from './near-miss.js';

const DAY_MS = 86_400_000;
const profiles = new FilterBuilder(PROFILE_FILTERABLE);
const opportunities = new FilterBuilder(OPPORTUNITY_FILTERABLE_ATTRIBUTES);

/**
 * The engine's radius is widened by a hair so that rounding never drops someone the rules keep;
 * the exact check (`ineligibilityReasons`) runs on every document.
 */
export const GEO_SLACK = { factor: 1.001, metres: 10 };

/**
 * One hard constraint as a filter part: `strict` as the rules hold it, `near` as far as a near
 * miss may go. Null: nobody meets it (no town within the radius).
 */
interface RelaxablePart {
  strict: FilterExpression | null;
  /** Undefined: anything goes for a near miss (a work mode or engagement not ticked). */
  near: FilterExpression | null | undefined;
  /**
   * A facet lookup (skills, languages, work mode, engagement), cheap for the engine to repeat;
   * false for the radius and the availability range, which the near-miss filter names once.
   */
  facet: boolean;
}

/** The constraints that are never relaxed: visibility, open to work, a requested skill, a country. */
function fixedParts(
  o: Opportunity,
  visibilities: readonly Visibility[],
): (FilterExpression | undefined)[] {
  return [
    profiles.in('visibility', visibilities),
    profiles.eq('openToWork', true),
    o.skills.length === 0
      ? undefined
      : profiles.in(
          'skillIds',
          o.skills.map((s) => s.skillId),
        ),
    o.countries.length === 0 ? undefined : profiles.in('country', o.countries),
  ];
}

/**
 * Living within `km` of the opportunity's town, widened by {@link GEO_SLACK}: a town's grid cells
 * or the town itself (`GeoCover`, `@app/geonames`); null when no town lies within it.
 */
function withinKm(
  o: Opportunity & { lat: number; lng: number },
  km: number,
  cover: GeoCover,
): FilterExpression | null {
  const keys = cover.within(o.lat, o.lng, km * GEO_SLACK.factor + GEO_SLACK.metres / 1000);
  return keys.length === 0 ? null : profiles.in('geoCells', keys);
}

/** Available from day d (UTC midnight) qualifies when d × 1 day ≤ deadline + `extraDays`. */
function availableBy(deadline: number, extraDays: number): FilterExpression {
  const lastDay = Math.floor(deadline / DAY_MS) + extraDays;
  return profiles.or(
    profiles.isNull('availableFrom'),
    profiles.compare('availableFrom', '<=', lastDay),
  ) as FilterExpression;
}

/**
 * The constraints a near miss may fail (one of them, by a little; `nearMissGap` in
 * near-miss.ts): each must-have skill (one level short, or not held), each language (one CEFR
 * step short), the work mode, the engagement type, the radius (by half of it) and availability
 * (14 days after the deadline).
 */
function relaxableParts(o: Opportunity, cover: GeoCover): RelaxablePart[] {
  const parts: RelaxablePart[] = [];
  for (const s of o.skills) {
    if (!s.mustHave) continue;
    parts.push({
      strict: profiles.eq('skillLevels', `${s.skillId}:${s.minLevel}`),
      // held one level short, or not held at all (never: two or more levels short)
      near:
        s.minLevel <= 1
          ? undefined
          : profiles.or(
              profiles.eq('skillLevels', `${s.skillId}:${s.minLevel - 1}`),
              profiles.notEq('skillIds', s.skillId),
            ),
      facet: true,
    });
  }
  for (const l of o.languages) {
    const strict = profiles.eq('languageLevels', `${l.code}:${l.minLevel}`);
    const below = cefrStepBelow(l.minLevel);
    parts.push({
      strict,
      near: below === undefined ? strict : profiles.eq('languageLevels', `${l.code}:${below}`),
      facet: true,
    });
  }
  parts.push({ strict: profiles.eq('workModes', o.workMode), near: undefined, facet: true });
  parts.push({
    strict: profiles.eq('engagementTypes', o.engagementType),
    near: undefined,
    facet: true,
  });
  if (
    o.workMode !== 'remote' &&
    o.radiusKm !== undefined &&
    o.lat !== undefined &&
    o.lng !== undefined
  ) {
    const at = { ...o, lat: o.lat, lng: o.lng };
    parts.push({
      strict: withinKm(at, o.radiusKm, cover),
      near: withinKm(at, o.radiusKm * (1 + NEAR_MISS_RANGE.radiusShare), cover),
      facet: false,
    });
  }
  if (o.deadline !== undefined) {
    parts.push({
      strict: availableBy(o.deadline, 0),
      near: availableBy(o.deadline, NEAR_MISS_RANGE.lateDays),
      facet: false,
    });
  }
  return parts;
}

/**
 * Hard constraints of an opportunity as a filter on the profiles index: only people the
 * caller may see, open to work, holding every must-have skill at its minimum level and at least
 * one requested skill, every language at its minimum level, the work mode and engagement, a
 * requested country, within the radius, and available by the deadline. Built only from
 * validated values through the escaping builder. Returns undefined when nobody can qualify.
 */
export function candidateFilter(
  o: Opportunity,
  visibilities: readonly Visibility[],
  cover: GeoCover,
): FilterExpression | undefined {
  if (visibilities.length === 0) return undefined;
  const strict = relaxableParts(o, cover).map((p) => p.strict);
  if (strict.includes(null)) return undefined;
  return profiles.and(...fixedParts(o, visibilities), ...(strict as FilterExpression[]));
}

/**
 * Everyone who may be eligible or a near miss, in one filter: the fixed constraints, every
 * relaxable one at its near-miss extent, and — of the strict facet parts (must-have skills,
 * languages, work mode, engagement) — all but at most one ({@link atMostOneFails}). The
 * radius and the availability range stand once, at their near extent, outside it: repeated
 * in each of its branches they made the engine evaluate the radius and the range again and
 * again, the dearest parts of the filter, for the few more documents they would have kept out
 * (people failing one facet and also the strict radius or availability, which the exact rules
 * then drop). A near miss fails at most one facet part and meets every near extent, so the set
 * contains every near miss and, each part being implied by the strict filter, every eligible
 * profile of {@link candidateFilter}; one fetch serves both, and the exact rules decide each
 * document (`isEligible`, `nearMissGap`). Returns undefined when nobody can qualify.
 */
export function nearMissFilter(
  o: Opportunity,
  visibilities: readonly Visibility[],
  cover: GeoCover,
): FilterExpression | undefined {
  if (visibilities.length === 0) return undefined;
  const relaxable = relaxableParts(o, cover);
  if (relaxable.some((p) => p.near === null)) return undefined;
  // facet parts are never null (only the radius can be)
  const facets = relaxable.filter((p) => p.facet).map((p) => p.strict as FilterExpression);
  return profiles.and(
    ...fixedParts(o, visibilities),
    ...relaxable.map((p) => p.near ?? undefined),
    atMostOneFails(facets),
  );
}

/**
 * "At most one of `parts` fails" as a filter of O(k log k) conditions for k parts (undefined:
 * always true). Split the parts in halves L and R: at most one fails in both together exactly
 * when none fails in L and at most one in R, or at most one in L and none in R. For the 4–8
 * facet parts of a request that is 8–24 conditions, against 12–56 for the OR over "all but the
 * i-th" that it replaces; the engine evaluates every condition, so fewer is cheaper.
 */
export function atMostOneFails(parts: readonly FilterExpression[]): FilterExpression | undefined {
  if (parts.length <= 1) return undefined;
  if (parts.length === 2) return profiles.or(parts[0], parts[1]);
  const mid = Math.floor(parts.length / 2);
  const [left, right] = [parts.slice(0, mid), parts.slice(mid)];
  return profiles.or(
    profiles.and(...left, atMostOneFails(right)),
    profiles.and(atMostOneFails(left), ...right),
  );
}

/**
 * What can be said about a trainee's fit as a filter on the opportunities index (every
 * document there is open): deadline not passed, a work mode and engagement the person accepts,
 * at least one of their skills (or none asked), a country that includes theirs (or none asked).
 * Must-haves, languages and radius depend on each document and are checked exactly afterwards.
 * With `nearMisses`, a work mode or an engagement the person did not tick may be the one
 * constraint they fail (not both). Returns undefined when no opportunity can qualify.
 */
export function opportunityFilter(
  c: Candidate,
  now: Date,
  nearMisses = false,
): FilterExpression | undefined {
  if (!c.openToWork) return undefined;
  const mode = c.workModes.length === 0 ? undefined : opportunities.in('workMode', c.workModes);
  const engagement =
    c.engagementTypes.length === 0
      ? undefined
      : opportunities.in('engagementType', c.engagementTypes);
  const fit = nearMisses ? opportunities.or(mode, engagement) : opportunities.and(mode, engagement);
  if (fit === undefined || (!nearMisses && (mode === undefined || engagement === undefined))) {
    return undefined;
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return opportunities.and(
    opportunities.eq('status', 'open'),
    opportunities.or(
      opportunities.isNull('deadline'),
      opportunities.compare('deadline', '>=', nowSeconds),
    ),
    fit,
    opportunities.or(
      opportunities.isEmpty('skillIds'),
      c.skills.length === 0
        ? undefined
        : opportunities.in(
            'skillIds',
            c.skills.map((s) => s.skillId),
          ),
    ),
    opportunities.or(
      opportunities.isEmpty('countries'),
      c.country === undefined ? undefined : opportunities.eq('countries', c.country),
    ),
  );
}
