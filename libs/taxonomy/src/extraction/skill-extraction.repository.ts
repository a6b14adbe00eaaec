import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SkillAliasKind } from '../entities/skill-alias.entity.js';
import type { SkillCategory } from '../entities/skill.entity.js';
import type { ExtractionSkill } from './skill-extractor.js';

/** Reads the taxonomy for the in-memory extractor, page by page. */
@Injectable()
export class SkillExtractionRepository {
  /** Skills after `afterId` in id order, each with every label it has (any kind, any language). */
  async findPageWithLabels(
    manager: EntityManager,
    afterId: string | undefined,
    limit: number,
  ): Promise<(ExtractionSkill & { id: string })[]> {
    const skills: {
      id: string;
      name: string;
      category: SkillCategory;
      description: string | null;
    }[] = await manager.query(
      `SELECT id, name, category, description FROM skills
        WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId ?? null, limit],
    );
    if (skills.length === 0) return [];
    const labels: { skill_id: string; label: string; kind: SkillAliasKind }[] = await manager.query(
      `SELECT skill_id, label, kind FROM skill_aliases
        WHERE skill_id = ANY($1::uuid[]) ORDER BY skill_id, created_at, label`,
      [skills.map((s) => s.id)],
    );
    const bySkill = new Map<string, { label: string; kind: SkillAliasKind }[]>();
    for (const l of labels) {
      const list = bySkill.get(l.skill_id) ?? [];
      list.push({ label: l.label, kind: l.kind });
      bySkill.set(l.skill_id, list);
    }
    return skills.map((s) => ({ ...s, labels: bySkill.get(s.id) ?? [] }));
  }

  /**
   * A cheap token of the taxonomy's state: it changes when a skill is added or changed (its
   * version bumps) or gains a label, so a stale in-memory extractor can be rebuilt.
   */
  async findTaxonomyStamp(manager: EntityManager): Promise<string> {
    const [row]: { stamp: string }[] = await manager.query(
      `SELECT (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM skills) || ':' ||
              (SELECT count(*) FROM skill_aliases) AS stamp`,
    );
    return row.stamp;
  }
}
