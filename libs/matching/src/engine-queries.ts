import type { GeoCover } from '@app/geonames';
import type { OpportunityMatchDocument } from '@app/opportunities';
import type { Visibility } from '@app/profiles';
import { opportunityFromDocument } from './match-documents.js';
import { candidateFilter, nearMissFilter } from './match-filters.js';

/** Documents per fetch: large pages keep round trips few; pages after the first run in parallel. */
export const FETCH_PAGE_SIZE = 5_000;
const PARALLEL_PAGES = 4;

/**
 * Every document of a paged documents fetch: the first page says how many there are, the rest
 * are asked for {@link PARALLEL_PAGES} at a time, each `FETCH_PAGE_SIZE` long.
 */
export async function fetchEveryPage<T>(
  page: (offset: number) => Promise<{ results: T[]; total: number }>,
): Promise<T[]> {
  const first = await page(0);
  const out = first.results;
  const offsets: number[] = [];
  for (let o = FETCH_PAGE_SIZE; o < first.total; o += FETCH_PAGE_SIZE) offsets.push(o);
  for (let i = 0; i < offsets.length; i += PARALLEL_PAGES) {
    const pages = await Promise.all(offsets.slice(i, i + PARALLEL_PAGES).map(page));
    for (const p of pages) out.push(...p.results);
  }
  return out;
}

/**
 * The filter on the profiles index that a ranking of candidates for this opportunity (its
 * index document) sends for a viewer who may see `visibilities`: the candidate filter, or with
 * `nearMisses` the near-miss filter. Undefined when nobody can qualify. For tools that measure
 * the engine's part beside the API (`npm run bench:match`); the API builds the same text.
 */
export function candidatesEngineFilter(
  opportunity: OpportunityMatchDocument,
  visibilities: readonly Visibility[],
  cover: GeoCover,
  nearMisses = false,
): string | undefined {
  const o = opportunityFromDocument(opportunity);
  return (
    nearMisses ? nearMissFilter(o, visibilities, cover) : candidateFilter(o, visibilities, cover)
  )?.toString();
}
