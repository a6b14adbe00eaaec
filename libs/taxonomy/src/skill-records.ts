export const SKILL_CATEGORIES = ['digital', 'transversal', 'language', 'bpo', 'other'] as const;
export type SkillCategory = (typeof SKILL_CATEGORIES)[number];
export const SKILL_SOURCES = ['esco', 'curated'] as const;
export type SkillSource = (typeof SKILL_SOURCES)[number];

/** A canonical skill: an ESCO concept or one curated here (technologies ESCO lacks). */
export interface Skill {
  id: string;
  escoUri: string | null;
  name: string;
  /** Folded name (@app/text `foldKey`), the key of skills without an ESCO URI. */
  nameKey: string;
  category: SkillCategory;
  description: string | null;
  source: SkillSource;
  /** Bumped on every change that alters the search document (drift checks compare it). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** preferred: the skill's own name; curated: an everyday spelling added here; alternative: ESCO's. */
export const SKILL_ALIAS_KINDS = ['preferred', 'alternative', 'curated'] as const;
export type SkillAliasKind = (typeof SKILL_ALIAS_KINDS)[number];

/** A label a skill is known by, with its folded form for exact lookups. */
export interface SkillAlias {
  id: string;
  skillId: string;
  label: string;
  lang: string;
  kind: SkillAliasKind;
  foldedLabel: string;
  createdAt: Date;
}
