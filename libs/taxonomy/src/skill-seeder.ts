import { TransactionRunner } from '@app/database';
import { foldKey } from '@app/text';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { applyEscoPillarSeed } from './pillar/esco-pillar-seed.js';
import { loadSkillSeed, type SkillSeed } from './skill-seed-data.js';
import { SkillRepository, type NewAlias } from './skill.repository.js';
import { SkillIndexSync } from './skill-index-sync.js';
import { applySkillLabelSeed, loadSkillLabelSeed } from './skill-label-seed.js';
import { SkillLabelRepository } from './skill-label.repository.js';

export interface SeedResult {
  skipped: boolean;
  skills: number;
  aliases: number;
  /** Skills inserted or changed by this run. */
  changed: number;
}

const SEED_NAME = 'skills';

/**
 * Applies the seed inside the caller's transaction. Returns the ids of skills it inserted or
 * changed, and whether the seed had been applied before (then those ids need a search sync; on a
 * first seed the index registry fills the new index from the table).
 */
export async function applySkillSeed(
  manager: EntityManager,
  skills: SkillRepository,
  seed: SkillSeed,
  options: { force?: boolean } = {},
): Promise<SeedResult & { changedIds: string[]; seededBefore: boolean }> {
  await skills.lockSeed(manager);
  const previous = await skills.findSeedFingerprint(manager, SEED_NAME);
  if (previous === seed.fingerprint && options.force !== true) {
    return { skipped: true, skills: 0, aliases: 0, changed: 0, changedIds: [], seededBefore: true };
  }
  const changedIds = await upsertSeed(manager, skills, seed);
  await skills.recordSeedFingerprint(manager, SEED_NAME, seed.fingerprint);
  return {
    skipped: false,
    skills: await skills.countSkills(manager),
    aliases: await skills.countAliases(manager),
    changed: changedIds.length,
    changedIds,
    seededBefore: previous !== undefined,
  };
}

/**
 * Seeds a database outside the application (e.g. a test template database right after its
 * migrations), so that each copy boots with the taxonomy in place.
 */
export async function seedSkillTaxonomy(dataSource: DataSource): Promise<SeedResult> {
  const {
    changedIds: _ids,
    seededBefore: _before,
    ...result
  } = await dataSource.transaction(async (manager) => {
    const skills = new SkillRepository();
    const seeded = await applySkillSeed(manager, skills, loadSkillSeed());
    await applyEscoPillarSeed(manager, skills);
    await applySkillLabelSeed(manager, skills, new SkillLabelRepository(), loadSkillLabelSeed());
    return seeded;
  });
  return result;
}

/**
 * Seeds the taxonomy at start-up, before search indexes are built. Idempotent: skills upsert by
 * ESCO URI (or folded name), aliases by (skill, folded label); unchanged rows are not touched, and
 * a run whose seed files are unchanged since the last one is skipped after one query.
 */
@Injectable()
export class SkillSeeder implements OnModuleInit {
  private readonly logger = new Logger(SkillSeeder.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly skills: SkillRepository,
    private readonly labels: SkillLabelRepository,
    private readonly indexSync: SkillIndexSync,
  ) {}

  async onModuleInit(): Promise<void> {
    const started = Date.now();
    const result = await this.seed();
    if (!result.skipped) {
      this.logger.log(
        `Seeded skills taxonomy in ${Date.now() - started} ms: ${result.skills} skills, ${result.aliases} aliases, ${result.changed} changed`,
      );
    }
  }

  /** `force` re-applies the seed even when its fingerprint is already recorded. */
  seed(options: { force?: boolean } = {}, seed: SkillSeed = loadSkillSeed()): Promise<SeedResult> {
    return this.tx.run(async (manager) => {
      const { changedIds, seededBefore, ...result } = await applySkillSeed(
        manager,
        this.skills,
        seed,
        options,
      );
      // The rest of the ESCO pillar, after the collections (it merges into their bpo skills).
      const pillar = await applyEscoPillarSeed(manager, this.skills, options);
      if (seededBefore) {
        await this.indexSync.enqueue(manager, [...changedIds, ...pillar.collectionIdsChanged]);
      }
      // Local labels and everyday aliases: their own seed step (skill-label-seed.ts).
      const labelled = await applySkillLabelSeed(
        manager,
        this.skills,
        this.labels,
        loadSkillLabelSeed(),
        options,
      );
      if (seededBefore || labelled.seededBefore) {
        await this.indexSync.enqueue(manager, labelled.changedIds);
      }
      if (pillar.skipped) return result;
      return {
        skipped: false,
        skills: await this.skills.countSkills(manager),
        aliases: await this.skills.countAliases(manager),
        changed: result.changed + pillar.changed,
      };
    });
  }
}

async function upsertSeed(
  manager: EntityManager,
  skills: SkillRepository,
  seed: SkillSeed,
): Promise<string[]> {
  const { idByKey, changed } = await skills.upsertSeedSkills(
    manager,
    seed.skills.map((s) => ({
      escoUri: s.escoUri,
      name: s.name,
      nameKey: foldKey(s.name),
      category: s.category,
      description: s.description,
      source: s.source,
    })),
  );
  const aliases: NewAlias[] = [];
  for (const s of seed.skills) {
    const skillId = idByKey.get(s.key);
    if (skillId === undefined) throw new Error(`seeded skill ${s.name} was not stored`);
    const seen = new Set<string>();
    for (const l of s.labels) {
      const foldedLabel = foldKey(l.label);
      if (foldedLabel === '' || seen.has(foldedLabel)) continue;
      seen.add(foldedLabel);
      const source = l.kind === 'curated' ? 'curated' : s.source;
      aliases.push({ skillId, label: l.label, lang: l.lang, kind: l.kind, foldedLabel, source });
    }
  }
  const gained = await skills.insertAliases(manager, aliases);
  const changedSet = new Set(changed);
  // A skill that only gained labels changed its search document too.
  const onlyGained = gained.filter((id) => !changedSet.has(id));
  await skills.bumpVersions(manager, onlyGained);
  return [...changedSet, ...onlyGained];
}
