import {
  anyUuid,
  checkedText,
  runPrepared,
  typedQueries,
  type Database,
  type TypedQueries,
} from '@app/database';
import type { PagePosition } from '@app/http';
import { Injectable } from '@nestjs/common';
import {
  sql,
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Selectable,
  type SqlBool,
} from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { EntityManager } from 'typeorm';
import { RISK_LEVELS, type RiskFinding } from './listing-risk.js';
import type { OpportunityHead, OpportunityRecord, ReadScope } from './opportunity-record.js';
import type { OpportunityWrite } from './opportunity-values.js';
import {
  BUDGET_TYPES,
  CEFR_LEVELS,
  ENGAGEMENT_TYPES,
  OPPORTUNITY_KINDS,
  OPPORTUNITY_STATUSES,
  WORK_MODES,
  type OpportunityKind,
  type OpportunityStatus,
} from './opportunity-vocabulary.js';

export interface PageRequest {
  limit: number;
  /** The position of the last item of the previous page (newest first). */
  after?: PagePosition;
  statuses?: readonly OpportunityStatus[];
}

export interface UpsertOutcome {
  id: string;
  sourceUrl: string;
  inserted: boolean;
  /** Status after the write (`review` when held for a broker's decision). */
  status: OpportunityStatus;
}

interface RowMeta {
  kind: OpportunityKind;
  organisationId: string;
  status: OpportunityStatus;
  createdBy: string | null;
  publishedAt: Date | null;
}

type OpportunityRow = Selectable<Database['opportunities']> & {
  skills: { skillId: string; minLevel: number; mustHave: boolean }[];
  languages: { code: string; minLevel: string }[];
};

/**
 * What the author decides and a re-import overwrites. The programme is not among them: it is set,
 * changed or removed only by its partners (docs/opportunities.md), so a re-import keeps it.
 */
function authoredColumns(write: OpportunityWrite) {
  return {
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
    deadline: write.deadline,
    source: write.listing?.source ?? null,
    source_url: write.listing?.sourceUrl ?? null,
    client_country: write.listing?.clientCountry ?? null,
    risk_level: write.risk?.level ?? 'low',
    // jsonb: sent as JSON text (pg would send a JavaScript array as a PostgreSQL array)
    risk_reasons: JSON.stringify(write.risk?.findings ?? []),
  };
}

function newRow(write: OpportunityWrite, meta: RowMeta): Insertable<Database['opportunities']> {
  return {
    ...authoredColumns(write),
    kind: meta.kind,
    organisation_id: meta.organisationId,
    status: meta.status,
    programme_id: write.programmeId,
    // only admins and partners' brokers may attach (OpportunitiesService.assertMayAttach)
    programme_attached_by: write.programmeId === null ? null : meta.createdBy,
    created_by: meta.createdBy,
    published_at: meta.publishedAt,
  };
}

/**
 * Rows with their skills and languages selected beside them: one statement, one consistent
 * snapshot, one round trip (a join would instead repeat each long description once per skill ×
 * language).
 */
function selectOpportunities(db: TypedQueries) {
  return db
    .selectFrom('opportunities')
    .selectAll('opportunities')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('opportunity_skills')
          .select([
            'opportunity_skills.skill_id as skillId',
            'opportunity_skills.min_level as minLevel',
            'opportunity_skills.must_have as mustHave',
          ])
          .whereRef('opportunity_skills.opportunity_id', '=', 'opportunities.id')
          .orderBy('opportunity_skills.position'),
      ).as('skills'),
      jsonArrayFrom(
        eb
          .selectFrom('opportunity_languages')
          .select(['opportunity_languages.code', 'opportunity_languages.min_level as minLevel'])
          .whereRef('opportunity_languages.opportunity_id', '=', 'opportunities.id')
          .orderBy('opportunity_languages.position'),
      ).as('languages'),
    ]);
}

/** What a read scope adds to a query over `opportunities`; `all` adds nothing (`true`). */
function inScope(
  eb: ExpressionBuilder<Database, 'opportunities'>,
  scope: ReadScope,
): Expression<SqlBool> {
  if (scope.kind === 'own') return eb('opportunities.organisation_id', '=', scope.organisationId);
  if (scope.kind === 'open') return eb('opportunities.status', '=', 'open');
  return eb.and([]);
}

const money = (v: string | null): number | null => (v === null ? null : Number(v));

/** The stored risk findings (jsonb), checked field by field. */
function riskFindingsOf(value: unknown): RiskFinding[] {
  if (!Array.isArray(value)) throw new Error('opportunities.risk_reasons is not a list');
  return value.map((f: unknown) => {
    if (typeof f !== 'object' || f === null || !('rule' in f) || !('reason' in f)) {
      throw new Error('opportunities.risk_reasons holds an entry without rule and reason');
    }
    const { rule, reason } = f;
    if (typeof rule !== 'string' || typeof reason !== 'string') {
      throw new Error('opportunities.risk_reasons holds an entry that is not text');
    }
    return { rule, reason };
  });
}

function toRecord(r: OpportunityRow): OpportunityRecord {
  return {
    id: r.id,
    kind: checkedText(OPPORTUNITY_KINDS, r.kind, 'opportunities.kind'),
    organisationId: r.organisation_id,
    status: checkedText(OPPORTUNITY_STATUSES, r.status, 'opportunities.status'),
    title: r.title,
    description: r.description,
    engagementType: checkedText(
      ENGAGEMENT_TYPES,
      r.engagement_type,
      'opportunities.engagement_type',
    ),
    workMode: checkedText(WORK_MODES, r.work_mode, 'opportunities.work_mode'),
    countries: r.countries,
    city: r.city,
    cityId: r.city_id,
    cityLocalName: r.city_local_name,
    lat: r.lat,
    lng: r.lng,
    radiusKm: r.radius_km,
    hoursPerWeek: r.hours_per_week,
    durationWeeks: r.duration_weeks,
    budgetType:
      r.budget_type === null
        ? null
        : checkedText(BUDGET_TYPES, r.budget_type, 'opportunities.budget_type'),
    budgetMinEur: money(r.budget_min_eur),
    budgetMaxEur: money(r.budget_max_eur),
    openings: r.openings,
    deadline: r.deadline,
    programmeId: r.programme_id,
    source: r.source,
    sourceUrl: r.source_url,
    clientCountry: r.client_country,
    riskLevel: checkedText(RISK_LEVELS, r.risk_level, 'opportunities.risk_level'),
    riskReasons: riskFindingsOf(r.risk_reasons),
    version: r.version,
    createdBy: r.created_by,
    publishedAt: r.published_at,
    closedAt: r.closed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    skills: r.skills.map((s) => ({
      skillId: s.skillId,
      minLevel: s.minLevel,
      mustHave: s.mustHave,
    })),
    languages: r.languages.map((l) => ({
      code: l.code,
      minLevel: checkedText(CEFR_LEVELS, l.minLevel, 'opportunity_languages.min_level'),
    })),
  };
}

/**
 * Work requests and listings in PostgreSQL. Every read takes a {@link ReadScope} and every write
 * the owning organisation, so a query that forgets the owner does not compile. Writes take the
 * caller's transaction manager: rows and their outbox events commit together.
 */
@Injectable()
export class OpportunitiesRepository {
  /**
   * One request or listing as the scope may see it, with its skills and languages. Every page
   * of a request and every ranking reads this way, so it is a prepared statement (one per scope).
   */
  async findInScope(
    manager: EntityManager,
    kind: OpportunityKind,
    scope: ReadScope,
    id: string,
  ): Promise<OpportunityRecord | null> {
    const [row] = await runPrepared(
      manager,
      `opportunities_in_scope_${scope.kind}`,
      selectOpportunities(typedQueries(manager))
        .where('opportunities.kind', '=', kind)
        .where('opportunities.id', '=', id)
        .where((eb) => inScope(eb, scope)),
    );
    return row === undefined ? null : toRecord(row);
  }

  /** Locks an organisation's own row for the rest of the transaction, then loads it. */
  lockOwned(
    manager: EntityManager,
    kind: OpportunityKind,
    organisationId: string,
    id: string,
  ): Promise<OpportunityRecord | null> {
    return this.lockInScope(manager, kind, { kind: 'own', organisationId }, id);
  }

  /** A page newest first, after `page.after` (keyset on (created_at, id), stable under inserts). */
  async findPage(
    manager: EntityManager,
    kind: OpportunityKind,
    scope: ReadScope,
    page: PageRequest,
  ): Promise<OpportunityRecord[]> {
    const { after, statuses } = page;
    let query = selectOpportunities(typedQueries(manager))
      .where('opportunities.kind', '=', kind)
      .where((eb) => inScope(eb, scope));
    if (statuses !== undefined && statuses.length > 0) {
      query = query.where('opportunities.status', 'in', statuses);
    }
    if (after !== undefined) {
      query = query.where((eb) =>
        eb(
          eb.refTuple('opportunities.created_at', 'opportunities.id'),
          '<',
          eb.tuple(after.createdAt, after.id),
        ),
      );
    }
    const rows = await query
      .orderBy('opportunities.created_at', 'desc')
      .orderBy('opportunities.id', 'desc')
      .limit(page.limit)
      .execute();
    return rows.map(toRecord);
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
  ): Promise<OpportunityRecord | null> {
    const locked = await typedQueries(manager)
      .selectFrom('opportunities')
      .select('id')
      .where('id', '=', id)
      .where('kind', '=', kind)
      .where((eb) => inScope(eb, scope))
      .forUpdate()
      .executeTakeFirst();
    if (locked === undefined) return null;
    return this.findInScope(manager, kind, scope, id);
  }

  /** Who attached the programme an edit has just changed (null when it removed it). */
  async recordProgrammeAttachment(
    manager: EntityManager,
    id: string,
    attachedBy: string | null,
  ): Promise<void> {
    await typedQueries(manager)
      .updateTable('opportunities')
      .set({ programme_attached_by: attachedBy })
      .where('id', '=', id)
      .execute();
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
    await typedQueries(manager)
      .updateTable('opportunities')
      .set((eb) => ({
        programme_id: programmeId,
        programme_attached_by: programmeId === null ? null : attachedBy,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .execute();
  }

  /**
   * Whether a programme exists and whether the organisation is one of its partners, read from
   * `programme_partnerships`, the view training declares for the libs below it.
   */
  async programmeStanding(
    manager: EntityManager,
    programmeId: string,
    organisationId: string | null,
  ): Promise<{ exists: boolean; partner: boolean }> {
    const rows = await typedQueries(manager)
      .selectFrom('programme_partnerships')
      .select('organisation_id')
      .where('programme_id', '=', programmeId)
      .execute();
    return {
      exists: rows.length > 0,
      partner: organisationId !== null && rows.some((r) => r.organisation_id === organisationId),
    };
  }

  /** Locks any request or listing for the rest of the transaction (hiring counts openings). */
  async lockHead(manager: EntityManager, id: string): Promise<OpportunityHead | undefined> {
    const row = await typedQueries(manager)
      .selectFrom('opportunities')
      .select(['id', 'kind', 'status', 'organisation_id', 'openings', 'title'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      id: row.id,
      kind: checkedText(OPPORTUNITY_KINDS, row.kind, 'opportunities.kind'),
      status: checkedText(OPPORTUNITY_STATUSES, row.status, 'opportunities.status'),
      organisationId: row.organisation_id,
      openings: row.openings,
      title: row.title,
    };
  }

  /** open → filled; false when it was not open. */
  async markFilled(manager: EntityManager, id: string): Promise<boolean> {
    const result = await typedQueries(manager)
      .updateTable('opportunities')
      .set((eb) => ({
        status: 'filled',
        version: eb('version', '+', 1),
        closed_at: sql<Date>`now()`,
      }))
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** Inserts one request or listing with its requirements; returns its id. */
  async insert(manager: EntityManager, write: OpportunityWrite, meta: RowMeta): Promise<string> {
    const { id } = await typedQueries(manager)
      .insertInto('opportunities')
      .values(newRow(write, meta))
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.replaceRequirements(manager, [{ id, write }]);
    return id;
  }

  /** Overwrites what the author decides on a row already locked by {@link lockOwned}. */
  async update(
    manager: EntityManager,
    kind: OpportunityKind,
    organisationId: string,
    id: string,
    write: OpportunityWrite,
  ): Promise<void> {
    await typedQueries(manager)
      .updateTable('opportunities')
      .set((eb) => ({
        ...authoredColumns(write),
        programme_id: write.programmeId,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('kind', '=', kind)
      .where('organisation_id', '=', organisationId)
      .execute();
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
    const moved = await typedQueries(manager)
      .updateTable('opportunities')
      .set((eb) => ({
        status: to,
        version: eb('version', '+', 1),
        ...(to === 'open'
          ? { published_at: eb.fn.coalesce('published_at', sql<Date>`now()`) }
          : {}),
        ...(to === 'closed' || to === 'filled' ? { closed_at: sql<Date>`now()` } : {}),
      }))
      .where('id', '=', id)
      .where('kind', '=', kind)
      .where('organisation_id', '=', organisationId)
      .where('status', 'in', from)
      .returning('id')
      .execute();
    return moved.length === 1;
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
      return newRow(w, {
        kind: 'listing',
        organisationId,
        status: held ? 'review' : 'open',
        createdBy,
        publishedAt: held ? null : now,
      });
    });
    const written = await typedQueries(manager)
      .insertInto('opportunities')
      .values(rows)
      .onConflict((oc) =>
        oc
          .columns(['organisation_id', 'source_url'])
          .doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            description: eb.ref('excluded.description'),
            engagement_type: eb.ref('excluded.engagement_type'),
            work_mode: eb.ref('excluded.work_mode'),
            countries: eb.ref('excluded.countries'),
            city: eb.ref('excluded.city'),
            city_id: eb.ref('excluded.city_id'),
            city_local_name: eb.ref('excluded.city_local_name'),
            lat: eb.ref('excluded.lat'),
            lng: eb.ref('excluded.lng'),
            radius_km: eb.ref('excluded.radius_km'),
            hours_per_week: eb.ref('excluded.hours_per_week'),
            duration_weeks: eb.ref('excluded.duration_weeks'),
            budget_type: eb.ref('excluded.budget_type'),
            budget_min_eur: eb.ref('excluded.budget_min_eur'),
            budget_max_eur: eb.ref('excluded.budget_max_eur'),
            openings: eb.ref('excluded.openings'),
            deadline: eb.ref('excluded.deadline'),
            source: eb.ref('excluded.source'),
            source_url: eb.ref('excluded.source_url'),
            client_country: eb.ref('excluded.client_country'),
            risk_level: eb.ref('excluded.risk_level'),
            risk_reasons: eb.ref('excluded.risk_reasons'),
            version: eb('opportunities.version', '+', 1),
            status: eb
              .case()
              .when(
                eb.and([
                  eb('excluded.status', '=', 'review'),
                  eb('opportunities.status', '=', 'open'),
                ]),
              )
              .then('review')
              .else(eb.ref('opportunities.status'))
              .end(),
          }))
          .where('opportunities.kind', '=', 'listing')
          .where('opportunities.status', 'in', ['draft', 'review', 'open']),
      )
      .returning(['id', 'source_url', 'status', sql<boolean>`xmax = 0`.as('inserted')])
      .execute();
    const outcomes = written.map((w) => ({
      id: w.id,
      sourceUrl: w.source_url ?? '',
      inserted: w.inserted,
      status: checkedText(OPPORTUNITY_STATUSES, w.status, 'opportunities.status'),
    }));
    const byUrl = new Map(writes.map((w) => [w.listing?.sourceUrl, w]));
    await this.replaceRequirements(
      manager,
      outcomes.flatMap((o) => {
        const write = byUrl.get(o.sourceUrl);
        return write === undefined ? [] : [{ id: o.id, write }];
      }),
    );
    return outcomes;
  }

  /** Replaces the skills and languages of these rows. */
  private async replaceRequirements(
    manager: EntityManager,
    items: { id: string; write: OpportunityWrite }[],
  ): Promise<void> {
    if (items.length === 0) return;
    const db = typedQueries(manager);
    const ids = items.map((i) => i.id);
    await db.deleteFrom('opportunity_skills').where('opportunity_id', '=', anyUuid(ids)).execute();
    await db
      .deleteFrom('opportunity_languages')
      .where('opportunity_id', '=', anyUuid(ids))
      .execute();
    const skills = items.flatMap(({ id, write }) =>
      write.skills.map((s, position) => ({
        opportunity_id: id,
        skill_id: s.skillId,
        min_level: s.minLevel,
        must_have: s.mustHave,
        position,
      })),
    );
    if (skills.length > 0) await db.insertInto('opportunity_skills').values(skills).execute();
    const languages = items.flatMap(({ id, write }) =>
      write.languages.map((l, position) => ({
        opportunity_id: id,
        code: l.code,
        min_level: l.minLevel,
        position,
      })),
    );
    if (languages.length > 0) {
      await db.insertInto('opportunity_languages').values(languages).execute();
    }
  }

  /** Open rows among these ids (what the search index holds), with requirements. */
  async findOpenByIds(manager: EntityManager, ids: string[]): Promise<OpportunityRecord[]> {
    if (ids.length === 0) return [];
    const rows = await selectOpportunities(typedQueries(manager))
      .where('opportunities.status', '=', 'open')
      .where('opportunities.id', '=', anyUuid(ids))
      .execute();
    return rows.map(toRecord);
  }

  /**
   * Of these ids, the rows search may show (open, deadline ahead or none), with requirements:
   * a document the index still holds for a row closed a moment ago is left out.
   */
  async findSearchableByIds(
    manager: EntityManager,
    ids: string[],
    now: Date,
  ): Promise<OpportunityRecord[]> {
    if (ids.length === 0) return [];
    const rows = await selectOpportunities(typedQueries(manager))
      .where('opportunities.status', '=', 'open')
      .where((eb) =>
        eb.or([eb('opportunities.deadline', 'is', null), eb('opportunities.deadline', '>', now)]),
      )
      .where('opportunities.id', '=', anyUuid(ids))
      .execute();
    return rows.map(toRecord);
  }

  /** A row's deadline in epoch seconds, whatever its status; null when none or unknown. */
  async findDeadlineSeconds(manager: EntityManager, id: string): Promise<number | null> {
    const row = await typedQueries(manager)
      .selectFrom('opportunities')
      .select('deadline')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.deadline == null ? null : Math.floor(row.deadline.getTime() / 1000);
  }

  /** One page of every open row ordered by id (full reindex and drift checks). */
  async findOpenPage(
    manager: EntityManager,
    afterId: string | undefined,
    limit: number,
  ): Promise<OpportunityRecord[]> {
    let query = selectOpportunities(typedQueries(manager)).where(
      'opportunities.status',
      '=',
      'open',
    );
    if (afterId !== undefined) query = query.where('opportunities.id', '>', afterId);
    const rows = await query.orderBy('opportunities.id').limit(limit).execute();
    return rows.map(toRecord);
  }

  async countOpen(manager: EntityManager): Promise<number> {
    const { n } = await typedQueries(manager)
      .selectFrom('opportunities')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    return n;
  }
}
