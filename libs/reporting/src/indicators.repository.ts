import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  NO_GROUP,
  UNDISCLOSED,
  type IndicatorCounts,
  type RawIndicatorRow,
  type ReportDimension,
} from './report-values.js';

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

const AGGREGATES = `
  count(DISTINCT w.profile_id) FILTER (WHERE w.kind = 'registered') AS registered,
  count(DISTINCT w.profile_id) FILTER (WHERE w.kind = 'trained') AS trained,
  count(DISTINCT w.profile_id) FILTER (WHERE w.kind = 'certified') AS certified,
  count(DISTINCT w.profile_id) FILTER (WHERE w.kind = 'matched') AS matched,
  count(DISTINCT w.profile_id) FILTER (WHERE w.kind = 'hired') AS hired,
  count(DISTINCT w.profile_id)
    FILTER (WHERE w.kind = 'hired' AND w.engagement = 'freelance') AS hired_self_employed,
  count(DISTINCT w.profile_id)
    FILTER (WHERE w.kind = 'hired' AND w.engagement <> 'freelance') AS hired_employed,
  count(DISTINCT w.profile_id) FILTER (WHERE w.kind = 'completed') AS completed,
  count(DISTINCT w.profile_id) FILTER (WHERE w.kind = 'trained' AND w.paid) AS paid_work,
  coalesce(sum(w.income) FILTER (WHERE w.kind = 'completed'), 0) AS income_sum,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY w.income)
    FILTER (WHERE w.kind = 'completed' AND w.income IS NOT NULL) AS income_median,
  coalesce(sum(w.hours) FILTER (WHERE w.kind = 'completed'), 0) AS hours_worked`;

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
    const result: AggregateRow[] = await this.dataSource.query(sql, params);
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

  /** The SQL and parameters of {@link aggregate}, for EXPLAIN in the benchmark. */
  indicatorSql(query: IndicatorQuery): { sql: string; params: unknown[] } {
    const dims = query.groupBy.map((d) => `${DIMENSION_SQL[d]} AS "d_${d}"`);
    const nulls = query.groupBy.map((d) => `NULL AS "d_${d}"`);
    const groupJoin = query.groupBy.includes('group') ? GROUP_JOIN : '';
    // the totals come from the events without the group fan-out: distinct people, sums once
    const cells =
      query.groupBy.length === 0
        ? ''
        : `SELECT false AS is_total, ${dims.join(', ')}, ${AGGREGATES}
           FROM windowed w ${groupJoin}
           GROUP BY ${query.groupBy.map((_d, i) => i + 2).join(', ')}
           UNION ALL `;
    const sql = `${WINDOWED_EVENTS}
      ${cells}SELECT true AS is_total, ${[...nulls, AGGREGATES].join(', ')} FROM windowed w`;
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
