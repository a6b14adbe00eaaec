import { TaxonomyService } from '@app/taxonomy';
import { Injectable } from '@nestjs/common';
import type { SkillNames } from './training-mapping.js';

/** Names of skills for responses, one query per response. */
@Injectable()
export class SkillNamesLoader {
  constructor(private readonly taxonomy: TaxonomyService) {}

  async load(skillIds: Iterable<string>): Promise<SkillNames> {
    const ids = [...new Set(skillIds)];
    if (ids.length === 0) return new Map();
    const skills = await this.taxonomy.findByIds(ids);
    return new Map(skills.map((s) => [s.id, s.name]));
  }
}
