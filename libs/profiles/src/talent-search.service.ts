import { ForbiddenError, nextOffsetCursor } from '@app/http';
import { GeoService } from '@app/geo';
import type { AuthUser, Role } from '@app/identity';
import { TaxonomyService } from '@app/taxonomy';
import { foldQuery } from '@app/text';
import { Injectable } from '@nestjs/common';
import type { FacetDistribution } from 'meilisearch';
import type { TalentSearchQueryDto } from './dto/talent-search-query.dto.js';
import { loadSkillNames, publicProfileOf, type SkillNames } from './profile-mapping.js';
import type { TalentFacetValue, TalentSearchResult } from './profile-records.js';
import { ProfilesRepository } from './profiles.repository.js';
import { visibilitiesFor } from './profiles.service.js';
import {
  buildTalentChangedFilter,
  buildTalentFilter,
  parseTalentQuery,
  type TalentQuery,
} from './talent-query.js';
import { ProfileSearchRepository } from './profile-search.repository.js';
import { PROFILE_MAX_TOTAL_HITS } from './profile-search-document.js';

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
    private readonly geo: GeoService,
  ) {}

  async find(viewer: AuthUser, dto: TalentSearchQueryDto): Promise<TalentSearchResult> {
    const query = this.check(viewer.role, dto);
    const hits = await this.search.searchTalent({
      foldedQuery: foldQuery(await this.withSkillNames(query.q)),
      filter: buildTalentFilter(query, visibilitiesFor(viewer.role), this.geo.geoCover()),
      sort: query.sort === 'rate' ? ['hourlyRateEur:asc'] : ['lastActiveAt:desc'],
      limit: query.limit,
      offset: query.offset,
    });
    const found = await this.profiles.findVisibleByIds(hits.ids, visibilitiesFor(viewer.role));
    const facetSkillIds = Object.keys(hits.facets.skillIds ?? {});
    // one taxonomy read names the skills of the shown profiles and of the facet
    const names = await loadSkillNames(
      (ids) => this.taxonomy.answerSkillNames(ids),
      found,
      facetSkillIds,
    );
    const byId = new Map(found.map((a) => [a.profile.id, a]));
    return {
      items: hits.ids.flatMap((id) => {
        const a = byId.get(id);
        return a === undefined ? [] : [publicProfileOf(a, names)];
      }),
      facets: facetsOf(hits.facets, names),
      nextCursor: nextOffsetCursor(
        query.offset,
        query.limit,
        hits.estimatedTotalHits,
        PROFILE_MAX_TOTAL_HITS,
      ),
    };
  }

  /**
   * The rules of `GET /api/talent` for this role, without searching: every bad value is a 400
   * naming its parameter, `includeNotOpen` from a non-broker a 403.
   */
  check(role: Role, dto: TalentSearchQueryDto): TalentQuery {
    const query = this.checkQuery(dto);
    if (query.includeNotOpen && role !== 'broker') {
      throw new ForbiddenError('Only brokers may include people who are not open to work');
    }
    return query;
  }

  /** The parameters' own rules (a 400 naming each bad one), whoever asks. */
  checkQuery(dto: TalentSearchQueryDto): TalentQuery {
    return parseTalentQuery(dto);
  }

  /**
   * Many saved talent searches at once (one multi-search request): for each, the profiles it
   * finds for its owner's role that changed after `changedAfter` (epoch ms), oldest change
   * first, at most `limit`. Ids only: visibility is checked again by {@link describeVisible}
   * before anyone is told.
   */
  async findChanged(
    searches: readonly { role: Role; dto: TalentSearchQueryDto; changedAfter: number }[],
    limit: number,
  ): Promise<{ id: string; updatedAt: number }[][]> {
    const folded = new Map<string, string>();
    const prepared = [];
    for (const search of searches) {
      const query = parseTalentQuery(search.dto);
      let q = folded.get(query.q);
      if (q === undefined) {
        q = foldQuery(await this.withSkillNames(query.q));
        folded.set(query.q, q);
      }
      prepared.push({
        foldedQuery: q,
        filter: buildTalentChangedFilter(
          query,
          visibilitiesFor(search.role),
          this.geo.geoCover(),
          search.changedAfter,
        ),
      });
    }
    return this.search.searchChangedBatch(prepared, limit);
  }

  /**
   * The profiles among `ids` that a viewer of this role may see now (read from PostgreSQL, so a
   * profile made private a moment ago is left out), with what an alert shows of them.
   */
  async describeVisible(
    role: Role,
    ids: readonly string[],
    options: { includeNotOpen: boolean },
  ): Promise<
    { id: string; displayName: string | null; headline: string | null; openToWork: boolean }[]
  > {
    const found = await this.profiles.findVisibleByIds(ids, visibilitiesFor(role));
    return found
      .filter((a) => options.includeNotOpen || a.profile.openToWork)
      .map((a) => ({
        id: a.profile.id,
        displayName: a.displayName,
        headline: a.profile.headline,
        openToWork: a.profile.openToWork,
      }));
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
): TalentSearchResult['facets'] {
  return {
    skills: counts(distribution.skillIds).map((s) => ({ ...s, name: names.get(s.value) })),
    countries: counts(distribution.country),
    languages: counts(distribution.languageCodes),
    verified: counts(distribution.hasVerifiedSkills),
  };
}

/** Facet counts, largest first. */
function counts(values: Record<string, number> | undefined): TalentFacetValue[] {
  return Object.entries(values ?? {})
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
