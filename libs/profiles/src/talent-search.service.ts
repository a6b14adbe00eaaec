import { ForbiddenError } from '@app/http';
import type { AuthUser } from '@app/identity';
import { TaxonomyService } from '@app/taxonomy';
import { foldQuery } from '@app/text';
import { Injectable } from '@nestjs/common';
import type { FacetDistribution } from 'meilisearch';
import type { TalentSearchQueryDto } from './dto/talent-search-query.dto.js';
import type {
  TalentFacetValueDto,
  TalentSearchResponseDto,
} from './dto/talent-search-response.dto.js';
import { loadSkillNames, toPublicProfileResponse, type SkillNames } from './profile-mapping.js';
import { ProfilesRepository } from './profiles.repository.js';
import { visibilitiesFor } from './profiles.service.js';
import { buildTalentFilter, nextCursorAfter, parseTalentQuery } from './talent-query.js';
import { ProfileSearchRepository } from './profile-search.repository.js';

/** Longest skill label looked up in a query, in words ("visual basic for applications"). */
const MAX_ALIAS_WORDS = 3;

/**
 * Free-text talent search with filters and facets for companies and brokers. Meilisearch finds
 * and counts; the profiles shown are read back from PostgreSQL through the same visibility rule,
 * so a stale document can never reveal a profile that became private or was erased.
 */
@Injectable()
export class TalentSearchService {
  constructor(
    private readonly search: ProfileSearchRepository,
    private readonly profiles: ProfilesRepository,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async find(viewer: AuthUser, dto: TalentSearchQueryDto): Promise<TalentSearchResponseDto> {
    const query = parseTalentQuery(dto);
    if (query.includeNotOpen && viewer.role !== 'broker') {
      throw new ForbiddenError('Only brokers may include people who are not open to work');
    }
    const hits = await this.search.searchTalent({
      foldedQuery: foldQuery(await this.withSkillNames(query.q)),
      filter: buildTalentFilter(query, visibilitiesFor(viewer.role)),
      sort: query.sort === 'rate' ? ['hourlyRateEur:asc'] : ['lastActiveAt:desc'],
      limit: query.limit,
      offset: query.offset,
    });
    const found = await this.profiles.findVisibleByIds(hits.ids, visibilitiesFor(viewer.role));
    const facetSkillIds = Object.keys(hits.facets.skillIds ?? {});
    // one taxonomy read names the skills of the shown profiles and of the facet
    const names = await loadSkillNames(this.taxonomy, found, facetSkillIds);
    const byId = new Map(found.map((a) => [a.profile.id, a]));
    return {
      items: hits.ids.flatMap((id) => {
        const a = byId.get(id);
        return a === undefined ? [] : [toPublicProfileResponse(a, names)];
      }),
      facets: facetsOf(hits.facets, names),
      nextCursor: nextCursorAfter(query.offset, query.limit, hits.estimatedTotalHits),
    };
  }

  /**
   * Words of the query that are a label of a skill in the taxonomy ("JS", "node js", "ECMAScript")
   * are searched as that skill's name, so a synonym finds the profiles listing the skill. The
   * longest label wins (up to three words); words that name no skill stay as they are.
   */
  private async withSkillNames(q: string): Promise<string> {
    const words = q.split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) return q;
    const grams = (n: number, i: number) => words.slice(i, i + n).join(' ');
    const labels: string[] = [];
    for (let n = Math.min(MAX_ALIAS_WORDS, words.length); n >= 1; n -= 1) {
      for (let i = 0; i + n <= words.length; i += 1) labels.push(grams(n, i));
    }
    const resolved = await this.taxonomy.resolveLabels(labels);
    const names = new Map(
      resolved.flatMap((r) => (r.skill === null ? [] : [[r.label, r.skill.name] as const])),
    );
    const out: string[] = [];
    for (let i = 0; i < words.length;) {
      const n = [MAX_ALIAS_WORDS, 2, 1].find(
        (len) => i + len <= words.length && names.has(grams(len, i)),
      );
      if (n === undefined) {
        out.push(words[i]);
        i += 1;
      } else {
        out.push(names.get(grams(n, i)) as string);
        i += n;
      }
    }
    return out.join(' ');
  }
}

function facetsOf(
  distribution: FacetDistribution,
  names: SkillNames,
): TalentSearchResponseDto['facets'] {
  return {
    skills: counts(distribution.skillIds).map((s) => ({ ...s, name: names.get(s.value) })),
    countries: counts(distribution.country),
    languages: counts(distribution.languageCodes),
    verified: counts(distribution.hasVerifiedSkills),
  };
}

/** Facet counts, largest first. */
function counts(values: Record<string, number> | undefined): TalentFacetValueDto[] {
  return Object.entries(values ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
