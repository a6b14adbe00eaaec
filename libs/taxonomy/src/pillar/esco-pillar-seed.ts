import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { labelWords } from '../extraction/extraction-text.js';
import { seedDataDir } from '../skill-seed-data.js';
import type { NewAlias, SkillRepository } from '../skill.repository.js';
import { EscoPillarRepository } from './esco-pillar.repository.js';

const SEED_NAME = 'esco-pillar';

/** @app/text `foldKey`, with a fast path for the ASCII labels that make up nearly all of ESCO. */
const foldKey = (label: string): string => labelWords(label).join(' ');
const FILE = 'esco-pillar.seed.json';

interface PillarSkill {
  escoUri: string;
  name: string;
  /** Name of the collections skill this one is (a `bpo` skill without URI, or a namesake). */
  mergeInto?: string;
  description: string | null;
  altLabels: string[];
}

export interface PillarSeedResult {
  skipped: boolean;
  skills: number;
  aliases: number;
  /** Skills inserted, changed or given new labels. */
  changed: number;
  /** Of those, the collections skills that gained labels (their autocomplete documents changed). */
  collectionIdsChanged: string[];
}

/**
 * The file's text and fingerprint; parsed only when its fingerprint is new, so a start-up whose
 * seed is applied already pays one hash of the file, not ~100k objects.
 */
function readPillarFile(): { text: string; fingerprint: string } {
  const text = readFileSync(join(seedDataDir(), FILE), 'utf8');
  return { text, fingerprint: createHash('sha256').update(text).digest('hex') };
}

/**
 * Seeds the rest of the ESCO skills pillar (data/esco-pillar.seed.json, ESCO v1.1.1, © European
 * Union, ESCO) after the collections seed, in the caller's transaction: category `other`,
 * upserted by URI; a pillar skill that is a collections skill without URI gets its alternative
 * labels added to that skill instead. Must run after `applySkillSeed` (the `bpo` skills it
 * merges into come from there); skipped after one query when the file is unchanged.
 */
export async function applyEscoPillarSeed(
  manager: EntityManager,
  skills: SkillRepository,
  options: { force?: boolean } = {},
): Promise<PillarSeedResult> {
  const pillar = new EscoPillarRepository();
  const file = readPillarFile();
  const previous = await skills.findSeedFingerprint(manager, SEED_NAME);
  if (previous === file.fingerprint && options.force !== true) {
    return { skipped: true, skills: 0, aliases: 0, changed: 0, collectionIdsChanged: [] };
  }
  const rows = (JSON.parse(file.text) as { skills: PillarSkill[] }).skills;
  const own = rows.filter((r) => r.mergeInto === undefined);
  const { idByKey, changed } = await skills.upsertSeedSkills(
    manager,
    own.map((r) => ({
      escoUri: r.escoUri,
      name: r.name,
      nameKey: foldKey(r.name),
      category: 'other',
      description: r.description,
      source: 'esco',
    })),
  );
  const merged = rows.filter((r) => r.mergeInto !== undefined);
  const mergedIds = await pillar.findCollectionIdsByNameKey(
    manager,
    merged.map((r) => foldKey(r.mergeInto ?? '')),
  );
  const aliases: NewAlias[] = [];
  for (const r of rows) {
    const skillId =
      r.mergeInto === undefined ? idByKey.get(r.escoUri) : mergedIds.get(foldKey(r.mergeInto));
    if (skillId === undefined) continue; // a bpo skill dropped from the collections seed
    const labels = r.mergeInto === undefined ? [r.name, ...r.altLabels] : r.altLabels;
    const seen = new Set<string>();
    labels.forEach((label, i) => {
      const foldedLabel = foldKey(label);
      if (foldedLabel === '' || seen.has(foldedLabel)) return;
      seen.add(foldedLabel);
      const kind = i === 0 && r.mergeInto === undefined ? 'preferred' : 'alternative';
      aliases.push({ skillId, label, lang: 'en', kind, foldedLabel, source: 'esco' });
    });
  }
  const gained = await skills.insertAliases(manager, aliases);
  const changedSet = new Set(changed);
  const onlyGained = gained.filter((id) => !changedSet.has(id));
  await skills.bumpVersions(manager, onlyGained);
  await skills.recordSeedFingerprint(manager, SEED_NAME, file.fingerprint);
  const collectionIds = new Set(mergedIds.values());
  return {
    skipped: false,
    skills: own.length,
    aliases: aliases.length,
    changed: changedSet.size + onlyGained.length,
    collectionIdsChanged: onlyGained.filter((id) => collectionIds.has(id)),
  };
}
