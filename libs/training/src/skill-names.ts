import { TaxonomyService } from '@app/taxonomy';
import { Injectable } from '@nestjs/common';
import type { SkillNames } from './training-mapping.js';

/** Names of skills for responses (cached by the taxonomy). */
@Injectable()
export class SkillNamesLoader {
  constructor(private readonly taxonomy: TaxonomyService) {}

  async load(skillIds: Iterable<string>): Promise<SkillNames> {
    return this.taxonomy.skillNames(skillIds);
  }
}
