import { Injectable } from '@nestjs/common';
import { In, MoreThan, Not, type EntityManager } from 'typeorm';
import { SkillAlias, type SkillAliasKind } from './entities/skill-alias.entity.js';
import { Skill, type SkillCategory, type SkillSource } from './entities/skill.entity.js';

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
const KIND_RANK_SQL = `CASE a.kind WHEN 'preferred' THEN 0 WHEN 'curated' THEN 1 ELSE 2 END`;

@Injectable()
export class SkillRepository {
  findById(manager: EntityManager, id: string): Promise<Skill | null> {
    return manager.findOne(Skill, { where: { id } });
  }

  findByIds(manager: EntityManager, ids: string[]): Promise<Skill[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.find(Skill, { where: { id: In(ids) }, order: { id: 'ASC' } });
  }

  /** Skills after `afterId` in id order (index rebuilds and drift checks page through these). */
  findPageAfter(
    manager: EntityManager,
    afterId: string | undefined,
    limit: number,
  ): Promise<Skill[]> {
    return manager.find(Skill, {
      where: afterId === undefined ? {} : { id: MoreThan(afterId) },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /**
   * Skills the autocomplete index holds, after `afterId` in id order: every category but
   * `other` (the rest of the ESCO pillar serves extraction and exact resolution, not the
   * picker; see docs/taxonomy.md).
   */
  findAutocompletePageAfter(
    manager: EntityManager,
    afterId: string | undefined,
    limit: number,
  ): Promise<Skill[]> {
    return manager.find(Skill, {
      where:
        afterId === undefined
          ? { category: Not('other') }
          : { id: MoreThan(afterId), category: Not('other') },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  findAutocompleteByIds(manager: EntityManager, ids: string[]): Promise<Skill[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return manager.find(Skill, {
      where: { id: In(ids), category: Not('other') },
      order: { id: 'ASC' },
    });
  }

  async countAutocompleteSkills(manager: EntityManager): Promise<number> {
    const [row]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM skills WHERE category <> 'other'`,
    );
    return row.n;
  }

  async countSkills(manager: EntityManager): Promise<number> {
    const [row]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM skills`);
    return row.n;
  }

  async countAliases(manager: EntityManager): Promise<number> {
    const [row]: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM skill_aliases`,
    );
    return row.n;
  }

  async findExistingIds(manager: EntityManager, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM skills WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  findAliasesOf(manager: EntityManager, skillIds: string[]): Promise<SkillAlias[]> {
    if (skillIds.length === 0) return Promise.resolve([]);
    return manager.find(SkillAlias, {
      where: { skillId: In(skillIds) },
      order: { createdAt: 'ASC', label: 'ASC' },
    });
  }

  /** A skill that would clash with a new one: same ESCO URI, or same folded name. */
  async findClash(
    manager: EntityManager,
    nameKey: string,
    escoUri: string | null,
  ): Promise<Skill | null> {
    return manager
      .createQueryBuilder(Skill, 's')
      .where('s.name_key = :nameKey', { nameKey })
      .orWhere('s.esco_uri = :escoUri', { escoUri: escoUri ?? '' })
      .orderBy('s.id')
      .getOne();
  }

  /**
   * For each folded label, the best skill carrying it: an exact preferred label beats a curated
   * alias beats an ESCO alternative label; ties go to the earliest-created skill.
   */
  async findBestByFoldedLabels(manager: EntityManager, keys: string[]): Promise<AliasMatch[]> {
    if (keys.length === 0) return [];
    const rows: (Record<string, unknown> & { folded_label: string; kind: SkillAliasKind })[] =
      await manager.query(
        `SELECT DISTINCT ON (a.folded_label) a.folded_label, a.kind, s.*
           FROM skill_aliases a JOIN skills s ON s.id = a.skill_id
          WHERE a.folded_label = ANY($1::text[])
          ORDER BY a.folded_label, ${KIND_RANK_SQL}, s.created_at, s.id`,
        [keys],
      );
    return rows.map((r) => ({ foldedLabel: r.folded_label, kind: r.kind, skill: toSkill(r) }));
  }

  async insertSkill(manager: EntityManager, skill: NewSkill): Promise<Skill> {
    const rows: Record<string, unknown>[] = await manager.query(
      `INSERT INTO skills (esco_uri, name, name_key, category, description, source)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [skill.escoUri, skill.name, skill.nameKey, skill.category, skill.description, skill.source],
    );
    return toSkill(rows[0]);
  }

  /** Inserts the aliases a skill does not have yet; returns the ids of skills that gained one. */
  async insertAliases(manager: EntityManager, aliases: NewAlias[]): Promise<string[]> {
    if (aliases.length === 0) return [];
    const rows: { skill_id: string }[] = await manager.query(
      `INSERT INTO skill_aliases (skill_id, label, lang, kind, folded_label, source)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
       ON CONFLICT (skill_id, folded_label) DO NOTHING
       RETURNING skill_id`,
      [
        aliases.map((a) => a.skillId),
        aliases.map((a) => a.label),
        aliases.map((a) => a.lang),
        aliases.map((a) => a.kind),
        aliases.map((a) => a.foldedLabel),
        aliases.map((a) => a.source),
      ],
    );
    return [...new Set(rows.map((r) => r.skill_id))];
  }

  async bumpVersions(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await manager.query(`UPDATE skills SET version = version + 1 WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
  }

  /**
   * Inserts or updates skills by ESCO URI (or, without one, by folded name). A row whose data is
   * unchanged is not touched. Returns every seeded skill's id by key, and the ids that changed.
   */
  async upsertSeedSkills(
    manager: EntityManager,
    skills: NewSkill[],
  ): Promise<{ idByKey: Map<string, string>; changed: string[] }> {
    const withUri = skills.filter((s) => s.escoUri !== null);
    const withoutUri = skills.filter((s) => s.escoUri === null);
    const columns = (list: NewSkill[]) => [
      list.map((s) => s.escoUri),
      list.map((s) => s.name),
      list.map((s) => s.nameKey),
      list.map((s) => s.category),
      list.map((s) => s.description),
      list.map((s) => s.source),
    ];
    const select = `SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`;
    const update = `DO UPDATE SET name = EXCLUDED.name, name_key = EXCLUDED.name_key,
        category = EXCLUDED.category, description = EXCLUDED.description,
        source = EXCLUDED.source, version = skills.version + 1
      WHERE (skills.name, skills.name_key, skills.category, skills.description, skills.source)
        IS DISTINCT FROM
        (EXCLUDED.name, EXCLUDED.name_key, EXCLUDED.category, EXCLUDED.description, EXCLUDED.source)`;
    const changed: { id: string }[] = [];
    if (withUri.length > 0) {
      changed.push(
        ...((await manager.query(
          `INSERT INTO skills (esco_uri, name, name_key, category, description, source) ${select}
           ON CONFLICT (esco_uri) ${update} RETURNING id`,
          columns(withUri),
        )) as { id: string }[]),
      );
    }
    if (withoutUri.length > 0) {
      changed.push(
        ...((await manager.query(
          `INSERT INTO skills (esco_uri, name, name_key, category, description, source) ${select}
           ON CONFLICT (name_key) WHERE esco_uri IS NULL ${update} RETURNING id`,
          columns(withoutUri),
        )) as { id: string }[]),
      );
    }
    const rows: { id: string; esco_uri: string | null; name_key: string }[] = await manager.query(
      `SELECT id, esco_uri, name_key FROM skills
        WHERE esco_uri = ANY($1::text[]) OR (esco_uri IS NULL AND name_key = ANY($2::text[]))`,
      [withUri.map((s) => s.escoUri), withoutUri.map((s) => s.nameKey)],
    );
    const idByKey = new Map(rows.map((r) => [r.esco_uri ?? r.name_key, r.id]));
    return { idByKey, changed: changed.map((r) => r.id) };
  }

  /** Serialises seeding between processes booting at once (api and worker). */
  async lockSeed(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('taxonomy-seed'))`);
  }

  async findSeedFingerprint(manager: EntityManager, name: string): Promise<string | undefined> {
    const rows: { fingerprint: string }[] = await manager.query(
      `SELECT fingerprint FROM taxonomy_seed_runs WHERE name = $1`,
      [name],
    );
    return rows[0]?.fingerprint;
  }

  async recordSeedFingerprint(
    manager: EntityManager,
    name: string,
    fingerprint: string,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO taxonomy_seed_runs (name, fingerprint) VALUES ($1, $2)
       ON CONFLICT (name) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, applied_at = now()`,
      [name, fingerprint],
    );
  }
}

function toSkill(row: Record<string, unknown>): Skill {
  return Object.assign(new Skill(), {
    id: row.id as string,
    escoUri: (row.esco_uri as string | null) ?? null,
    name: row.name as string,
    nameKey: row.name_key as string,
    category: row.category as SkillCategory,
    description: (row.description as string | null) ?? null,
    source: row.source as SkillSource,
    version: row.version as number,
    createdAt: row.created_at as Date,
    updatedAt: row.updated_at as Date,
  });
}
