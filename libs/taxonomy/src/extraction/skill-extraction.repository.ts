import { anyUuid, checkedText, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { SKILL_ALIAS_KINDS, type SkillAliasKind } from '../skill-records.js';
import { SKILL_CATEGORIES } from '../skill-records.js';
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
    const db = typedQueries(manager);
    let page = db.selectFrom('skills').select(['id', 'name', 'category', 'description']);
    if (afterId !== undefined) page = page.where('id', '>', afterId);
    const skills = (await page.orderBy('id').limit(limit).execute()).map((s) => ({
      ...s,
      category: checkedText(SKILL_CATEGORIES, s.category, 'skills.category'),
    }));
    if (skills.length === 0) return [];
    const labels = await db
      .selectFrom('skill_aliases')
      .select(['skill_id', 'label', 'kind'])
      .where('skill_id', '=', anyUuid(skills.map((s) => s.id)))
      .orderBy('skill_id')
      .orderBy('created_at')
      .orderBy('label')
      .execute();
    const bySkill = new Map<string, { label: string; kind: SkillAliasKind }[]>();
    for (const l of labels) {
      const list = bySkill.get(l.skill_id) ?? [];
      list.push({
        label: l.label,
        kind: checkedText(SKILL_ALIAS_KINDS, l.kind, 'skill_aliases.kind'),
      });
      bySkill.set(l.skill_id, list);
    }
    return skills.map((s) => ({ ...s, labels: bySkill.get(s.id) ?? [] }));
  }

  /**
   * A cheap token of the taxonomy's state: it changes when a skill is added or changed (its
   * version bumps) or gains a label, so a stale in-memory extractor can be rebuilt.
   */
  async findTaxonomyStamp(manager: EntityManager): Promise<string> {
    const { rows } = await sql<{ stamp: string }>`
      SELECT (SELECT count(*) || ':' || coalesce(sum(version), 0) FROM skills) || ':' ||
             (SELECT count(*) FROM skill_aliases) AS stamp`.execute(typedQueries(manager));
    const [row] = rows;
    return row.stamp;
  }
}
