import type {
  LabelledSkillSummaryDto,
  SkillResponseDto,
  SkillSummaryDto,
} from './dto/skill.dto.js';
import type { SkillLocale } from './label-locale.js';
import type { SkillHit } from './skill-search.repository.js';
import type { SkillLabel } from './skill-label.repository.js';
import type { SkillAlias } from './skill-records.js';
import type { Skill } from './skill-records.js';

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

export function toSkillResponse(
  skill: SkillFields,
  aliases: SkillAlias[],
  labels: SkillLabel[] = [],
): SkillResponseDto {
  return {
    ...toSkillSummary(skill),
    aliases: aliases
      .filter((a) => a.kind !== 'preferred')
      .map((a) => ({ label: a.label, lang: a.lang })),
    labels: labels.map((l) => ({
      locale: l.locale,
      label: l.label,
      reviewed: l.reviewed,
      source: l.source,
    })),
  };
}

/** A search hit in the asked locale: `label` is its label there, or its (English) name. */
export function toLabelledSkillSummary(
  hit: SkillHit,
  locale: SkillLocale,
): LabelledSkillSummaryDto {
  const label = locale === 'en' ? undefined : hit.labels?.[locale];
  return {
    ...toSkillSummary(hit),
    label: label ?? hit.name,
    labelLocale: label === undefined ? 'en' : locale,
  };
}
