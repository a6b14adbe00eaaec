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
import { ProfilesService, visibilitiesFor } from './profiles.service.js';
import { buildTalentFilter, nextCursorAfter, parseTalentQuery } from './talent-query.js';
import { TalentSearchRepository } from './talent-search.repository.js';

/**
 * Free-text talent search with filters and facets for companies and brokers. Meilisearch finds
 * and counts; the profiles shown are read back from PostgreSQL through the same visibility rule,
 * so a stale document can never reveal a profile that became private or was erased.
 */
@Injectable()
export class TalentSearchService {
  constructor(
    private readonly search: TalentSearchRepository,
    private readonly profiles: ProfilesService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  async find(viewer: AuthUser, dto: TalentSearchQueryDto): Promise<TalentSearchResponseDto> {
    const query = parseTalentQuery(dto);
    if (query.includeNotOpen && viewer.role !== 'broker') {
      throw new ForbiddenError('Only brokers may include people who are not open to work');
    }
    const hits = await this.search.search({
      foldedQuery: foldQuery(query.q),
      filter: buildTalentFilter(query, visibilitiesFor(viewer.role)),
      sort: query.sort === 'rate' ? ['hourlyRateEur:asc'] : ['lastActiveAt:desc'],
      limit: query.limit,
      offset: query.offset,
    });
    const items = await this.profiles.getVisibleInOrder(viewer, hits.ids);
    return {
      items,
      facets: await this.facets(hits.facets),
      nextCursor: nextCursorAfter(query.offset, query.limit, hits.estimatedTotalHits),
    };
  }

  private async facets(
    distribution: FacetDistribution,
  ): Promise<TalentSearchResponseDto['facets']> {
    const skills = counts(distribution.skillIds);
    const names = new Map(
      skills.length === 0
        ? []
        : (await this.taxonomy.findByIds(skills.map((s) => s.value))).map((s) => [s.id, s.name]),
    );
    return {
      skills: skills.map((s) => ({ ...s, name: names.get(s.value) })),
      countries: counts(distribution.country),
      languages: counts(distribution.languageCodes),
      verified: counts(distribution.hasVerifiedSkills),
    };
  }
}

/** Facet counts, largest first. */
function counts(values: Record<string, number> | undefined): TalentFacetValueDto[] {
  return Object.entries(values ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
