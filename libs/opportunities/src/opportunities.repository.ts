import {
  entityColumns,
  hydrateEntity,
  preparedStatement,
  queryPrepared,
  type PreparedStatement,
} from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { OpportunityLanguageEntity } from './entities/opportunity-language.entity.js';
import { OpportunitySkillEntity } from './entities/opportunity-skill.entity.js';
import { OpportunityEntity } from './entities/opportunity.entity.js';
import type { OpportunityWrite } from './opportunity-values.js';
import type { OpportunityKind, OpportunityStatus } from './opportunity-vocabulary.js';

/** Who reads: an organisation sees its own; `open` sees every open one; `all` is for admins. */
export type ReadScope =
  { kind: 'own'; organisationId: string } | { kind: 'open' } | { kind: 'all' };

export interface PageRequest {
  limit: number;
  /** Id of the last item of the previous page. */
  afterId?: string;
  statuses?: OpportunityStatus[];
}

/** What other libs need to know of a request or listing to act on it. */
export interface OpportunityHead {
  id: string;
  kind: OpportunityKind;
  status: OpportunityStatus;
  organisationId: string;
  openings: number;
  title: string;
}

export interface UpsertOutcome {
  id: string;
  sourceUrl: string;
  inserted: boolean;
  /** Status after the write (`review` when held for a broker's decision). */
  status: OpportunityStatus;
}

/** Column → SQL type, in the order rows are written; the JSON keys are the column names. */
const COLUMNS: readonly (readonly [string, string])[] = [
  ['kind', 'text'],
  ['organisation_id', 'uuid'],
  ['status', 'text'],
  ['title', 'text'],
  ['description', 'text'],
  ['engagement_type', 'text'],
  ['work_mode', 'text'],
  ['countries', 'text[]'],
  ['city', 'text'],
  ['city_id', 'integer'],
  ['city_local_name', 'text'],
  ['lat', 'double precision'],
  ['lng', 'double precision'],
  ['radius_km', 'integer'],
  ['hours_per_week', 'integer'],
  ['duration_weeks', 'integer'],
  ['budget_type', 'text'],
  ['budget_min_eur', 'numeric'],
  ['budget_max_eur', 'numeric'],
  ['openings', 'integer'],
  ['deadline', 'timestamptz'],
  ['programme_id', 'uuid'],
  ['programme_attached_by', 'uuid'],
  ['source', 'text'],
  ['source_url', 'text'],
  ['client_country', 'text'],
  ['created_by', 'uuid'],
  ['published_at', 'timestamptz'],
  ['risk_level', 'text'],
  ['risk_reasons', 'jsonb'],
];

/** What an edit may change: everything the author decides, not ownership or lifecycle. */
const EDITABLE = COLUMNS.map(([c]) => c).filter(
  (c) =>
    ![
      'kind',
      'organisation_id',
      'status',
      'created_by',
      'published_at',
      'programme_attached_by',
    ].includes(c),
);

/**
 * What a re-import overwrites: the import carries no programme, and a programme is set, changed or
 * removed only by its partners (docs/opportunities.md), so a re-import keeps it.
 */
const REIMPORTED = EDITABLE.filter((c) => c !== 'programme_id');

const RECORD_TYPE = COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ');
const COLUMN_LIST = COLUMNS.map(([c]) => c).join(', ');

interface RowMeta {
  kind: OpportunityKind;
  organisationId: string;
  status: OpportunityStatus;
  createdBy: string | null;
  publishedAt: Date | null;
}

function toRow(write: OpportunityWrite, meta: RowMeta): Record<string, unknown> {
  return {
    kind: meta.kind,
    organisation_id: meta.organisationId,
    status: meta.status,
    title: write.title,
    description: write.description,
    engagement_type: write.engagementType,
    work_mode: write.workMode,
    countries: write.countries,
    city: write.city,
    city_id: write.location?.cityId ?? null,
    city_local_name: write.location?.cityLocalName ?? null,
    lat: write.location?.lat ?? null,
    lng: write.location?.lng ?? null,
    radius_km: write.radiusKm,
    hours_per_week: write.hoursPerWeek,
    duration_weeks: write.durationWeeks,
    budget_type: write.budget?.type ?? null,
    budget_min_eur: write.budget?.minEur ?? null,
    budget_max_eur: write.budget?.maxEur ?? null,
    openings: write.openings,
    deadline: write.deadline?.toISOString() ?? null,
    programme_id: write.programmeId,
    // only admins and partners' brokers may attach (OpportunitiesService.assertMayAttach)
    programme_attached_by: write.programmeId === null ? null : meta.createdBy,
    source: write.listing?.source ?? null,
    source_url: write.listing?.sourceUrl ?? null,
    client_country: write.listing?.clientCountry ?? null,
    created_by: meta.createdBy,
    published_at: meta.publishedAt?.toISOString() ?? null,
    risk_level: write.risk?.level ?? 'low',
    risk_reasons: write.risk?.findings ?? [],
  };
}

/**
 * Each row's skills and languages, selected beside it (alias `o`): one statement, one consistent
 * snapshot, one round trip (a join would instead repeat each long description once per skill ×
 * language).
 */
const REQUIREMENTS = {
  skills_json: `(SELECT coalesce(json_agg(json_build_object('opportunityId', s.opportunity_id,
      'skillId', s.skill_id, 'minLevel', s.min_level, 'mustHave', s.must_have,
      'position', s.position) ORDER BY s.position), '[]'::json)
    FROM opportunity_skills s WHERE s.opportunity_id = o.id)`,
  languages_json: `(SELECT coalesce(json_agg(json_build_object('opportunityId', l.opportunity_id,
      'code', l.code, 'minLevel', l.min_level, 'position', l.position)
      ORDER BY l.position), '[]'::json)
    FROM opportunity_languages l WHERE l.opportunity_id = o.id)`,
};

interface RequirementsRow {
  skills_json: OpportunitySkillEntity[];
  languages_json: OpportunityLanguageEntity[];
}

/**
 * What a read scope adds to a query over `o`, for the query builder and the prepared statements
 * alike; `org` is the placeholder of the organisation id (`own` only). `all` adds nothing.
 */
function scopeCondition(kind: ReadScope['kind'], org: string): string | undefined {
  if (kind === 'own') return `o.organisation_id = ${org}`;
  if (kind === 'open') return `o.status = 'open'`;
  return undefined;
}

/**
 * Work requests and listings in PostgreSQL. Every read takes a {@link ReadScope} and every write
 * the owning organisation, so a query that forgets the owner does not compile. Writes take the
 * caller's transaction manager: rows and their outbox events commit together.
 */
@Injectable()
export class OpportunitiesRepository {
  /** One request or listing by kind ($1) and id ($2) under each read scope, as prepared statements. */
  private readonly inScope: Record<ReadScope['kind'], PreparedStatement>;

  constructor(@InjectDataSource() dataSource: DataSource) {
    const columns = entityColumns(dataSource, OpportunityEntity, 'o', REQUIREMENTS);
    const statement = (kind: ReadScope['kind']) => {
      const condition = scopeCondition(kind, '$3');
      return preparedStatement(
        `opportunities_in_scope_${kind}`,
        `SELECT ${columns} FROM opportunities o
         WHERE o.kind = $1 AND o.id = $2 ${condition === undefined ? '' : `AND ${condition}`}`,
      );
    };
    this.inScope = { own: statement('own'), open: statement('open'), all: statement('all') };
  }

  private ofKind(
    manager: EntityManager,
    kind: OpportunityKind,
  ): SelectQueryBuilder<OpportunityEntity> {
    return manager.createQueryBuilder(OpportunityEntity, 'o').where('o.kind = :kind', { kind });
  }

  /** Runs `qb` with each row's {@link REQUIREMENTS} aggregated beside it. */
  private async withRequirements(
    qb: SelectQueryBuilder<OpportunityEntity>,
  ): Promise<OpportunityEntity[]> {
    for (const [name, sql] of Object.entries(REQUIREMENTS)) qb.addSelect(sql, name);
    const { entities, raw } = await qb.getRawAndEntities<RequirementsRow & { o_id: string }>();
    const requirements = new Map(raw.map((r) => [r.o_id, r]));
    for (const row of entities) {
      const r = requirements.get(row.id);
      row.skills = r?.skills_json ?? [];
      row.languages = r?.languages_json ?? [];
    }
    return entities;
  }

  private scoped<T extends SelectQueryBuilder<OpportunityEntity>>(qb: T, scope: ReadScope): T {
    const condition = scopeCondition(scope.kind, ':org');
    if (condition !== undefined) {
      qb.andWhere(condition, scope.kind === 'own' ? { org: scope.organisationId } : {});
    }
    return qb;
  }

  /**
   * One request or listing as the scope may see it, with its skills and languages. Every page
   * of a request and every ranking reads this way, so it is a prepared statement (one per scope).
   */
  async findInScope(
    manager: EntityManager,
    kind: OpportunityKind,
    scope: ReadScope,
    id: string,
  ): Promise<OpportunityEntity | null> {
    const [row] = await queryPrepared<RequirementsRow>(
      manager,
      this.inScope[scope.kind],
      scope.kind === 'own' ? [kind, id, scope.organisationId] : [kind, id],
    );
    if (row === undefined) return null;
    const entity = hydrateEntity(manager.connection, OpportunityEntity, row);
    entity.skills = row.skills_json;
    entity.languages = row.languages_json;
    return entity;
  }

  /** Locks an organisation's own row for the rest of the transaction, then loads it. */
  async lockOwned(
    manager: EntityManager,
    kind: OpportunityKind,
    organisationId: string,
    id: string,
  ): Promise<OpportunityEntity | null> {
    const locked = (await manager.query(
      `SELECT id FROM opportunities WHERE id = $1 AND kind = $2 AND organisation_id = $3 FOR UPDATE`,
      [id, kind, organisationId],
    )) as { id: string }[];
    if (locked.length === 0) return null;
    return this.findInScope(manager, kind, { kind: 'own', organisationId }, id);
  }

  /** A page newest first; `afterId` continues after that item (keyset, stable under inserts). */
  async findPage(
    manager: EntityManager,
    kind: OpportunityKind,
    scope: ReadScope,
    page: PageRequest,
  ): Promise<OpportunityEntity[]> {
    const ids = manager
      .createQueryBuilder(OpportunityEntity, 'o')
      .select('o.id', 'id')
      .where('o.kind = :kind', { kind });
    this.scoped(ids, scope);
    if (page.statuses !== undefined && page.statuses.length > 0) {
      ids.andWhere('o.status IN (:...statuses)', { statuses: page.statuses });
    }
    if (page.afterId !== undefined) {
      ids.andWhere(
        '(o.created_at, o.id) < (SELECT c.created_at, c.id FROM opportunities c WHERE c.id = :after)',
        { after: page.afterId },
      );
    }
    const found = (await ids
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(page.limit)
      .getRawMany()) as { id: string }[];
    if (found.length === 0) return [];
    const rows = await this.withRequirements(
      this.ofKind(manager, kind).andWhere('o.id IN (:...ids)', { ids: found.map((r) => r.id) }),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return found.map((r) => byId.get(r.id) as OpportunityEntity);
  }

  /**
   * Locks a row the scope lets the caller see (a broker attaching an open request of a company to
   * a programme), then loads it; null when unknown or out of sight.
   */
  async lockInScope(
    manager: EntityManager,
    kind: OpportunityKind,
    scope: ReadScope,
    id: string,
  ): Promise<OpportunityEntity | null> {
    const condition = scopeCondition(scope.kind, '$3');
    const locked = (await manager.query(
      `SELECT o.id FROM opportunities o WHERE o.id = $1 AND o.kind = $2
          ${condition === undefined ? '' : `AND ${condition}`} FOR UPDATE`,
      scope.kind === 'own' ? [id, kind, scope.organisationId] : [id, kind],
    )) as { id: string }[];
    if (locked.length === 0) return null;
    return this.findInScope(manager, kind, scope, id);
  }

  /** Who attached the programme an edit has just changed (null when it removed it). */
  async recordProgrammeAttachment(
    manager: EntityManager,
    id: string,
    attachedBy: string | null,
  ): Promise<void> {
    await manager.query(`UPDATE opportunities SET programme_attached_by = $2 WHERE id = $1`, [
      id,
      attachedBy,
    ]);
  }

  /**
   * Sets the programme of a row locked by the caller, whoever owns it, and who attached it (the
   * programme's report counts a company's request only when a partner or an admin did).
   */
  async setProgramme(
    manager: EntityManager,
    id: string,
    programmeId: string | null,
    attachedBy: string,
  ): Promise<void> {
    await manager.query(
      `UPDATE opportunities
          SET programme_id = $2, programme_attached_by = CASE WHEN $2::uuid IS NULL THEN NULL ELSE $3::uuid END,
              version = version + 1
        WHERE id = $1`,
      [id, programmeId, attachedBy],
    );
  }

  /**
   * Whether a programme exists and whether the organisation is one of its partners (the
   * training lib's tables, read here so that opportunities need not load that lib).
   */
  async programmeStanding(
    manager: EntityManager,
    programmeId: string,
    organisationId: string | null,
  ): Promise<{ exists: boolean; partner: boolean }> {
    const [row] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM programmes WHERE id = $1) AS exists,
              EXISTS (SELECT 1 FROM programme_partners
                       WHERE programme_id = $1 AND organisation_id = $2) AS partner`,
      [programmeId, organisationId],
    )) as { exists: boolean; partner: boolean }[];
    return row;
  }

  /** Locks any request or listing for the rest of the transaction (hiring counts openings). */
  async lockHead(manager: EntityManager, id: string): Promise<OpportunityHead | undefined> {
    const [row] = (await manager.query(
      `SELECT id, kind, status, organisation_id AS "organisationId", openings, title
         FROM opportunities WHERE id = $1 FOR UPDATE`,
      [id],
    )) as OpportunityHead[];
    return row;
  }

  /** open → filled; false when it was not open. */
  async markFilled(manager: EntityManager, id: string): Promise<boolean> {
    const [, changed] = (await manager.query(
      `UPDATE opportunities SET status = 'filled', version = version + 1, closed_at = now()
        WHERE id = $1 AND status = 'open'`,
      [id],
    )) as [unknown[], number];
    return changed === 1;
  }

  /** Inserts one request or listing with its requirements; returns its id. */
  async insert(manager: EntityManager, write: OpportunityWrite, meta: RowMeta): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO opportunities (${COLUMN_LIST})
       SELECT ${COLUMN_LIST} FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD_TYPE})
       RETURNING id`,
      [JSON.stringify([toRow(write, meta)])],
    )) as { id: string }[];
    await this.replaceRequirements(manager, [{ id: row.id, write }]);
    return row.id;
  }

  /** Overwrites what the author decides on a row already locked by {@link lockOwned}. */
  async update(
    manager: EntityManager,
    kind: OpportunityKind,
    organisationId: string,
    id: string,
    write: OpportunityWrite,
  ): Promise<void> {
    const row = toRow(write, {
      kind,
      organisationId,
      status: 'draft',
      createdBy: null,
      publishedAt: null,
    });
    await manager.query(
      `UPDATE opportunities o SET ${EDITABLE.map((c) => `${c} = r.${c}`).join(', ')},
              version = o.version + 1
         FROM jsonb_to_record($1::jsonb) AS r(${RECORD_TYPE})
        WHERE o.id = $2 AND o.kind = $3 AND o.organisation_id = $4`,
      [JSON.stringify(row), id, kind, organisationId],
    );
    await this.replaceRequirements(manager, [{ id, write }]);
  }

  /** Moves a row from one of `from` to `to`; false when it was in no such status. */
  async transition(
    manager: EntityManager,
    kind: OpportunityKind,
    organisationId: string,
    id: string,
    from: readonly OpportunityStatus[],
    to: OpportunityStatus,
  ): Promise<boolean> {
    const rows = (await manager.query(
      `UPDATE opportunities
          SET status = $5, version = version + 1,
              published_at = CASE WHEN $5 = 'open' THEN coalesce(published_at, now()) ELSE published_at END,
              closed_at = CASE WHEN $5 IN ('closed', 'filled') THEN now() ELSE closed_at END
        WHERE id = $1 AND kind = $2 AND organisation_id = $3 AND status = ANY($4::text[])
        RETURNING id`,
      [id, kind, organisationId, from, to],
    )) as unknown[];
    return rows.length === 1;
  }

  /**
   * Inserts or updates listings of one organisation by source URL, set-based. A listing that is
   * already closed or filled is left alone and missing from the answer. `writes` must not repeat
   * a source URL (one statement cannot touch a row twice).
   */
  async upsertListings(
    manager: EntityManager,
    organisationId: string,
    createdBy: string,
    writes: OpportunityWrite[],
  ): Promise<UpsertOutcome[]> {
    if (writes.length === 0) return [];
    const now = new Date();
    // High-risk listings wait in review (unpublished); an open one that turns high goes there too.
    const rows = writes.map((w) => {
      const held = w.risk?.level === 'high';
      return toRow(w, {
        kind: 'listing',
        organisationId,
        status: held ? 'review' : 'open',
        createdBy,
        publishedAt: held ? null : now,
      });
    });
    const outcomes = (await manager.query(
      `INSERT INTO opportunities AS o (${COLUMN_LIST})
       SELECT ${COLUMN_LIST} FROM jsonb_to_recordset($1::jsonb) AS r(${RECORD_TYPE})
       ON CONFLICT (organisation_id, source_url) DO UPDATE
          SET ${REIMPORTED.map((c) => `${c} = excluded.${c}`).join(', ')}, version = o.version + 1,
              status = CASE WHEN excluded.status = 'review' AND o.status = 'open' THEN 'review'
                            ELSE o.status END
        WHERE o.kind = 'listing' AND o.status IN ('draft', 'review', 'open')
       RETURNING o.id, o.source_url AS "sourceUrl", (o.xmax = 0) AS inserted, o.status`,
      [JSON.stringify(rows)],
    )) as UpsertOutcome[];
    const byUrl = new Map(writes.map((w) => [w.listing?.sourceUrl, w]));
    await this.replaceRequirements(
      manager,
      outcomes.map((o) => ({ id: o.id, write: byUrl.get(o.sourceUrl) as OpportunityWrite })),
    );
    return outcomes;
  }

  /** Replaces the skills and languages of these rows. */
  private async replaceRequirements(
    manager: EntityManager,
    items: { id: string; write: OpportunityWrite }[],
  ): Promise<void> {
    if (items.length === 0) return;
    const ids = items.map((i) => i.id);
    await manager.query(`DELETE FROM opportunity_skills WHERE opportunity_id = ANY($1::uuid[])`, [
      ids,
    ]);
    await manager.query(
      `DELETE FROM opportunity_languages WHERE opportunity_id = ANY($1::uuid[])`,
      [ids],
    );
    const skills = items.flatMap(({ id, write }) =>
      write.skills.map((s, position) => ({
        opportunity_id: id,
        skill_id: s.skillId,
        min_level: s.minLevel,
        must_have: s.mustHave,
        position,
      })),
    );
    if (skills.length > 0) {
      await manager.query(
        `INSERT INTO opportunity_skills (opportunity_id, skill_id, min_level, must_have, position)
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS x(opportunity_id uuid, skill_id uuid, min_level smallint, must_have boolean, position smallint)`,
        [JSON.stringify(skills)],
      );
    }
    const languages = items.flatMap(({ id, write }) =>
      write.languages.map((l, position) => ({
        opportunity_id: id,
        code: l.code,
        min_level: l.minLevel,
        position,
      })),
    );
    if (languages.length > 0) {
      await manager.query(
        `INSERT INTO opportunity_languages (opportunity_id, code, min_level, position)
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS x(opportunity_id uuid, code text, min_level text, position smallint)`,
        [JSON.stringify(languages)],
      );
    }
  }

  /** Open rows among these ids (what search may show), with requirements. */
  async findOpenByIds(manager: EntityManager, ids: string[]): Promise<OpportunityEntity[]> {
    if (ids.length === 0) return [];
    return this.withRequirements(
      manager
        .createQueryBuilder(OpportunityEntity, 'o')
        .where(`o.status = 'open'`)
        .andWhere('o.id IN (:...ids)', { ids }),
    );
  }

  /**
   * Of these ids, the rows search may show (open, deadline ahead or none), with requirements:
   * a document the index still holds for a row closed a moment ago is left out.
   */
  async findSearchableByIds(
    manager: EntityManager,
    ids: string[],
    now: Date,
  ): Promise<OpportunityEntity[]> {
    if (ids.length === 0) return [];
    return this.withRequirements(
      manager
        .createQueryBuilder(OpportunityEntity, 'o')
        .where(`o.status = 'open'`)
        .andWhere('(o.deadline IS NULL OR o.deadline > :now)', { now })
        .andWhere('o.id IN (:...ids)', { ids }),
    );
  }

  /** A row's deadline in epoch seconds, whatever its status; null when none or unknown. */
  async findDeadlineSeconds(manager: EntityManager, id: string): Promise<number | null> {
    const [row] = (await manager.query(
      `SELECT floor(extract(epoch FROM deadline))::bigint AS s FROM opportunities WHERE id = $1`,
      [id],
    )) as { s: string | null }[];
    return row?.s == null ? null : Number(row.s);
  }

  /** One page of every open row ordered by id (full reindex and drift checks). */
  async findOpenPage(
    manager: EntityManager,
    afterId: string | undefined,
    limit: number,
  ): Promise<OpportunityEntity[]> {
    const page = (await manager.query(
      `SELECT id FROM opportunities WHERE status = 'open' AND ($1::uuid IS NULL OR id > $1)
        ORDER BY id LIMIT $2`,
      [afterId ?? null, limit],
    )) as { id: string }[];
    const rows = await this.findOpenByIds(
      manager,
      page.map((r) => r.id),
    );
    return rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async countOpen(manager: EntityManager): Promise<number> {
    const [row] = (await manager.query(
      `SELECT count(*)::int AS n FROM opportunities WHERE status = 'open'`,
    )) as { n: number }[];
    return row.n;
  }
}
