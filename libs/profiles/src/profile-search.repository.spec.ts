import { describe, expect, it } from '@jest/globals';
import type { SearchIndexRegistry } from '@app/search';
import type { Meilisearch } from 'meilisearch';
import { ProfileSearchRepository, TalentSearchSlots } from './profile-search.repository.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('ProfileSearchRepository.searchTalent', () => {
  it('sends the engine at most TALENT_SEARCH_CONCURRENCY searches at once; the rest wait', async () => {
    let running = 0;
    let most = 0;
    const finish: (() => void)[] = [];
    const engine = {
      index: () => ({
        search: async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise<void>((resolve) => finish.push(resolve));
          running -= 1;
          return { hits: [{ id: 'p1' }], facetDistribution: {}, estimatedTotalHits: 1 };
        },
      }),
    } as unknown as Meilisearch;
    const registry = { uidOf: (name: string) => name } as unknown as SearchIndexRegistry;
    const slots = new TalentSearchSlots(2);
    const repository = new ProfileSearchRepository(engine, registry, slots);
    const searches = Array.from({ length: 5 }, () =>
      repository.searchTalent({
        foldedQuery: 'java',
        filter: undefined,
        sort: [],
        limit: 20,
        offset: 0,
      }),
    );
    await tick();
    expect(running).toBe(2);
    expect(slots.load).toEqual({ running: 2, waiting: 3 });
    while (finish.length > 0 || running > 0) {
      finish.shift()?.();
      await tick();
    }
    const results = await Promise.all(searches);
    expect(results.map((r) => r.ids)).toEqual(Array.from({ length: 5 }, () => ['p1']));
    expect(most).toBe(2);
    expect(slots.load).toEqual({ running: 0, waiting: 0 });
  });
});
