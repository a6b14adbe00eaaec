import type { SkillResponseDto, SkillSummaryDto } from './dto/skill.dto.js';
import type { SkillAlias } from './entities/skill-alias.entity.js';
import type { Skill } from './entities/skill.entity.js';

/** A skill row or a search hit: both carry these. */
type SkillFields = Pick<Skill, 'id' | 'name' | 'category' | 'escoUri'>;

export function toSkillSummary(skill: SkillFields): SkillSummaryDto {
  return {
    id: skill.id,
    name: skill.name,
    category: skill.category,
    ...(skill.escoUri === null ? {} : { escoUri: skill.escoUri }),
  };
}

export function toSkillResponse(skill: SkillFields, aliases: SkillAlias[]): SkillResponseDto {
  return {
    ...toSkillSummary(skill),
    aliases: aliases
      .filter((a) => a.kind !== 'preferred')
      .map((a) => ({ label: a.label, lang: a.lang })),
  };
}
