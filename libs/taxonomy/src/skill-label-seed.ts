import { foldKey } from '@app/text';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { LABEL_LOCALES, parseLabelFile, type LabelRow } from './skill-label-file.js';
import { SkillLabelRepository, type NewSkillLabel } from './skill-label.repository.js';
import { seedDataDir } from './skill-seed-data.js';
import { SkillRepository, type NewAlias } from './skill.repository.js';

/** One line of data/everyday-aliases.tsv: an everyday name or abbreviation of a skill. */
export interface EverydayAlias {
  label: string;
  /** The skill's preferred name. */
  skill: string;
  lang: string;
  source: string;
}

export interface SkillLabelSeed {
  fingerprint: string;
  labels: LabelRow[];
  aliases: EverydayAlias[];
}

const SEED_NAME = 'skill-labels';

/**
 * The seed step for local labels and everyday aliases, apart from the ESCO/curated skill seed:
 * `data/skill-labels.tsv` (labels in sq, sr, sr-Cyrl, mk, bs; see scripts/select-label-skills.ts)
 * and `data/everyday-aliases.tsv` (js, k8s, crm, ms excel, … with where each comes from).
 */
export function loadSkillLabelSeed(): SkillLabelSeed {
  const dir = seedDataDir();
  const labelText = readFileSync(join(dir, 'skill-labels.tsv'), 'utf8');
  const aliasText = readFileSync(join(dir, 'everyday-aliases.tsv'), 'utf8');
  const [, ...aliasLines] = aliasText.split('\n').filter((l) => l.trim() !== '');
  const aliases = aliasLines.map((line, i) => {
    const [label, skill, lang, source] = line.split('\t').map((c) => c.trim());
    if (!label || !skill || !lang || !source) {
      throw new Error(
        `everyday-aliases.tsv line ${i + 2}: label, skill, lang and source are needed`,
      );
    }
    return { label, skill, lang, source };
  });
  const fingerprint = createHash('sha256').update(labelText).update(aliasText).digest('hex');
  return { fingerprint, labels: parseLabelFile(labelText), aliases };
}

/**
 * Applies the label seed inside the caller's transaction, after the skill seed (it names seeded
 * skills). Labels an admin reviewed are kept. Returns the ids of skills whose search document
 * changed, and whether this seed had been applied before (then those need a search sync).
 */
export async function applySkillLabelSeed(
  manager: EntityManager,
  skills: SkillRepository,
  labels: SkillLabelRepository,
  seed: SkillLabelSeed,
  options: { force?: boolean } = {},
): Promise<{ skipped: boolean; changedIds: string[]; seededBefore: boolean }> {
  const previous = await skills.findSeedFingerprint(manager, SEED_NAME);
  if (previous === seed.fingerprint && options.force !== true) {
    return { skipped: true, changedIds: [], seededBefore: true };
  }
  const byName = await labels.findIdsByNames(manager, [
    ...new Set(seed.aliases.map((a) => a.skill)),
  ]);
  const aliases: NewAlias[] = seed.aliases.map((a) => {
    const skillId = byName.get(a.skill);
    if (skillId === undefined)
      throw new Error(`everyday alias ${a.label} names unknown ${a.skill}`);
    return {
      skillId,
      label: a.label,
      lang: a.lang,
      kind: 'curated',
      foldedLabel: foldKey(a.label),
      source: a.source,
    };
  });
  const gained = await skills.insertAliases(manager, aliases);

  const byKey = await labels.findIdsBySeedKeys(
    manager,
    seed.labels.map((r) => r.key),
  );
  const rows: NewSkillLabel[] = [];
  for (const r of seed.labels) {
    const skillId = byKey.get(r.key);
    if (skillId === undefined) throw new Error(`skill-labels.tsv names unknown skill ${r.skill}`);
    for (const locale of LABEL_LOCALES) {
      const label = r[locale];
      if (label === '' || foldKey(label) === '') continue;
      rows.push({ skillId, locale, label, foldedLabel: foldKey(label), source: r.source });
    }
  }
  const relabelled = await labels.upsertSeedLabels(manager, rows);
  const changedIds = [...new Set([...gained, ...relabelled])];
  await skills.bumpVersions(manager, changedIds);
  await skills.recordSeedFingerprint(manager, SEED_NAME, seed.fingerprint);
  return { skipped: false, changedIds, seededBefore: previous !== undefined };
}
