import { anyText, anyUuid, checkedText, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import type { EntityManager } from 'typeorm';
import { LABEL_LOCALES, type LabelLocale } from './skill-label-file.js';

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
const EXACT_RANK = sql<number>`CASE a.kind WHEN 'preferred' THEN 0 WHEN 'curated' THEN 1 ELSE 3 END`;

/** Local labels (`skill_labels`) and the exact label look-up autocomplete ranks first. */
@Injectable()
export class SkillLabelRepository {
  async findLabelsOf(manager: EntityManager, skillIds: string[]): Promise<SkillLabel[]> {
    if (skillIds.length === 0) return [];
    const rows = await typedQueries(manager)
      .selectFrom('skill_labels')
      .select(['skill_id', 'locale', 'label', 'reviewed', 'source', 'reviewed_at'])
      .where('skill_id', '=', anyUuid(skillIds))
      .orderBy('skill_id')
      .orderBy('locale')
      .execute();
    return rows.map((r) => ({
      skillId: r.skill_id,
      locale: checkedText(LABEL_LOCALES, r.locale, 'skill_labels.locale'),
      label: r.label,
      reviewed: r.reviewed,
      source: r.source,
      reviewedAt: r.reviewed_at,
    }));
  }

  /** These skills' labels in one locale, by skill id (skills without one there are absent). */
  async findLabelsIn(
    manager: EntityManager,
    skillIds: string[],
    locale: LabelLocale,
  ): Promise<Map<string, string>> {
    if (skillIds.length === 0) return new Map();
    const rows = await typedQueries(manager)
      .selectFrom('skill_labels')
      .select(['skill_id', 'label'])
      .where('skill_id', '=', anyUuid(skillIds))
      .where('locale', '=', locale)
      .execute();
    return new Map(rows.map((r) => [r.skill_id, r.label]));
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
    const db = typedQueries(manager);
    const hits = db
      .selectFrom('skill_aliases as a')
      .select(['a.skill_id', EXACT_RANK.as('rank')])
      .where('a.folded_label', '=', foldedLabel)
      .unionAll(
        db
          .selectFrom('skill_labels as l')
          .select(['l.skill_id', sql<number>`2`.as('rank')])
          .where('l.folded_label', '=', foldedLabel),
      );
    const rows = await db
      .selectFrom(hits.as('x'))
      .innerJoin('skills as s', 's.id', 'x.skill_id')
      .select('s.id')
      .groupBy(['s.id', 's.name'])
      .orderBy(sql`min(x.rank)`)
      .orderBy(sql`length(s.name)`)
      .orderBy('s.name')
      .limit(limit)
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * Seeds labels: inserts missing ones and updates those an admin has not reviewed; a reviewed
   * label is never overwritten by a seed. Returns the ids of skills whose labels changed.
   */
  async upsertSeedLabels(manager: EntityManager, labels: NewSkillLabel[]): Promise<string[]> {
    if (labels.length === 0) return [];
    const rows = await typedQueries(manager)
      .insertInto('skill_labels')
      .columns(['skill_id', 'locale', 'label', 'folded_label', 'source'])
      .expression(
        sql`SELECT * FROM unnest(
          ${labels.map((l) => l.skillId)}::uuid[], ${labels.map((l) => l.locale)}::text[],
          ${labels.map((l) => l.label)}::text[], ${labels.map((l) => l.foldedLabel)}::text[],
          ${labels.map((l) => l.source)}::text[])`,
      )
      .onConflict((oc) =>
        oc
          .columns(['skill_id', 'locale'])
          .doUpdateSet((eb) => ({
            label: eb.ref('excluded.label'),
            folded_label: eb.ref('excluded.folded_label'),
            source: eb.ref('excluded.source'),
            updated_at: sql<Date>`now()`,
          }))
          .where('skill_labels.reviewed', '=', false)
          .where(
            sql<boolean>`(skill_labels.label, skill_labels.source) IS DISTINCT FROM (EXCLUDED.label, EXCLUDED.source)`,
          ),
      )
      .returning('skill_id')
      .execute();
    return [...new Set(rows.map((r) => r.skill_id))];
  }

  /** An admin's confirmed (possibly corrected) label. */
  async saveReviewed(
    manager: EntityManager,
    label: NewSkillLabel,
    reviewedBy: string,
  ): Promise<void> {
    await typedQueries(manager)
      .insertInto('skill_labels')
      .values({
        skill_id: label.skillId,
        locale: label.locale,
        label: label.label,
        folded_label: label.foldedLabel,
        source: label.source,
        reviewed: true,
        reviewed_by: reviewedBy,
        reviewed_at: sql<Date>`now()`,
      })
      .onConflict((oc) =>
        oc.columns(['skill_id', 'locale']).doUpdateSet((eb) => ({
          label: eb.ref('excluded.label'),
          folded_label: eb.ref('excluded.folded_label'),
          source: eb.ref('excluded.source'),
          reviewed: true,
          reviewed_by: eb.ref('excluded.reviewed_by'),
          reviewed_at: sql<Date>`now()`,
          updated_at: sql<Date>`now()`,
        })),
      )
      .execute();
  }

  /** Replaces an unreviewed label (e.g. sr-Cyrl derived again from a corrected sr). */
  async replaceUnreviewed(manager: EntityManager, label: NewSkillLabel): Promise<void> {
    await typedQueries(manager)
      .insertInto('skill_labels')
      .values({
        skill_id: label.skillId,
        locale: label.locale,
        label: label.label,
        folded_label: label.foldedLabel,
        source: label.source,
      })
      .onConflict((oc) =>
        oc
          .columns(['skill_id', 'locale'])
          .doUpdateSet((eb) => ({
            label: eb.ref('excluded.label'),
            folded_label: eb.ref('excluded.folded_label'),
            source: eb.ref('excluded.source'),
            updated_at: sql<Date>`now()`,
          }))
          .where('skill_labels.reviewed', '=', false),
      )
      .execute();
  }

  /** Skill ids by seed key: the ESCO URI, or the folded name of a skill without one. */
  async findIdsBySeedKeys(manager: EntityManager, keys: string[]): Promise<Map<string, string>> {
    const rows = await typedQueries(manager)
      .selectFrom('skills')
      .select(['id', (eb) => eb.fn.coalesce('esco_uri', 'name_key').as('key')])
      .where((eb) =>
        eb.or([
          eb('esco_uri', '=', anyText(keys)),
          eb.and([eb('esco_uri', 'is', null), eb('name_key', '=', anyText(keys))]),
        ]),
      )
      .execute();
    return new Map(rows.map((r) => [r.key, r.id]));
  }

  /** Skill ids by preferred name (the oldest skill of a name, should two share it). */
  async findIdsByNames(manager: EntityManager, names: string[]): Promise<Map<string, string>> {
    const rows = await typedQueries(manager)
      .selectFrom('skills')
      .distinctOn('name')
      .select(['id', 'name'])
      .where('name', '=', anyText(names))
      .orderBy('name')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return new Map(rows.map((r) => [r.name, r.id]));
  }
}
