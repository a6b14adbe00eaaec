import { foldKey } from '@app/text';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SkillCategory } from './skill-records.js';

interface EscoSeedFile {
  skills: {
    escoUri: string | null;
    name: string;
    category: SkillCategory;
    description: string | null;
    altLabels: string[];
  }[];
}

interface CuratedFile {
  skills: { name: string; category: SkillCategory; description: string; aliases: string[] }[];
  aliases: { label: string; skill: string; lang?: string }[];
}

export interface SeedLabel {
  label: string;
  lang: string;
  kind: 'preferred' | 'alternative' | 'curated';
}

export interface SeedSkill {
  /** ESCO URI, or the folded name for skills without one. */
  key: string;
  escoUri: string | null;
  name: string;
  category: SkillCategory;
  description: string | null;
  source: 'esco' | 'curated';
  labels: SeedLabel[];
}

export interface SkillSeed {
  fingerprint: string;
  skills: SeedSkill[];
}

/**
 * The vendored data: `data/skills.seed.json` (derived from ESCO v1.2.0, © European Union, ESCO,
 * by scripts/build-seed.ts) and `data/curated-aliases.json`. Found beside the sources and, when
 * running from `dist/`, in the repository's `libs/taxonomy/data`.
 */
export function seedDataDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, '..', 'data'),
    join(here, '..', '..', '..', '..', 'libs', 'taxonomy', 'data'),
    join(process.cwd(), 'libs', 'taxonomy', 'data'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, 'skills.seed.json')));
  if (found === undefined)
    throw new Error(`skills.seed.json not found in ${candidates.join(', ')}`);
  return found;
}

/** Reads and merges the seed files into one list of skills with their labels. */
export function loadSkillSeed(): SkillSeed {
  const dir = seedDataDir();
  const escoText = readFileSync(join(dir, 'skills.seed.json'), 'utf8');
  const curatedText = readFileSync(join(dir, 'curated-aliases.json'), 'utf8');
  const esco = JSON.parse(escoText) as EscoSeedFile;
  const curated = JSON.parse(curatedText) as CuratedFile;

  const skills: SeedSkill[] = esco.skills.map((s) => ({
    key: s.escoUri ?? foldKey(s.name),
    escoUri: s.escoUri,
    name: s.name,
    category: s.category,
    description: s.description,
    source: 'esco',
    labels: [
      { label: s.name, lang: 'en', kind: 'preferred' },
      ...s.altLabels.map((label): SeedLabel => ({ label, lang: 'en', kind: 'alternative' })),
    ],
  }));
  const keys = new Set(skills.map((s) => s.key));
  for (const c of curated.skills) {
    const key = foldKey(c.name);
    if (keys.has(key)) throw new Error(`curated skill ${c.name} duplicates a seeded skill`);
    keys.add(key);
    skills.push({
      key,
      escoUri: null,
      name: c.name,
      category: c.category,
      description: c.description,
      source: 'curated',
      labels: [
        { label: c.name, lang: 'en', kind: 'preferred' },
        ...c.aliases.map((label): SeedLabel => ({ label, lang: 'en', kind: 'curated' })),
      ],
    });
  }
  const byName = new Map(skills.map((s) => [s.name, s]));
  for (const a of curated.aliases) {
    const skill = byName.get(a.skill);
    if (skill === undefined) throw new Error(`curated alias ${a.label} names unknown ${a.skill}`);
    // Curated aliases rank above ESCO's alternative labels, so they go before them.
    const firstAlternative = skill.labels.findIndex((l) => l.kind === 'alternative');
    const label: SeedLabel = { label: a.label, lang: a.lang ?? 'en', kind: 'curated' };
    if (firstAlternative === -1) skill.labels.push(label);
    else skill.labels.splice(firstAlternative, 0, label);
  }
  const fingerprint = createHash('sha256').update(escoText).update(curatedText).digest('hex');
  return { fingerprint, skills };
}
