import { SearchIndexRegistry } from '@app/search';
import { Injectable } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import type { SkillCategory } from './skill-records.js';
import type { SkillDocument } from './skills.search-index.js';
import { SKILLS_INDEX } from './skill-index-sync.js';

export type SkillHit = Pick<SkillDocument, 'id' | 'name' | 'escoUri' | 'aliases' | 'labels'> & {
  category: SkillCategory;
};

/** Reads the `skills` Meilisearch index (writes go through the outbox pipeline). */
@Injectable()
export class SkillSearchRepository {
  constructor(
    private readonly meili: Meilisearch,
    private readonly registry: SearchIndexRegistry,
  ) {}

  get indexUid(): string {
    return this.registry.uidOf(SKILLS_INDEX);
  }

  /** `foldedQuery` must already be folded (@app/text `foldQuery`). */
  async searchFolded(foldedQuery: string, limit: number): Promise<SkillHit[]> {
    const result = await this.meili.index<SkillDocument>(this.indexUid).search(foldedQuery, {
      limit,
      attributesToRetrieve: ['id', 'name', 'category', 'escoUri', 'aliases', 'labels'],
      ...(foldedQuery === '' ? { sort: ['name:asc'] } : {}),
    });
    return result.hits as SkillHit[];
  }
}
