import { describe, expect, it } from '@jest/globals';
import { SkillAlias } from './skill-records.js';
import { Skill } from './skill-records.js';
import {
  SKILL_DISPLAYED_ATTRIBUTES,
  SKILLS_INDEX_SETTINGS,
  toSkillDocument,
} from './skills.search-index.js';

const skill: Skill = {
  id: '3f1c2b8e-7a51-4c1e-9d0b-2f4e6a8c0d12',
  escoUri: 'http://data.europa.eu/esco/skill/x',
  name: 'JavaScript',
  nameKey: 'javascript',
  category: 'digital',
  description: null,
  source: 'curated',
  version: 3,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
};
const alias = (label: string, kind: SkillAlias['kind'], lang = 'en') =>
  ({
    id: '7d1c2f0e-1111-4222-8333-944455556666',
    skillId: skill.id,
    label,
    kind,
    lang,
    foldedLabel: label.toLowerCase(),
    createdAt: new Date('2026-01-01T00:00:00Z'),
  }) satisfies SkillAlias;

describe('skills search index', () => {
  it('builds a document with aliases (not the name) and folded hidden fields', () => {
    const doc = toSkillDocument(skill, [
      alias('JavaScript', 'preferred'),
      alias('JS', 'curated'),
      alias('Јаваскрипт', 'curated', 'sr'),
      alias('Mocha', 'alternative'),
    ]);
    expect(doc).toEqual({
      id: skill.id,
      _version: 3,
      name: 'JavaScript',
      category: 'digital',
      escoUri: 'http://data.europa.eu/esco/skill/x',
      aliases: ['JS', 'Јаваскрипт', 'Mocha'],
      nameFolded: 'javascript',
      aliasesFolded: 'js javaskript mocha',
      nameWords: 1,
      labels: {},
      labelsFolded: '',
    });
  });

  it('carries local labels by locale, folded for search across scripts', () => {
    const label = (locale: 'sq' | 'sr-Cyrl', text: string) => ({
      skillId: skill.id,
      locale,
      label: text,
      reviewed: false,
      source: 'drafted',
      reviewedAt: null,
    });
    const doc = toSkillDocument(
      skill,
      [alias('JavaScript', 'preferred')],
      [label('sq', 'programim në JavaScript'), label('sr-Cyrl', 'програмирање')],
    );
    expect(doc.labels).toEqual({ sq: 'programim në JavaScript', 'sr-Cyrl': 'програмирање' });
    expect(doc.labelsFolded).toBe('programim ne javascript programiranje');
  });

  it('searches folded fields but never displays them', () => {
    expect(SKILLS_INDEX_SETTINGS.searchableAttributes).toEqual(
      expect.arrayContaining(['nameFolded', 'aliasesFolded']),
    );
    expect(SKILL_DISPLAYED_ATTRIBUTES).not.toContain('nameFolded');
    expect(SKILL_DISPLAYED_ATTRIBUTES).not.toContain('aliasesFolded');
    // The name is searched before the aliases, and exactness decides before attribute order.
    const searchable = SKILLS_INDEX_SETTINGS.searchableAttributes as string[];
    expect(searchable.indexOf('name')).toBeLessThan(searchable.indexOf('aliasesFolded'));
    const rules = SKILLS_INDEX_SETTINGS.rankingRules as string[];
    expect(rules.indexOf('exactness')).toBeLessThan(rules.indexOf('attribute'));
  });
});
