import type { PagePosition } from '@app/http';
import { FilterBuilder, type FilterExpression } from '@app/search';
import type { FacetDistribution } from 'meilisearch';
import type { OpportunitySearchQueryDto } from './dto/opportunity-search.dto.js';
import { OPPORTUNITY_FILTERABLE_ATTRIBUTES } from './opportunities.search-index.js';

/** Facets the search counts, by index attribute. */
export const OPPORTUNITY_FACETS = [
  'skillIds',
  'countries',
  'workMode',
  'engagementType',
  'kind',
] as const;

/** After relevance: the deadline nearest first (none last), then the oldest, then the id. */
export const OPPORTUNITY_SEARCH_SORT = ['deadline:asc', 'createdAt:asc', 'id:asc'];

/** What the caller may find, beyond "open with a deadline ahead". */
export type SearchScope =
  { kind: 'all' } | { kind: 'requestsAndOwnListings'; organisationId: string };

const filters = new FilterBuilder(OPPORTUNITY_FILTERABLE_ATTRIBUTES);

/**
 * The engine filter: open, deadline not passed (or none), what the caller's role may see, and
 * the query's filters. Skills are all required; countries, work modes and engagement types
 * any of; work open to every country (no `countries`) passes a country filter.
 */
export function buildOpportunitySearchFilter(
  query: OpportunitySearchQueryDto,
  scope: SearchScope,
  now: Date,
): FilterExpression {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const countries = query.countries ?? [];
  const workModes = query.workModes ?? [];
  const engagementTypes = query.engagementTypes ?? [];
  const filter = filters.and(
    filters.eq('status', 'open'),
    filters.or(filters.isNull('deadline'), filters.compare('deadline', '>', nowSeconds)),
    scope.kind === 'all'
      ? undefined
      : filters.or(
          filters.eq('kind', 'work_request'),
          filters.eq('organisationId', scope.organisationId),
        ),
    query.kind === undefined ? undefined : filters.eq('kind', query.kind),
    ...(query.skills ?? []).map((id) => filters.eq('skillIds', id.toLowerCase())),
    countries.length === 0
      ? undefined
      : filters.or(filters.in('countries', countries), filters.isEmpty('countries')),
    workModes.length === 0 ? undefined : filters.in('workMode', workModes),
    engagementTypes.length === 0 ? undefined : filters.in('engagementType', engagementTypes),
  );
  // never undefined: the status part is always there
  return filter as FilterExpression;
}

/** The sort keys of one hit, as the index holds them. */
export interface RankedHit {
  id: string;
  /** Epoch seconds, null when none. */
  deadline: number | null;
  /** Epoch milliseconds. */
  createdAt: number;
}

/** The position a cursor names, with the deadline read for it (null: none, or unknown). */
export interface SearchAnchor extends PagePosition {
  deadline: number | null;
}

/** Orders hits as the engine's sort does after relevance (missing deadlines last). */
export function compareSortKeys(a: RankedHit, b: RankedHit): number {
  const da = a.deadline ?? Number.POSITIVE_INFINITY;
  const db = b.deadline ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da < db ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Where the page after `anchor` starts in the ranked hits: right after the anchor when it is
 * still there. When it is gone (closed, filled or edited since), at the first place its sort
 * keys would take between two neighbours, which is exactly where it stood when the query has
 * no text (one relevance bucket), and a close guess within the buckets of a text query.
 */
export function resumeIndex(hits: readonly RankedHit[], anchor: SearchAnchor): number {
  const at = hits.findIndex((h) => h.id === anchor.id);
  if (at >= 0) return at + 1;
  const key: RankedHit = {
    id: anchor.id,
    deadline: anchor.deadline,
    createdAt: anchor.createdAt.getTime(),
  };
  for (let i = 0; i < hits.length; i += 1) {
    if (compareSortKeys(hits[i], key) > 0 && (i === 0 || compareSortKeys(hits[i - 1], key) < 0)) {
      return i;
    }
  }
  return hits.length;
}

/** The page cut out of the ranked hits from `start`, and whether another page follows. */
export function pageOf<T>(
  hits: readonly T[],
  start: number,
  limit: number,
): { page: T[]; more: boolean } {
  return { page: hits.slice(start, start + limit), more: start + limit < hits.length };
}

export interface FacetCount {
  value: string;
  count: number;
}

/** Facet counts, largest first, ties by value. */
export function facetCounts(values: Record<string, number> | undefined): FacetCount[] {
  return Object.entries(values ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

export function facetsOf(
  distribution: FacetDistribution,
  skillNames: ReadonlyMap<string, string>,
): {
  skills: (FacetCount & { name?: string })[];
  countries: FacetCount[];
  workModes: FacetCount[];
  engagementTypes: FacetCount[];
  kinds: FacetCount[];
} {
  return {
    skills: facetCounts(distribution.skillIds).map((s) => {
      const name = skillNames.get(s.value);
      return name === undefined ? s : { ...s, name };
    }),
    countries: facetCounts(distribution.countries),
    workModes: facetCounts(distribution.workMode),
    engagementTypes: facetCounts(distribution.engagementType),
    kinds: facetCounts(distribution.kind),
  };
}
