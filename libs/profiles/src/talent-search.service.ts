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
      foldedQuery: foldQuery(query.q),
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
