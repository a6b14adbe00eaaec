import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  NO_GROUP,
  UNDISCLOSED,
  type IndicatorCounts,
  type RawIndicatorRow,
  type ReportDimension,
} from './report-values.js';

/** Sort and hash memory of a report query (see {@link IndicatorsRepository.aggregate}). */
const REPORT_WORK_MEM = '64MB';

export interface ProgrammeForReport {
  id: string;
  startsOn: string;
  endsOn: string;
  partners: string[];
}

export interface IndicatorQuery {
  programmeId: string;
  /** Inclusive calendar dates (UTC). */
  from: string;
  to: string;
  /** Profile countries; empty: every country. */
  countries: string[];
  groupBy: ReportDimension[];
}

/**
 * SQL for each dimension over the `windowed` rows of the indicator query. People without a
 * `profile_inclusion` row did not consent: every dimension of theirs is `undisclosed`.
 */
const DIMENSION_SQL: Record<ReportDimension, string> = {
  sex: `CASE WHEN w.consented THEN coalesce(w.sex, '${UNDISCLOSED}') ELSE '${UNDISCLOSED}' END`,
  ageBand: `CASE
      WHEN NOT w.consented OR w.age IS NULL THEN '${UNDISCLOSED}'
      WHEN w.age < 15 THEN 'under-15'
      WHEN w.age <= 24 THEN '15-24'
      WHEN w.age <= 29 THEN '25-29'
      ELSE '30+' END`,
  country: `CASE WHEN w.consented THEN coalesce(w.country, '${UNDISCLOSED}') ELSE '${UNDISCLOSED}' END`,
  group: 'g.grp',
};

/** A person in several groups is in each group's row: one row per (event, group). */
const GROUP_JOIN = `CROSS JOIN LATERAL unnest(CASE
      WHEN NOT w.consented THEN ARRAY['${UNDISCLOSED}']
      WHEN cardinality(w.groups) = 0 THEN ARRAY['${NO_GROUP}']
      ELSE w.groups END) AS g (grp)`;

/**
 * Per person and cell: which indicators they count in. Deduplicating people once with a hash
 * aggregate is much cheaper than one `count(DISTINCT …)` sort per indicator.
 */
const PERSON_FLAGS = `
  bool_or(kind = 'registered') AS registered,
  bool_or(kind = 'trained') AS trained,
  bool_or(kind = 'certified') AS certified,
  bool_or(kind = 'matched') AS matched,
  bool_or(kind = 'hired') AS hired,
  bool_or(kind = 'hired' AND engagement = 'freelance') AS hired_self_employed,
  bool_or(kind = 'hired' AND engagement <> 'freelance') AS hired_employed,
  bool_or(kind = 'completed') AS completed,
  bool_or(kind = 'trained' AND paid) AS paid_work`;

const PEOPLE_COUNTS = `
  count(*) FILTER (WHERE registered) AS registered,
  count(*) FILTER (WHERE trained) AS trained,
  count(*) FILTER (WHERE certified) AS certified,
  count(*) FILTER (WHERE matched) AS matched,
  count(*) FILTER (WHERE hired) AS hired,
  count(*) FILTER (WHERE hired_self_employed) AS hired_self_employed,
  count(*) FILTER (WHERE hired_employed) AS hired_employed,
  count(*) FILTER (WHERE completed) AS completed,
  count(*) FILTER (WHERE paid_work) AS paid_work`;

/** Money and hours per completed engagement (each engagement once per cell). */
const ENGAGEMENT_SUMS = `
  coalesce(sum(income), 0) AS income_sum,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY income) FILTER (WHERE income IS NOT NULL)
    AS income_median,
  coalesce(sum(hours), 0) AS hours_worked`;

/**
 * One branch of the result: people counters and engagement sums of `source` (rows of events
 * with the dimension columns `dims`), grouped by those columns; no columns: the totals.
 */
function branch(source: string, dims: string[], isTotal: boolean): string {
  const cols = dims.map((d) => `"${d}"`);
  const keyed = (extra: string[]) => [...cols, ...extra].join(', ');
  const groupBy = (extra: string[]) =>
    cols.length + extra.length === 0 ? '' : `GROUP BY ${keyed(extra)}`;
  const join = cols.length === 0 ? 'CROSS JOIN' : 'LEFT JOIN';
  const on = cols.length === 0 ? '' : `USING (${cols.join(', ')})`;
  return `
    SELECT ${isTotal} AS is_total, ${keyed(['c.registered', 'c.trained', 'c.certified', 'c.matched', 'c.hired', 'c.hired_self_employed', 'c.hired_employed', 'c.completed', 'c.paid_work', 'm.income_sum', 'm.income_median', 'm.hours_worked'])}
    FROM (
      SELECT ${keyed([PEOPLE_COUNTS])}
      FROM (SELECT ${keyed(['profile_id', PERSON_FLAGS])} FROM ${source} ${groupBy(['profile_id'])}) p
      ${groupBy([])}
    ) c
    ${join} (
      SELECT ${keyed([ENGAGEMENT_SUMS])} FROM ${source} WHERE kind = 'completed' ${groupBy([])}
    ) m ${on}`;
}

/**
 * Every dated event of the programme's people, each once (see docs/reporting.md for the
 * definitions): $1 programme, $2..$3 inclusive UTC dates, $4 countries or null.
 */
const WINDOWED_EVENTS = `
  WITH win AS (
    SELECT ($2::date)::timestamp AT TIME ZONE 'UTC' AS lo,
           ($3::date + 1)::timestamp AT TIME ZONE 'UTC' AS hi
  ),
  prog_enrolments AS (
    SELECT e.id, e.profile_id, e.status, e.finished_at
    FROM courses co
    JOIN cohorts ch ON ch.course_id = co.id
    JOIN enrolments e ON e.cohort_id = ch.id
    WHERE co.programme_id = $1
  ),
  prog_matches AS (
    SELECT m.profile_id, m.state, m.shortlisted_at, m.hired_at, m.completed_at,
           m.income_eur, m.hours_worked, o.engagement_type
    FROM opportunities o
    JOIN matches m ON m.opportunity_id = o.id
    WHERE o.programme_id = $1
  ),
  people AS (
    SELECT p.id AS profile_id, p.created_at, p.country, i.profile_id IS NOT NULL AS consented,
           i.sex, i.birth_year, i.groups
    FROM (SELECT profile_id FROM prog_enrolments UNION SELECT profile_id FROM prog_matches) pp
    JOIN profiles p ON p.id = pp.profile_id
    LEFT JOIN profile_inclusion i ON i.profile_id = p.id
    WHERE $4::text[] IS NULL OR p.country = ANY ($4::text[])
  ),
  events AS (
    SELECT profile_id, 'registered' AS kind, created_at AS at,
           NULL::numeric AS income, NULL::numeric AS hours, NULL::text AS engagement, false AS paid
    FROM people
    UNION ALL
    SELECT e.profile_id, 'trained', e.finished_at, NULL, NULL, NULL,
           EXISTS (SELECT 1 FROM matches h
                   WHERE h.profile_id = e.profile_id AND h.hired_at IS NOT NULL
                     AND h.hired_at > e.finished_at AND h.hired_at < win.hi)
    FROM prog_enrolments e, win
    WHERE e.status = 'completed'
    UNION ALL
    SELECT e.profile_id, 'certified', c.issued_at, NULL, NULL, NULL, false
    FROM prog_enrolments e
    JOIN certificates c ON c.enrolment_id = e.id
    WHERE c.revoked_at IS NULL
    UNION ALL
    SELECT profile_id, 'matched', shortlisted_at, NULL, NULL, NULL, false FROM prog_matches
    UNION ALL
    SELECT profile_id, 'hired', hired_at, NULL, NULL, engagement_type, false
    FROM prog_matches WHERE hired_at IS NOT NULL
    UNION ALL
    SELECT profile_id, 'completed', completed_at, income_eur, hours_worked, NULL, false
    FROM prog_matches WHERE state = 'completed' AND completed_at IS NOT NULL
  ),
  windowed AS (
    SELECT ev.*, p.consented, p.sex, p.country, p.groups,
           extract(year FROM ev.at AT TIME ZONE 'UTC')::int - p.birth_year AS age
    FROM events ev
    JOIN people p USING (profile_id)
    CROSS JOIN win
    WHERE ev.at >= win.lo AND ev.at < win.hi
  )`;

interface AggregateRow {
  is_total: boolean;
  registered: string;
  trained: string;
  certified: string;
  matched: string;
  hired: string;
  hired_self_employed: string;
  hired_employed: string;
  completed: string;
  paid_work: string;
  income_sum: string;
  income_median: number | null;
  hours_worked: string;
  [dimension: `d_${string}`]: string;
}

/** Aggregates for programme results reports, computed in PostgreSQL over people. */
@Injectable()
export class IndicatorsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findProgramme(id: string): Promise<ProgrammeForReport | null> {
    const rows: { id: string; starts_on: string; ends_on: string; partners: string[] }[] =
      await this.dataSource.query(
        `SELECT p.id, to_char(p.starts_on, 'YYYY-MM-DD') AS starts_on,
                to_char(p.ends_on, 'YYYY-MM-DD') AS ends_on,
                coalesce(array_agg(pp.organisation_id) FILTER (WHERE pp.organisation_id IS NOT NULL),
                         '{}') AS partners
         FROM programmes p
         LEFT JOIN programme_partners pp ON pp.programme_id = p.id
         WHERE p.id = $1
         GROUP BY p.id`,
        [id],
      );
    const row = rows[0];
    return row === undefined
      ? null
      : { id: row.id, startsOn: row.starts_on, endsOn: row.ends_on, partners: row.partners };
  }

  /** The rows of the table, one per combination of dimension values, and the totals. */
  async aggregate(
    query: IndicatorQuery,
  ): Promise<{ rows: RawIndicatorRow[]; totals: IndicatorCounts }> {
    const { sql, params } = this.indicatorSql(query);
    const result: AggregateRow[] = await this.withReportMemory((m) => m.query(sql, params));
    const totalRow = result.find((r) => r.is_total);
    if (totalRow === undefined) throw new Error('indicator query returned no totals');
    return {
      rows: result
        .filter((r) => !r.is_total)
        .map((r) => ({
          group: Object.fromEntries(query.groupBy.map((d) => [d, r[`d_${d}`]])),
          counts: toCounts(r),
        })),
      totals: toCounts(totalRow),
    };
  }

  /** `EXPLAIN ANALYZE` of the {@link aggregate} query: its execution time and plan text. */
  async explain(query: IndicatorQuery): Promise<{ executionMs: number; plan: string }> {
    const { sql, params } = this.indicatorSql(query);
    const rows: { 'QUERY PLAN': string }[] = await this.withReportMemory((m) =>
      m.query(`EXPLAIN ANALYZE ${sql}`, params),
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]);
    return { executionMs, plan };
  }

  /**
   * Runs in a read-only transaction with more sort/hash memory than the 4 MB default: a report
   * over a large programme aggregates ~500k event rows, which otherwise spill to disk.
   */
  private withReportMemory<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET TRANSACTION READ ONLY`);
      await manager.query(`SET LOCAL work_mem = '${REPORT_WORK_MEM}'`);
      return work(manager);
    });
  }

  /** The SQL and parameters of {@link aggregate}. */
  indicatorSql(query: IndicatorQuery): { sql: string; params: unknown[] } {
    const dims = query.groupBy.map((d) => `${DIMENSION_SQL[d]} AS "d_${d}"`);
    const names = query.groupBy.map((d) => `d_${d}`);
    const groupJoin = query.groupBy.includes('group') ? GROUP_JOIN : '';
    // the totals come from the events without the group fan-out: distinct people, sums once
    const cells =
      query.groupBy.length === 0
        ? ''
        : `, cells AS (SELECT w.*, ${dims.join(', ')} FROM windowed w ${groupJoin})`;
    const nulls = names.map((n) => `NULL AS "${n}", `).join('');
    const sql = `${WINDOWED_EVENTS}${cells}
      ${query.groupBy.length === 0 ? '' : `${branch('cells', names, false)} UNION ALL`}
      SELECT is_total, ${nulls}registered, trained, certified, matched, hired, hired_self_employed,
             hired_employed, completed, paid_work, income_sum, income_median, hours_worked
      FROM (${branch('windowed', [], true)}) totals`;
    return {
      sql,
      params: [
        query.programmeId,
        query.from,
        query.to,
        query.countries.length === 0 ? null : query.countries,
      ],
    };
  }
}

function toCounts(r: AggregateRow): IndicatorCounts {
  return {
    registered: Number(r.registered),
    trained: Number(r.trained),
    certified: Number(r.certified),
    matched: Number(r.matched),
    hired: Number(r.hired),
    hiredSelfEmployed: Number(r.hired_self_employed),
    hiredEmployed: Number(r.hired_employed),
    completed: Number(r.completed),
    paidWork: Number(r.paid_work),
    incomeEurSum: Number(r.income_sum),
    incomeEurMedian: r.income_median === null ? null : Number(r.income_median),
    hoursWorked: Number(r.hours_worked),
  };
}
