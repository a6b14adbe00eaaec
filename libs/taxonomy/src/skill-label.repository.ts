import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LabelLocale } from './skill-label-file.js';

/** A skill's label in one locale. */
export interface SkillLabel {
  skillId: string;
  locale: LabelLocale;
  label: string;
  reviewed: boolean;
  source: string;
  reviewedAt: Date | null;
}

export interface NewSkillLabel {
  skillId: string;
  locale: LabelLocale;
  label: string;
  foldedLabel: string;
  source: string;
}

/** Rank of a label kind when a query equals it: own name, curated alias, local label, ESCO's. */
const EXACT_RANK_SQL = `CASE a.kind WHEN 'preferred' THEN 0 WHEN 'curated' THEN 1 ELSE 3 END`;

/** Local labels (`skill_labels`) and the exact label look-up autocomplete ranks first. */
@Injectable()
export class SkillLabelRepository {
  async findLabelsOf(manager: EntityManager, skillIds: string[]): Promise<SkillLabel[]> {
    if (skillIds.length === 0) return [];
    const rows: {
      skill_id: string;
      locale: LabelLocale;
      label: string;
      reviewed: boolean;
      source: string;
      reviewed_at: Date | null;
    }[] = await manager.query(
      `SELECT skill_id, locale, label, reviewed, source, reviewed_at FROM skill_labels
        WHERE skill_id = ANY($1::uuid[]) ORDER BY skill_id, locale`,
      [skillIds],
    );
    return rows.map((r) => ({
      skillId: r.skill_id,
      locale: r.locale,
      label: r.label,
      reviewed: r.reviewed,
      source: r.source,
      reviewedAt: r.reviewed_at,
    }));
  }

  /**
   * Skills one of whose labels (own name, alias, local label), folded, is exactly `foldedLabel`:
   * the own name first, then curated aliases, local labels, ESCO alternative labels; among
   * equals the shorter name (the more general skill).
   */
  async findIdsByExactLabel(
    manager: EntityManager,
    foldedLabel: string,
    limit: number,
  ): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT s.id FROM (
           SELECT a.skill_id, ${EXACT_RANK_SQL} AS rank FROM skill_aliases a
            WHERE a.folded_label = $1
           UNION ALL
           SELECT l.skill_id, 2 FROM skill_labels l WHERE l.folded_label = $1
         ) x JOIN skills s ON s.id = x.skill_id
        GROUP BY s.id, s.name
        ORDER BY min(x.rank), length(s.name), s.name
        LIMIT $2`,
      [foldedLabel, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Seeds labels: inserts missing ones and updates those an admin has not reviewed; a reviewed
   * label is never overwritten by a seed. Returns the ids of skills whose labels changed.
   */
  async upsertSeedLabels(manager: EntityManager, labels: NewSkillLabel[]): Promise<string[]> {
    if (labels.length === 0) return [];
    const rows: { skill_id: string }[] = await manager.query(
      `INSERT INTO skill_labels (skill_id, locale, label, folded_label, source)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (skill_id, locale) DO UPDATE
         SET label = EXCLUDED.label, folded_label = EXCLUDED.folded_label,
             source = EXCLUDED.source, updated_at = now()
       WHERE NOT skill_labels.reviewed
         AND (skill_labels.label, skill_labels.source) IS DISTINCT FROM (EXCLUDED.label, EXCLUDED.source)
       RETURNING skill_id`,
      [
        labels.map((l) => l.skillId),
        labels.map((l) => l.locale),
        labels.map((l) => l.label),
        labels.map((l) => l.foldedLabel),
        labels.map((l) => l.source),
      ],
    );
    return [...new Set(rows.map((r) => r.skill_id))];
  }

  /** An admin's confirmed (possibly corrected) label. */
  async saveReviewed(
    manager: EntityManager,
    label: NewSkillLabel,
    reviewedBy: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO skill_labels
         (skill_id, locale, label, folded_label, source, reviewed, reviewed_by, reviewed_at)
       VALUES ($1, $2, $3, $4, $5, true, $6, now())
       ON CONFLICT (skill_id, locale) DO UPDATE
         SET label = EXCLUDED.label, folded_label = EXCLUDED.folded_label,
             source = EXCLUDED.source, reviewed = true, reviewed_by = EXCLUDED.reviewed_by,
             reviewed_at = now(), updated_at = now()`,
      [label.skillId, label.locale, label.label, label.foldedLabel, label.source, reviewedBy],
    );
  }

  /** Replaces an unreviewed label (e.g. sr-Cyrl derived again from a corrected sr). */
  async replaceUnreviewed(manager: EntityManager, label: NewSkillLabel): Promise<void> {
    await manager.query(
      `INSERT INTO skill_labels (skill_id, locale, label, folded_label, source)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (skill_id, locale) DO UPDATE
         SET label = EXCLUDED.label, folded_label = EXCLUDED.folded_label,
             source = EXCLUDED.source, updated_at = now()
       WHERE NOT skill_labels.reviewed`,
      [label.skillId, label.locale, label.label, label.foldedLabel, label.source],
    );
  }

  /** Skill ids by seed key: the ESCO URI, or the folded name of a skill without one. */
  async findIdsBySeedKeys(manager: EntityManager, keys: string[]): Promise<Map<string, string>> {
    const rows: { id: string; key: string }[] = await manager.query(
      `SELECT id, coalesce(esco_uri, name_key) AS key FROM skills
        WHERE esco_uri = ANY($1::text[]) OR (esco_uri IS NULL AND name_key = ANY($1::text[]))`,
      [keys],
    );
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  /** Skill ids by preferred name (the oldest skill of a name, should two share it). */
  async findIdsByNames(manager: EntityManager, names: string[]): Promise<Map<string, string>> {
    const rows: { id: string; name: string }[] = await manager.query(
      `SELECT DISTINCT ON (name) id, name FROM skills WHERE name = ANY($1::text[])
        ORDER BY name, created_at, id`,
      [names],
    );
    return new Map(rows.map((r) => [r.name, r.id]));
  }
}
