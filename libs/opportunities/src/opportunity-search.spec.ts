import { describe, expect, it } from '@jest/globals';
import { createValidationPipe, InputValidationError } from '@app/http';
import { OpportunitySearchQueryDto } from './dto/opportunity-search.dto.js';
import {
  buildOpportunitySearchFilter,
  compareSortKeys,
  facetsOf,
  pageOf,
  resumeIndex,
  type RankedHit,
} from './opportunity-search.js';

const SKILL = '0b6f3c52-6a53-4bd4-9a4c-1f1a8f0b5a11';
const ORG = '44444444-4444-4444-8444-444444444444';
const NOW = new Date('2026-12-02T12:00:00Z');
const NOW_S = Math.floor(NOW.getTime() / 1000);

const hit = (id: string, deadline: number | null, createdAt: number): RankedHit => ({
  id,
  deadline,
  createdAt,
});

describe('buildOpportunitySearchFilter', () => {
  it('always asks for open work with a deadline ahead', () => {
    expect(buildOpportunitySearchFilter({}, { kind: 'all' }, NOW).toString()).toBe(
      `(status = "open") AND ((deadline IS NULL) OR (deadline > ${NOW_S}))`,
    );
  });

  it('requires every skill, any country (or none asked), any mode and engagement', () => {
    const text = buildOpportunitySearchFilter(
      {
        skills: [SKILL.toUpperCase()],
        countries: ['RS', 'XK'],
        workModes: ['remote'],
        engagementTypes: ['freelance', 'part_time'],
        kind: 'listing',
      },
      { kind: 'all' },
      NOW,
    ).toString();
    expect(text).toContain(`(skillIds = "${SKILL}")`);
    expect(text).toContain('((countries IN ["RS", "XK"]) OR (countries IS EMPTY))');
    expect(text).toContain('(workMode IN ["remote"])');
    expect(text).toContain('(engagementType IN ["freelance", "part_time"])');
    expect(text).toContain('(kind = "listing")');
  });

  it('limits a broker to work requests and their own listings', () => {
    expect(
      buildOpportunitySearchFilter(
        {},
        { kind: 'requestsAndOwnListings', organisationId: ORG },
        NOW,
      ).toString(),
    ).toContain(`((kind = "work_request") OR (organisationId = "${ORG}"))`);
  });
});

describe('compareSortKeys', () => {
  it('orders by deadline (none last), then createdAt, then id', () => {
    const sorted = [
      hit('b', null, 1),
      hit('c', 20, 5),
      hit('b', 20, 5),
      hit('a', 20, 9),
      hit('z', 10, 99),
    ].sort(compareSortKeys);
    expect(sorted.map((h) => `${h.id}${h.deadline}`)).toEqual([
      'z10',
      'b20',
      'c20',
      'a20',
      'bnull',
    ]);
  });
});

describe('resumeIndex', () => {
  const hits = [hit('a', 10, 1), hit('b', 10, 1), hit('c', 20, 1), hit('d', 30, 1)];

  it('continues right after the anchor when it is still listed', () => {
    expect(resumeIndex(hits, { id: 'b', createdAt: new Date(1), deadline: null })).toBe(2);
    expect(resumeIndex(hits, { id: 'd', createdAt: new Date(1), deadline: null })).toBe(4);
  });

  it('continues where a vanished anchor stood by its sort keys', () => {
    // 'bb' sat between b and c
    expect(resumeIndex(hits, { id: 'bb', createdAt: new Date(1), deadline: 10 })).toBe(2);
    expect(resumeIndex(hits, { id: '0', createdAt: new Date(1), deadline: 5 })).toBe(0);
    expect(resumeIndex(hits, { id: 'e', createdAt: new Date(1), deadline: 40 })).toBe(4);
  });

  it('takes the first fitting place among relevance buckets', () => {
    // two buckets, each sorted: [a10 c20] [b10 d30]
    const buckets = [hit('a', 10, 1), hit('c', 20, 1), hit('b', 10, 1), hit('d', 30, 1)];
    expect(resumeIndex(buckets, { id: 'x', createdAt: new Date(1), deadline: 15 })).toBe(1);
  });
});

describe('pageOf', () => {
  it('cuts a page and says whether more follow', () => {
    expect(pageOf([1, 2, 3, 4, 5], 0, 2)).toEqual({ page: [1, 2], more: true });
    expect(pageOf([1, 2, 3, 4, 5], 3, 2)).toEqual({ page: [4, 5], more: false });
    expect(pageOf([1, 2], 2, 2)).toEqual({ page: [], more: false });
  });
});

describe('facetsOf', () => {
  it('counts largest first, names skills', () => {
    const facets = facetsOf(
      {
        skillIds: { [SKILL]: 2, other: 5 },
        countries: { XK: 1, RS: 3, AL: 1 },
        workMode: { remote: 4 },
        kind: { listing: 1, work_request: 1 },
      },
      new Map([[SKILL, 'JavaScript']]),
    );
    expect(facets.skills).toEqual([
      { value: 'other', count: 5 },
      { value: SKILL, count: 2, name: 'JavaScript' },
    ]);
    expect(facets.countries.map((c) => c.value)).toEqual(['RS', 'AL', 'XK']);
    expect(facets.engagementTypes).toEqual([]);
    expect(facets.kinds).toEqual([
      { value: 'listing', count: 1 },
      { value: 'work_request', count: 1 },
    ]);
  });
});

describe('OpportunitySearchQueryDto', () => {
  const pipe = createValidationPipe();
  const parse = (query: Record<string, unknown>) =>
    pipe.transform(query, { type: 'query', metatype: OpportunitySearchQueryDto });
  const fieldsOf = async (query: Record<string, unknown>): Promise<string[]> => {
    try {
      await parse(query);
    } catch (error) {
      if (error instanceof InputValidationError) return error.errors.map((e) => e.field);
      throw error;
    }
    throw new Error('expected a validation error');
  };

  it('splits comma lists and accepts arrays (stored filters)', async () => {
    await expect(
      parse({ skills: `${SKILL}, `, countries: 'RS,XK', workModes: 'remote', limit: '5' }),
    ).resolves.toMatchObject({ skills: [SKILL], countries: ['RS', 'XK'], limit: 5 });
    await expect(parse({ engagementTypes: ['freelance'], kind: 'listing' })).resolves.toMatchObject(
      { engagementTypes: ['freelance'], kind: 'listing' },
    );
  });

  it('names each bad parameter', async () => {
    expect(await fieldsOf({ skills: 'js' })).toEqual(['skills']);
    expect(await fieldsOf({ countries: 'rs' })).toEqual(['countries']);
    expect(await fieldsOf({ workModes: 'remote,moon' })).toEqual(['workModes']);
    expect(await fieldsOf({ engagementTypes: 'gig' })).toEqual(['engagementTypes']);
    expect(await fieldsOf({ kind: 'job' })).toEqual(['kind']);
    expect(await fieldsOf({ limit: '101' })).toEqual(['limit']);
    expect(await fieldsOf({ skills: Array.from({ length: 21 }, () => SKILL) })).toEqual(['skills']);
  });
});
