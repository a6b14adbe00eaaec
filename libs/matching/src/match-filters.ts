import { OPPORTUNITY_FILTERABLE_ATTRIBUTES } from '@app/opportunities';
import { PROFILE_FILTERABLE, type Visibility } from '@app/profiles';
import { FilterBuilder, type FilterExpression } from '@app/search';
import type { Candidate, Opportunity } from './match-types.js';

const DAY_MS = 86_400_000;
const profiles = new FilterBuilder(PROFILE_FILTERABLE);
const opportunities = new FilterBuilder(OPPORTUNITY_FILTERABLE_ATTRIBUTES);

/**
 * The engine's radius is widened by a hair so that rounding in its distance formula never drops
 * someone the rules keep; the exact check (`ineligibilityReasons`) runs on every document.
 */
export const GEO_SLACK = { factor: 1.001, metres: 10 };

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
): FilterExpression | undefined {
  if (visibilities.length === 0) return undefined;
  const parts: (FilterExpression | undefined)[] = [
    profiles.in('visibility', visibilities),
    profiles.eq('openToWork', true),
    ...o.skills
      .filter((s) => s.mustHave)
      .map((s) => profiles.eq('skillLevels', `${s.skillId}:${s.minLevel}`)),
    o.skills.length === 0
      ? undefined
      : profiles.in(
          'skillIds',
          o.skills.map((s) => s.skillId),
        ),
    ...o.languages.map((l) => profiles.eq('languageLevels', `${l.code}:${l.minLevel}`)),
    profiles.eq('workModes', o.workMode),
    profiles.eq('engagementTypes', o.engagementType),
    o.countries.length === 0 ? undefined : profiles.in('country', o.countries),
  ];
  if (
    o.workMode !== 'remote' &&
    o.radiusKm !== undefined &&
    o.lat !== undefined &&
    o.lng !== undefined
  ) {
    const metres = o.radiusKm * 1000 * GEO_SLACK.factor + GEO_SLACK.metres;
    parts.push(profiles.geoRadius(o.lat, o.lng, metres));
  }
  if (o.deadline !== undefined) {
    // available from day d (UTC midnight) qualifies when d × 1 day ≤ deadline
    const lastDay = Math.floor(o.deadline / DAY_MS);
    parts.push(
      profiles.or(
        profiles.isNull('availableFrom'),
        profiles.compare('availableFrom', '<=', lastDay),
      ),
    );
  }
  return profiles.and(...parts);
}

/**
 * What can be said about a trainee's fit as a filter on the opportunities index (every
 * document there is open): deadline not passed, a work mode and engagement the person accepts,
 * at least one of their skills (or none asked), a country that includes theirs (or none asked).
 * Must-haves, languages and radius depend on each document and are checked exactly afterwards.
 * Returns undefined when no opportunity can qualify.
 */
export function opportunityFilter(c: Candidate, now: Date): FilterExpression | undefined {
  if (!c.openToWork || c.workModes.length === 0 || c.engagementTypes.length === 0) {
    return undefined;
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  return opportunities.and(
    opportunities.eq('status', 'open'),
    opportunities.or(
      opportunities.isNull('deadline'),
      opportunities.compare('deadline', '>=', nowSeconds),
    ),
    opportunities.in('workMode', c.workModes),
    opportunities.in('engagementType', c.engagementTypes),
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
