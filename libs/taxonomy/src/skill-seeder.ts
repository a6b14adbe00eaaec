import { TransactionRunner } from '@app/database';
import { foldKey } from '@app/text';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { loadSkillSeed, type SkillSeed } from './skill-seed-data.js';
import { SkillRepository, type NewAlias } from './skill.repository.js';
import { SkillIndexSync } from './skill-index-sync.js';

export interface SeedResult {
  skipped: boolean;
  skills: number;
  aliases: number;
  /** Skills inserted or changed by this run. */
  changed: number;
}

const SEED_NAME = 'skills';

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
    private readonly indexSync: SkillIndexSync,
  ) {}

  async onModuleInit(): Promise<void> {
    const result = await this.seed();
    if (!result.skipped) {
      this.logger.log(
        `Seeded skills taxonomy: ${result.skills} skills, ${result.aliases} aliases, ${result.changed} changed`,
      );
    }
  }

  /** `force` re-applies the seed even when its fingerprint is already recorded. */
  seed(options: { force?: boolean } = {}, seed: SkillSeed = loadSkillSeed()): Promise<SeedResult> {
    return this.tx.run(async (manager) => {
      await this.skills.lockSeed(manager);
      const previous = await this.skills.findSeedFingerprint(manager, SEED_NAME);
      if (previous === seed.fingerprint && options.force !== true) {
        return { skipped: true, skills: 0, aliases: 0, changed: 0 };
      }
      const changed = await this.apply(manager, seed);
      // A first seed needs no sync: the index registry fills an empty index from the table.
      if (previous !== undefined) await this.indexSync.enqueue(manager, changed);
      await this.skills.recordSeedFingerprint(manager, SEED_NAME, seed.fingerprint);
      return {
        skipped: false,
        skills: await this.skills.countSkills(manager),
        aliases: await this.skills.countAliases(manager),
        changed: changed.length,
      };
    });
  }

  private async apply(manager: EntityManager, seed: SkillSeed): Promise<string[]> {
    const { idByKey, changed } = await this.skills.upsertSeedSkills(
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
        aliases.push({ skillId, label: l.label, lang: l.lang, kind: l.kind, foldedLabel });
      }
    }
    const gained = await this.skills.insertAliases(manager, aliases);
    const changedSet = new Set(changed);
    // A skill that only gained labels changed its search document too.
    const onlyGained = gained.filter((id) => !changedSet.has(id));
    await this.skills.bumpVersions(manager, onlyGained);
    return [...changedSet, ...onlyGained];
  }
}
