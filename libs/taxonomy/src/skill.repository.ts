import { anyText, anyUuid, checkedText, typedQueries, type Database } from '@app/database';
import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import { SKILL_ALIAS_KINDS, SkillAlias, type SkillAliasKind } from './skill-records.js';
import {
  SKILL_CATEGORIES,
  SKILL_SOURCES,
  Skill,
  type SkillCategory,
  type SkillSource,
} from './skill-records.js';

export interface NewSkill {
  escoUri: string | null;
  name: string;
  nameKey: string;
  category: SkillCategory;
  description: string | null;
  source: SkillSource;
}

export interface NewAlias {
  skillId: string;
  label: string;
  lang: string;
  kind: SkillAliasKind;
  foldedLabel: string;
  /** Where the label comes from: `esco`, `curated`, an everyday-alias source, `admin`. */
  source: string;
}

/** An alias hit for exact label resolution: which skill, and how good a label it is. */
export interface AliasMatch {
  foldedLabel: string;
  kind: SkillAliasKind;
  skill: Skill;
}

/** Rank of an alias kind in resolution: the skill's own name first, then curated, then ESCO's. */
const KIND_RANK = sql<number>`CASE a.kind WHEN 'preferred' THEN 0 WHEN 'curated' THEN 1 ELSE 2 END`;

@Injectable()
export class SkillRepository {
  async findById(manager: EntityManager, id: string): Promise<Skill | null> {
    const row = await typedQueries(manager)
      .selectFrom('skills')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? null : toSkill(row);
  }

  async findByIds(manager: EntityManager, ids: string[]): Promise<Skill[]> {
    if (ids.length === 0) return [];
    const rows = await typedQueries(manager)
      .selectFrom('skills')
      .selectAll()
      .where('id', '=', anyUuid(ids))
      .orderBy('id')
      .execute();
    return rows.map(toSkill);
  }

  /** Skills after `afterId` in id order (index rebuilds and drift checks page through these). */
  async findPageAfter(
    manager: EntityManager,
    afterId: string | undefined,
    limit: number,
  ): Promise<Skill[]> {
    let query = typedQueries(manager).selectFrom('skills').selectAll();
    if (afterId !== undefined) query = query.where('id', '>', afterId);
    return (await query.orderBy('id').limit(limit).execute()).map(toSkill);
  }

  /**
   * Skills the autocomplete index holds, after `afterId` in id order: every category but
   * `other` (the rest of the ESCO pillar serves extraction and exact resolution, not the
   * picker; see docs/taxonomy.md).
   */
  async findAutocompletePageAfter(
    manager: EntityManager,
    afterId: string | undefined,
    limit: number,
  ): Promise<Skill[]> {
    let query = typedQueries(manager)
      .selectFrom('skills')
      .selectAll()
      .where('category', '<>', 'other');
    if (afterId !== undefined) query = query.where('id', '>', afterId);
    return (await query.orderBy('id').limit(limit).execute()).map(toSkill);
  }

  async findAutocompleteByIds(manager: EntityManager, ids: string[]): Promise<Skill[]> {
    if (ids.length === 0) return [];
    const rows = await typedQueries(manager)
      .selectFrom('skills')
      .selectAll()
      .where('id', '=', anyUuid(ids))
      .where('category', '<>', 'other')
      .orderBy('id')
      .execute();
    return rows.map(toSkill);
  }

  async countAutocompleteSkills(manager: EntityManager): Promise<number> {
    const { n } = await typedQueries(manager)
      .selectFrom('skills')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('category', '<>', 'other')
      .executeTakeFirstOrThrow();
    return n;
  }

  async countSkills(manager: EntityManager): Promise<number> {
    const { n } = await typedQueries(manager)
      .selectFrom('skills')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return n;
  }

  async countAliases(manager: EntityManager): Promise<number> {
    const { n } = await typedQueries(manager)
      .selectFrom('skill_aliases')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return n;
  }

  async findExistingIds(manager: EntityManager, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await typedQueries(manager)
      .selectFrom('skills')
      .select('id')
      .where('id', '=', anyUuid(ids))
      .execute();
    return rows.map((r) => r.id);
  }

  async findAliasesOf(manager: EntityManager, skillIds: string[]): Promise<SkillAlias[]> {
    if (skillIds.length === 0) return [];
    const rows = await typedQueries(manager)
      .selectFrom('skill_aliases')
      .selectAll()
      .where('skill_id', '=', anyUuid(skillIds))
      .orderBy('created_at')
      .orderBy('label')
      .execute();
    return rows.map((r): SkillAlias => ({
      id: r.id,
      skillId: r.skill_id,
      label: r.label,
      lang: r.lang,
      kind: checkedText(SKILL_ALIAS_KINDS, r.kind, 'skill_aliases.kind'),
      foldedLabel: r.folded_label,
      createdAt: r.created_at,
    }));
  }

  /** A skill that would clash with a new one: same ESCO URI, or same folded name. */
  async findClash(
    manager: EntityManager,
    nameKey: string,
    escoUri: string | null,
  ): Promise<Skill | null> {
    const row = await typedQueries(manager)
      .selectFrom('skills')
      .selectAll()
      .where((eb) => eb.or([eb('name_key', '=', nameKey), eb('esco_uri', '=', escoUri ?? '')]))
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? null : toSkill(row);
  }

  /**
   * For each folded label, the best skill carrying it: an exact preferred label beats a curated
   * alias beats an ESCO alternative label; ties go to the earliest-created skill.
   */
  async findBestByFoldedLabels(manager: EntityManager, keys: string[]): Promise<AliasMatch[]> {
    if (keys.length === 0) return [];
    const rows = await typedQueries(manager)
      .selectFrom('skill_aliases as a')
      .innerJoin('skills as s', 's.id', 'a.skill_id')
      .distinctOn('a.folded_label')
      .selectAll('s')
      .select(['a.folded_label', 'a.kind'])
      .where('a.folded_label', '=', anyText(keys))
      .orderBy('a.folded_label')
      .orderBy(KIND_RANK)
      .orderBy('s.created_at')
      .orderBy('s.id')
      .execute();
    return rows.map((r) => ({
      foldedLabel: r.folded_label,
      kind: checkedText(SKILL_ALIAS_KINDS, r.kind, 'skill_aliases.kind'),
      skill: toSkill(r),
    }));
  }

  async insertSkill(manager: EntityManager, skill: NewSkill): Promise<Skill> {
    const row = await typedQueries(manager)
      .insertInto('skills')
      .values({
        esco_uri: skill.escoUri,
        name: skill.name,
        name_key: skill.nameKey,
        category: skill.category,
        description: skill.description,
        source: skill.source,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSkill(row);
  }

  /** Inserts the aliases a skill does not have yet; returns the ids of skills that gained one. */
  async insertAliases(manager: EntityManager, aliases: NewAlias[]): Promise<string[]> {
    if (aliases.length === 0) return [];
    const rows = await typedQueries(manager)
      .insertInto('skill_aliases')
      .columns(['skill_id', 'label', 'lang', 'kind', 'folded_label', 'source'])
      .expression(
        sql`SELECT * FROM unnest(
          ${aliases.map((a) => a.skillId)}::uuid[], ${aliases.map((a) => a.label)}::text[],
          ${aliases.map((a) => a.lang)}::text[], ${aliases.map((a) => a.kind)}::text[],
          ${aliases.map((a) => a.foldedLabel)}::text[], ${aliases.map((a) => a.source)}::text[])`,
      )
      .onConflict((oc) => oc.columns(['skill_id', 'folded_label']).doNothing())
      .returning('skill_id')
      .execute();
    return [...new Set(rows.map((r) => r.skill_id))];
  }

  async bumpVersions(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await typedQueries(manager)
      .updateTable('skills')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', anyUuid(ids))
      .execute();
  }

  /**
   * Inserts or updates skills by ESCO URI (or, without one, by folded name). A row whose data is
   * unchanged is not touched. Returns every seeded skill's id by key, and the ids that changed.
   */
  async upsertSeedSkills(
    manager: EntityManager,
    skills: NewSkill[],
  ): Promise<{ idByKey: Map<string, string>; changed: string[] }> {
    const db = typedQueries(manager);
    const withUri = skills.filter((s) => s.escoUri !== null);
    const withoutUri = skills.filter((s) => s.escoUri === null);
    const upsert = (list: NewSkill[], byUri: boolean) =>
      db
        .insertInto('skills')
        .columns(['esco_uri', 'name', 'name_key', 'category', 'description', 'source'])
        .expression(
          sql`SELECT * FROM unnest(
            ${list.map((s) => s.escoUri)}::text[], ${list.map((s) => s.name)}::text[],
            ${list.map((s) => s.nameKey)}::text[], ${list.map((s) => s.category)}::text[],
            ${list.map((s) => s.description)}::text[], ${list.map((s) => s.source)}::text[])`,
        )
        .onConflict((oc) =>
          (byUri ? oc.column('esco_uri') : oc.column('name_key').where('esco_uri', 'is', null))
            .doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              name_key: eb.ref('excluded.name_key'),
              category: eb.ref('excluded.category'),
              description: eb.ref('excluded.description'),
              source: eb.ref('excluded.source'),
              version: sql<number>`skills.version + 1`,
            }))
            .where(
              sql<boolean>`(skills.name, skills.name_key, skills.category, skills.description, skills.source)
                IS DISTINCT FROM
                (EXCLUDED.name, EXCLUDED.name_key, EXCLUDED.category, EXCLUDED.description, EXCLUDED.source)`,
            ),
        )
        .returning('id')
        .execute();
    const changed = [
      ...(withUri.length > 0 ? await upsert(withUri, true) : []),
      ...(withoutUri.length > 0 ? await upsert(withoutUri, false) : []),
    ];
    const rows = await db
      .selectFrom('skills')
      .select(['id', 'esco_uri', 'name_key'])
      .where((eb) =>
        eb.or([
          eb('esco_uri', '=', anyText(withUri.map((s) => s.escoUri))),
          eb.and([
            eb('esco_uri', 'is', null),
            eb('name_key', '=', anyText(withoutUri.map((s) => s.nameKey))),
          ]),
        ]),
      )
      .execute();
    const idByKey = new Map(rows.map((r) => [r.esco_uri ?? r.name_key, r.id]));
    return { idByKey, changed: changed.map((r) => r.id) };
  }

  /** Serialises seeding between processes booting at once (api and worker). */
  async lockSeed(manager: EntityManager): Promise<void> {
    await sql`SELECT pg_advisory_xact_lock(hashtext('taxonomy-seed'))`.execute(
      typedQueries(manager),
    );
  }

  async findSeedFingerprint(manager: EntityManager, name: string): Promise<string | undefined> {
    const row = await typedQueries(manager)
      .selectFrom('taxonomy_seed_runs')
      .select('fingerprint')
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.fingerprint;
  }

  async recordSeedFingerprint(
    manager: EntityManager,
    name: string,
    fingerprint: string,
  ): Promise<void> {
    await typedQueries(manager)
      .insertInto('taxonomy_seed_runs')
      .values({ name, fingerprint })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet((eb) => ({
          fingerprint: eb.ref('excluded.fingerprint'),
          applied_at: sql<Date>`now()`,
        })),
      )
      .execute();
  }
}

function toSkill(row: Selectable<Database['skills']>): Skill {
  return {
    id: row.id,
    escoUri: row.esco_uri,
    name: row.name,
    nameKey: row.name_key,
    category: checkedText(SKILL_CATEGORIES, row.category, 'skills.category'),
    description: row.description,
    source: checkedText(SKILL_SOURCES, row.source, 'skills.source'),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
