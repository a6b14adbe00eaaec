import { RegisterSearchIndex, type SearchDocument, type SearchIndexDefinition } from '@app/search';
import { foldForIndex, foldKey } from '@app/text';
import { Injectable } from '@nestjs/common';
import type { Settings } from 'meilisearch';
import type { EntityManager } from 'typeorm';
import type { SkillAlias } from './skill-records.js';
import type { Skill } from './skill-records.js';
import { SKILLS_INDEX } from './skill-index-sync.js';
import type { LabelLocale } from './skill-label-file.js';
import { SkillLabelRepository, type SkillLabel } from './skill-label.repository.js';
import { SkillRepository } from './skill.repository.js';

export interface SkillDocument extends SearchDocument {
  name: string;
  category: string;
  escoUri: string | null;
  /** Every other label (ESCO alternative and curated), original spelling. */
  aliases: string[];
  /** Hidden: the name folded (any script, no diacritics, see @app/text). */
  nameFolded: string;
  /** Hidden: the aliases folded. */
  aliasesFolded: string;
  /** The skill's label per locale (sq, sr, sr-Cyrl, mk, bs), where it has one. */
  labels: Partial<Record<LabelLocale, string>>;
  /** Hidden: the local labels folded. */
  labelsFolded: string;
  /** Hidden: words in the name; among equal matches the shorter, more general skill comes first. */
  nameWords: number;
}

/** Fields clients see; the folded ones only serve matching. */
export const SKILL_DISPLAYED_ATTRIBUTES = [
  'id',
  'name',
  'category',
  'escoUri',
  'aliases',
  'labels',
];

/**
 * Autocomplete over skill names and aliases, for the skills of the ESCO collections (digital,
 * transversal, language), the BPO skills and curated ones; the rest of the pillar (`other`)
 * is left out of the index (it is found by extraction and exact resolution). Ranking puts `exactness` before `attribute`, and
 * the name before the aliases in `searchableAttributes`: a skill whose name is exactly the query
 * beats one that only has it as an alias (ESCO lists "Mocha" under JavaScript).
 */
export const SKILLS_INDEX_SETTINGS: Settings = {
  // Queries arrive folded, so the original alias spellings add nothing to matching; leaving
  // them out (and measuring proximity per attribute) keeps index builds cheap at boot.
  searchableAttributes: ['name', 'nameFolded', 'labelsFolded', 'aliasesFolded'],
  proximityPrecision: 'byAttribute',
  facetSearch: false,
  displayedAttributes: SKILL_DISPLAYED_ATTRIBUTES,
  filterableAttributes: ['category'],
  sortableAttributes: ['name', 'nameWords'],
  // With a typo no attribute is an exact match, so "javscript" ties JavaScript with JavaScript
  // Framework until nameWords:asc prefers the shorter name.
  rankingRules: ['words', 'typo', 'proximity', 'exactness', 'attribute', 'nameWords:asc', 'sort'],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  synonyms: {
    ms: ['microsoft'],
    microsoft: ['ms'],
    frontend: ['front end'],
    backend: ['back end'],
  },
};

export function toSkillDocument(
  skill: Skill,
  aliases: SkillAlias[],
  localLabels: SkillLabel[] = [],
): SkillDocument {
  const labels = aliases.filter((a) => a.kind !== 'preferred').map((a) => a.label);
  return {
    id: skill.id,
    _version: skill.version,
    name: skill.name,
    category: skill.category,
    escoUri: skill.escoUri,
    aliases: labels,
    nameFolded: foldForIndex(skill.name),
    aliasesFolded: foldForIndex(labels.join(' ')),
    nameWords: foldKey(skill.name).split(' ').length,
    labels: Object.fromEntries(localLabels.map((l) => [l.locale, l.label])),
    labelsFolded: foldForIndex(localLabels.map((l) => l.label).join(' ')),
  };
}

@Injectable()
@RegisterSearchIndex()
export class SkillsSearchIndex implements SearchIndexDefinition<SkillDocument> {
  readonly name = SKILLS_INDEX;
  readonly settings = SKILLS_INDEX_SETTINGS;

  constructor(
    private readonly skills: SkillRepository,
    private readonly labels: SkillLabelRepository,
  ) {}

  async loadDocuments(manager: EntityManager, ids: string[]): Promise<SkillDocument[]> {
    return this.toDocuments(manager, await this.skills.findAutocompleteByIds(manager, ids));
  }

  async loadPage(
    manager: EntityManager,
    afterId: string | undefined,
    limit: number,
  ): Promise<SkillDocument[]> {
    return this.toDocuments(
      manager,
      await this.skills.findAutocompletePageAfter(manager, afterId, limit),
    );
  }

  countDocuments(manager: EntityManager): Promise<number> {
    return this.skills.countAutocompleteSkills(manager);
  }

  private async toDocuments(manager: EntityManager, skills: Skill[]): Promise<SkillDocument[]> {
    const ids = skills.map((s) => s.id);
    const aliases = await this.skills.findAliasesOf(manager, ids);
    const localLabels = await this.labels.findLabelsOf(manager, ids);
    const labelsBySkill = new Map<string, SkillLabel[]>();
    for (const l of localLabels) {
      const list = labelsBySkill.get(l.skillId) ?? [];
      list.push(l);
      labelsBySkill.set(l.skillId, list);
    }
    const bySkill = new Map<string, SkillAlias[]>();
    for (const a of aliases) {
      const list = bySkill.get(a.skillId) ?? [];
      list.push(a);
      bySkill.set(a.skillId, list);
    }
    return skills.map((s) =>
      toSkillDocument(s, bySkill.get(s.id) ?? [], labelsBySkill.get(s.id) ?? []),
    );
  }
}
