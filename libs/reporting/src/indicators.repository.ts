import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AGE_BANDS,
  type AgeBand,
  NO_GROUP,
  UNDISCLOSED,
  YOUTH_BANDS,
  YOUTH_VALUES,
  type YouthValue,
  REPORT_DIMENSIONS,
  type ReportDimension,
  type ReportGroup,
} from './report-values.js';

/** Sort and hash memory of a report query (see {@link IndicatorsRepository.aggregate}). */
const REPORT_WORK_MEM = '64MB';

export interface ProgrammeForReport {
  id: string;
  startsOn: string;
  endsOn: string;
  countries: string[];
  partners: string[];
}

export interface IndicatorQuery {
  programmeId: string;
  /** The programme period (inclusive UTC dates): people count at their first event in it. */
  frameFrom: string;
  frameTo: string;
  /** The reported period (inclusive UTC dates), for money and hours. */
  from: string;
  to: string;
  /** Count people per month of their first event (to decide the periods of the programme). */
  byMonth: boolean;
  /** The programme's countries: count people per profile country part; null: no parts. */
  parts: string[] | null;
  /** The reported country part, or null for the whole programme. */
  part: string | null;
  groupBy: ReportDimension[];
}

/** The country part of a person whose profile country is not one of the programme's. */
export const OTHER_PART = 'other';

/**
 * SQL for each dimension over rows carrying a person's `consented`, `sex`, `country`, `groups`
 * and, for engagements, the `age_band` of the event. People without a `profile_inclusion` row
 * did not consent: every dimension of theirs is `undisclosed`.
 */
function dimensionSql(dimension: ReportDimension, scale: AgeScale | undefined): string {
  switch (dimension) {
    case 'sex':
      return `CASE WHEN w.consented THEN coalesce(w.sex, '${UNDISCLOSED}') ELSE '${UNDISCLOSED}' END`;
    case 'country':
      return `CASE WHEN w.consented THEN coalesce(w.country, '${UNDISCLOSED}') ELSE '${UNDISCLOSED}' END`;
    case 'group':
      return 'g.grp';
    case 'ageBand':
      return 'w.age_band';
    case 'youth':
      // with an age breakdown too, each row is one band, and its band says youth or not
      return scale === 'ageBand'
        ? `CASE WHEN w.age_band IN (${YOUTH_BANDS.map((b) => `'${b}'`).join(', ')}) THEN 'youth'
                WHEN w.age_band = '${UNDISCLOSED}' THEN '${UNDISCLOSED}' ELSE 'not-youth' END`
        : 'w.age_band';
  }
}

/** The age scale a report is broken down by: the bands, or youth (15–29) or not. */
export type AgeScale = 'ageBand' | 'youth';

export function ageScaleOf(groupBy: readonly ReportDimension[]): AgeScale | undefined {
  if (groupBy.includes('ageBand')) return 'ageBand';
  return groupBy.includes('youth') ? 'youth' : undefined;
}

export const SCALE_VALUES: Record<AgeScale, readonly string[]> = {
  ageBand: AGE_BANDS,
  youth: YOUTH_VALUES,
};

/**
 * A person in several groups is in each group's row: one row per (person or engagement, group).
 * DISTINCT: a group listed twice (the write path never does) must not count the person twice.
 */
const GROUP_JOIN = `CROSS JOIN LATERAL (SELECT DISTINCT grp FROM unnest(CASE
      WHEN NOT w.consented THEN ARRAY['${UNDISCLOSED}']
      WHEN cardinality(w.groups) = 0 THEN ARRAY['${NO_GROUP}']
      ELSE w.groups END) AS u (grp)) AS g`;

/**
 * The people counters (and the hidden numerator of `withPaidWork` and both sides of
 * `responseRate6m`). Per person each holds the
 * slot (month and age band, see {@link slotSql}) of the person's first such event in the
 * programme period; NULL: not counted.
 */
export const FLAGS = [
  'registered',
  'trained',
  'certified',
  'matched',
  'hired',
  'hired_self_employed',
  'hired_employed',
  'completed',
  'surveyed',
  'employed_3m',
  'employed_6m',
  'employed_12m',
  'paid_work',
  'due_6m',
  'answered_6m',
] as const;

const PEOPLE_COUNTS = FLAGS.map((f) => `count(*) FILTER (WHERE w.${f} = w.slot) AS ${f}`).join(
  ', ',
);

/** Money and hours per completed engagement (each engagement once per cell). */
const ENGAGEMENT_SUMS = `
  coalesce(sum(income), 0) AS income_sum,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY income) FILTER (WHERE income IS NOT NULL)
    AS income_median,
  coalesce(sum(hours), 0) AS hours_worked,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY income_6m) FILTER (WHERE income_6m IS NOT NULL)
    AS income_median_6m`;

/** Work statuses that count as paid work in a follow-up answer. */
const WORKING = `('employed', 'self_employed', 'freelance')`;

/**
 * A match counts for the programme only when its opportunity is the programme's and comes from
 * a partner: the opportunity's organisation is a partner (a listing's broker organisation), or
 * an admin or a partner's broker attached it to the programme (a company's request, attached on
 * its behalf), or the match was brokered by a partner organisation, or made by platform staff
 * (no organisation, created by an admin). A company that tags its own request with the programme
 * and matches on it does not move the report.
 */
const PARTNER_MATCH = `(o.organisation_id IN (SELECT organisation_id FROM partners)
     OR o.programme_attached_by IN (SELECT id FROM users
                                     WHERE role = 'admin'
                                        OR organisation_id IN (SELECT organisation_id FROM partners))
     OR m.organisation_id IN (SELECT organisation_id FROM partners)
     OR (m.organisation_id IS NULL
         AND m.created_by IN (SELECT id FROM users WHERE role = 'admin')))`;

/**
 * The age band of an event in `year` for a person born in `birthYear`, rendered by `as`. Age =
 * year of the event (UTC) − birth year; no birth year (or no consent: then there is no
 * inclusion row, so no birth year either) is `undisclosed`.
 */
function ageBandCase(
  scale: AgeScale,
  year: string,
  birthYear: string,
  as: (value: AgeBand | YouthValue) => string,
): string {
  if (scale === 'youth') {
    return `CASE
      WHEN ${birthYear} IS NULL THEN ${as(UNDISCLOSED)}
      WHEN ${year} - ${birthYear} BETWEEN 15 AND 29 THEN ${as('youth')}
      ELSE ${as('not-youth')} END`;
  }
  return `CASE
      WHEN ${birthYear} IS NULL THEN ${as(UNDISCLOSED)}
      WHEN ${year} - ${birthYear} < 15 THEN ${as('under-15')}
      WHEN ${year} - ${birthYear} <= 24 THEN ${as('15-24')}
      WHEN ${year} - ${birthYear} <= 29 THEN ${as('25-29')}
      ELSE ${as('30+')} END`;
}

/** The UTC calendar year of a timestamp (`date_part`: a float, much cheaper than numeric `extract`). */
const yearOf = (at: string) => `date_part('year', ${at} AT TIME ZONE 'UTC')::int`;

/** `at` lies in the range `r` (`frame` or `win`). */
const inRange = (r: string, at: string) => `(${at} >= ${r}.lo AND ${at} < ${r}.hi)`;

/**
 * The slot of a person's first event `at` (NULL when none): month index from the programme's
 * first month × number of age values + index of the age value at the event. Without a monthly
 * breakdown the month is 0; without an age breakdown the age value is 0.
 */
function slotSql(scale: AgeScale | undefined, byMonth: boolean, at: string): string {
  const values = scale === undefined ? 1 : SCALE_VALUES[scale].length;
  const month = byMonth
    ? `((date_part('year', ${at} AT TIME ZONE 'UTC')::int * 12
          + date_part('month', ${at} AT TIME ZONE 'UTC')::int - 1 - f.m0) * ${values})`
    : '0';
  const band =
    scale === undefined
      ? '0'
      : ageBandCase(scale, yearOf(at), 'p.birth_year', (v) =>
          String(SCALE_VALUES[scale].indexOf(v)),
        );
  return `CASE WHEN ${at} IS NULL THEN NULL ELSE ${month} + ${band} END`;
}

/**
 * The programme's people and the slot of their first event per indicator, in the programme
 * period ($2..$3). No row per event reaches the people: the programme's enrolments
 * (`enrolled`) and partner matches (`matched`) are each reduced by one hash aggregate per
 * person to the first timestamp per indicator; only then (~100k rows) do they meet the
 * person's profile and inclusion data (`people`). "Paid work after training" is one index
 * probe per trained person. `counted` expands a person to one row per slot they count in.
 */
function reportRows(q: IndicatorQuery, scale: AgeScale | undefined): string {
  const first = (at: string, condition: string) =>
    `min(${at}) FILTER (WHERE ${condition} AND ${inRange('f', at)})`;
  const part =
    q.parts === null
      ? 'NULL::text'
      : `CASE WHEN p.country = ANY (f.parts) THEN p.country ELSE '${OTHER_PART}' END`;
  const slots = FLAGS.map((flag) => `${slotSql(scale, q.byMonth, `p.${flag}`)} AS ${flag}`);
  const slotted = scale === undefined && !q.byMonth;
  // with neither, every first event is slot 0
  return `
  WITH frame AS (
    SELECT ($2::date)::timestamp AT TIME ZONE 'UTC' AS lo,
           ($3::date + 1)::timestamp AT TIME ZONE 'UTC' AS hi,
           date_part('year', $2::date)::int * 12 + date_part('month', $2::date)::int - 1 AS m0,
           $6::text[] AS parts
  ),
  win AS (
    SELECT ($4::date)::timestamp AT TIME ZONE 'UTC' AS lo,
           ($5::date + 1)::timestamp AT TIME ZONE 'UTC' AS hi
  ),
  partners AS (SELECT organisation_id FROM programme_partners WHERE programme_id = $1),
  enrolled AS (
    SELECT e.profile_id,
           ${first('e.finished_at', `e.status = 'completed'`)} AS trained,
           ${first('c.issued_at', 'c.id IS NOT NULL')} AS certified
    FROM courses co
    JOIN cohorts ch ON ch.course_id = co.id
    JOIN enrolments e ON e.cohort_id = ch.id
    LEFT JOIN certificates c ON c.enrolment_id = e.id AND c.revoked_at IS NULL
    CROSS JOIN frame f
    WHERE co.programme_id = $1
    GROUP BY e.profile_id
  ),
  matched AS (
    SELECT m.profile_id,
           ${first('coalesce(m.applied_at, m.shortlisted_at)', 'true')} AS matched,
           ${first('m.hired_at', 'true')} AS hired,
           ${first('m.hired_at', `o.engagement_type = 'freelance'`)} AS hired_self_employed,
           ${first('m.hired_at', `o.engagement_type <> 'freelance'`)} AS hired_employed,
           ${first('m.completed_at', `m.state = 'completed'`)} AS completed
    FROM opportunities o
    JOIN matches m ON m.opportunity_id = o.id
    CROSS JOIN frame f
    WHERE o.programme_id = $1 AND ${PARTNER_MATCH}
    GROUP BY m.profile_id
  ),
  surveys_of AS (
    SELECT s.profile_id, s.follow_up, s.trigger_kind, s.due_at, s.sent_at, s.answered_at,
           s.work_status IN ${WORKING} AS working, s.monthly_income_eur AS income
    FROM courses co
    JOIN cohorts ch ON ch.course_id = co.id
    JOIN enrolments e ON e.cohort_id = ch.id
    JOIN surveys s ON s.enrolment_id = e.id
    WHERE co.programme_id = $1
    UNION ALL
    SELECT s.profile_id, s.follow_up, s.trigger_kind, s.due_at, s.sent_at, s.answered_at,
           s.work_status IN ${WORKING}, s.monthly_income_eur
    FROM opportunities o
    JOIN matches m ON m.opportunity_id = o.id
    JOIN surveys s ON s.match_id = m.id
    WHERE o.programme_id = $1 AND ${PARTNER_MATCH}
  ),
  counted_answers AS (
    -- one answer per person and follow-up: after a training before after a hire, then the latest
    SELECT DISTINCT ON (a.profile_id, a.follow_up)
           a.profile_id, a.follow_up, a.answered_at, a.working, a.income
    FROM surveys_of a CROSS JOIN frame f
    WHERE a.answered_at IS NOT NULL AND ${inRange('f', 'a.answered_at')} AND a.follow_up <= 3
    ORDER BY a.profile_id, a.follow_up, (a.trigger_kind = 'training') DESC, a.answered_at DESC
  ),
  surveyed AS (
    SELECT a.profile_id,
           ${first('a.answered_at', 'a.answered_at IS NOT NULL')} AS surveyed,
           ${first('a.due_at', 'a.follow_up = 2 AND a.sent_at IS NOT NULL')} AS due_6m,
           bool_or(a.follow_up = 2 AND a.sent_at IS NOT NULL AND ${inRange('f', 'a.due_at')}
                   AND a.answered_at IS NOT NULL AND a.answered_at < f.hi) AS answered_6m
    FROM surveys_of a CROSS JOIN frame f
    GROUP BY a.profile_id
  ),
  employment AS (
    SELECT profile_id,
           max(answered_at) FILTER (WHERE follow_up = 1 AND working) AS employed_3m,
           max(answered_at) FILTER (WHERE follow_up = 2 AND working) AS employed_6m,
           max(answered_at) FILTER (WHERE follow_up = 3 AND working) AS employed_12m
    FROM counted_answers
    GROUP BY profile_id
  ),
  people AS (
    SELECT p.id AS profile_id, p.country, ${part} AS part,
           i.profile_id IS NOT NULL AS consented, i.sex, i.birth_year, i.groups,
           CASE WHEN ${inRange('f', 'p.created_at')} THEN p.created_at END AS registered,
           trained, certified,
           CASE WHEN trained IS NOT NULL AND EXISTS (
             SELECT 1 FROM matches h
             WHERE h.profile_id = p.id AND h.hired_at IS NOT NULL
               AND h.hired_at > trained AND h.hired_at < f.hi) THEN trained END AS paid_work,
           matched, hired, hired_self_employed, hired_employed, completed,
           sv.surveyed, em.employed_3m, em.employed_6m, em.employed_12m, sv.due_6m,
           CASE WHEN sv.answered_6m THEN sv.due_6m END AS answered_6m
    FROM enrolled FULL JOIN matched USING (profile_id)
    JOIN profiles p ON p.id = profile_id
    LEFT JOIN surveyed sv ON sv.profile_id = p.id
    LEFT JOIN employment em ON em.profile_id = p.id
    LEFT JOIN profile_inclusion i ON i.profile_id = p.id
    CROSS JOIN frame f
    OFFSET 0
  ),
  slotted AS (
    SELECT p.profile_id, p.consented, p.sex, p.country, p.groups, p.part, ${slots.join(', ')}
    FROM people p CROSS JOIN frame f
    OFFSET 0
  ),
  counted AS (
    ${
      slotted
        ? `SELECT w.*, 0 AS slot FROM slotted w
           WHERE ${FLAGS.map((f) => `w.${f} IS NOT NULL`).join(' OR ')}`
        : q.byMonth
          ? `SELECT w.*, s.slot FROM slotted w
             CROSS JOIN LATERAL (SELECT DISTINCT x AS slot
               FROM unnest(ARRAY[${FLAGS.map((f) => `w.${f}`).join(', ')}]) AS u (x)
               WHERE x IS NOT NULL) s`
          : // a handful of age values: a join is much cheaper than an unnest per person
            `SELECT w.*, s.slot FROM slotted w
             JOIN (VALUES ${SCALE_VALUES[scale as AgeScale].map((_, i) => `(${i})`).join(', ')}) AS s (slot)
               ON s.slot IN (${FLAGS.map((f) => `w.${f}`).join(', ')})`
    }
  ),
  engagements AS (
    SELECT m.income_eur AS income, m.hours_worked AS hours, NULL::numeric AS income_6m,
           p.consented, p.sex, p.country, p.groups,
           ${scale !== undefined ? ageBandCase(scale, yearOf('m.completed_at'), 'p.birth_year', (b) => `'${b}'`) : 'NULL::text'} AS age_band
    FROM opportunities o
    JOIN matches m ON m.opportunity_id = o.id
    JOIN people p USING (profile_id)
    CROSS JOIN win
    WHERE o.programme_id = $1 AND ${PARTNER_MATCH} AND m.state = 'completed'
      AND ${inRange('win', 'm.completed_at')} AND ($7::text IS NULL OR p.country = $7::text)
    UNION ALL
    -- the monthly income of the counted second follow-up answers with paid work
    SELECT NULL, NULL, a.income, p.consented, p.sex, p.country, p.groups,
           ${scale !== undefined ? ageBandCase(scale, yearOf('a.answered_at'), 'p.birth_year', (b) => `'${b}'`) : 'NULL::text'}
    FROM counted_answers a
    JOIN people p USING (profile_id)
    CROSS JOIN win
    WHERE a.follow_up = 2 AND a.working AND a.income IS NOT NULL
      AND ${inRange('win', 'a.answered_at')} AND ($7::text IS NULL OR p.country = $7::text)
  )`;
}

/** The dimensions kept in the base cells by SQL (the age dimensions come from the slot). */
const SQL_DIMENSIONS = ['sex', 'country', 'group'] as const;

interface AggregateRow {
  kind: 'cells' | 'people' | 'money' | 'money_total';
  slot: number | null;
  part: string | null;
  registered: string;
  trained: string;
  certified: string;
  matched: string;
  hired: string;
  hired_self_employed: string;
  hired_employed: string;
  completed: string;
  surveyed: string;
  employed_3m: string;
  employed_6m: string;
  employed_12m: string;
  paid_work: string;
  due_6m: string;
  answered_6m: string;
  income_sum: string | null;
  income_median: number | null;
  hours_worked: string | null;
  income_median_6m: number | null;
  [dimension: `d_${string}`]: string | null;
}

/** A base cell as read: slot, part and the SQL dimensions, and its people counts. */
export interface RawBaseCell {
  slot: number;
  part: string | null;
  group: ReportGroup;
  counts: Record<(typeof FLAGS)[number], number>;
}

export interface RawMoney {
  group: ReportGroup;
  incomeEurSum: number;
  incomeEurMedian: number | null;
  hoursWorked: number;
  /** Median monthly income of the counted second follow-up answers with paid work. */
  incomeMedian6m: number | null;
}

/** Aggregates for programme results reports, computed in PostgreSQL over people. */
@Injectable()
export class IndicatorsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findProgramme(id: string): Promise<ProgrammeForReport | null> {
    const rows: {
      id: string;
      starts_on: string;
      ends_on: string;
      countries: string[];
      partners: string[];
    }[] = await this.dataSource.query(
      `SELECT p.id, to_char(p.starts_on, 'YYYY-MM-DD') AS starts_on,
              to_char(p.ends_on, 'YYYY-MM-DD') AS ends_on,
              array(SELECT trim(c) FROM unnest(p.countries) AS c ORDER BY 1) AS countries,
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
      : {
          id: row.id,
          startsOn: row.starts_on,
          endsOn: row.ends_on,
          countries: row.countries,
          partners: row.partners,
        };
  }

  /**
   * The base cells (people per slot, country part and dimension values; with a `group`
   * breakdown also without the group fan-out) and the money and hours of the reported table.
   */
  async aggregate(query: IndicatorQuery): Promise<{
    cells: RawBaseCell[];
    cellsWithoutGroup: RawBaseCell[] | null;
    money: RawMoney[];
    moneyTotals: RawMoney;
  }> {
    const { sql, params } = this.indicatorSql(query);
    const result: AggregateRow[] = await this.withReportMemory((m) => m.query(sql, params));
    const dims = (r: AggregateRow): ReportGroup =>
      Object.fromEntries(
        query.groupBy.filter((d) => r[`d_${d}`] != null).map((d) => [d, r[`d_${d}`] as string]),
      );
    const base = (kind: AggregateRow['kind']) =>
      result
        .filter((r) => r.kind === kind)
        .map((r) => ({
          slot: Number(r.slot),
          part: r.part,
          group: dims(r),
          counts: Object.fromEntries(FLAGS.map((f) => [f, Number(r[f])])) as RawBaseCell['counts'],
        }));
    const money = (r: AggregateRow): RawMoney => ({
      group: dims(r),
      incomeEurSum: Number(r.income_sum ?? 0),
      incomeEurMedian: r.income_median === null ? null : Number(r.income_median),
      hoursWorked: Number(r.hours_worked ?? 0),
      incomeMedian6m: r.income_median_6m === null ? null : Number(r.income_median_6m),
    });
    const totals = result.find((r) => r.kind === 'money_total');
    if (totals === undefined) throw new Error('indicator query returned no totals');
    return {
      cells: base('cells'),
      cellsWithoutGroup: query.groupBy.includes('group') ? base('people') : null,
      money: result.filter((r) => r.kind === 'money').map(money),
      moneyTotals: money(totals),
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
    const scale = ageScaleOf(query.groupBy);
    const sqlDims = SQL_DIMENSIONS.filter((d) => query.groupBy.includes(d));
    const moneyDims = query.groupBy;
    const columns = (
      kind: AggregateRow['kind'],
      dims: readonly ReportDimension[],
      counts: string,
      money: string,
      slot: boolean,
    ) =>
      [
        `'${kind}' AS kind`,
        slot ? 'w.slot' : 'NULL::int AS slot',
        slot ? 'w.part' : 'NULL::text AS part',
        ...REPORT_DIMENSIONS.map((d) => (dims.includes(d) ? `"d_${d}"` : `NULL::text AS "d_${d}"`)),
        counts,
        money,
      ].join(', ');
    const noCounts = FLAGS.map((f) => `0::bigint AS ${f}`).join(', ');
    const noMoney =
      'NULL::numeric AS income_sum, NULL::float8 AS income_median, NULL::numeric AS hours_worked, ' +
      'NULL::float8 AS income_median_6m';
    const source = (from: string, dims: readonly ReportDimension[]) =>
      `(SELECT w.*${dims.map((d) => `, ${dimensionSql(d, scale)} AS "d_${d}"`).join('')}
        FROM ${from} w ${dims.includes('group') ? GROUP_JOIN : ''}) w`;
    const grouped = (keys: string[]) => (keys.length === 0 ? '' : `GROUP BY ${keys.join(', ')}`);
    const cells = (kind: 'cells' | 'people', dims: readonly ReportDimension[]) => `
      SELECT ${columns(kind, dims, PEOPLE_COUNTS, noMoney, true)}
      FROM ${source('counted', dims)}
      ${grouped(['w.slot', 'w.part', ...dims.map((d) => `"d_${d}"`)])}`;
    const branches = [cells('cells', sqlDims)];
    if (sqlDims.includes('group')) {
      branches.push(
        cells(
          'people',
          sqlDims.filter((d) => d !== 'group'),
        ),
      );
    }
    if (moneyDims.length > 0) {
      branches.push(`
      SELECT ${columns('money', moneyDims, noCounts, ENGAGEMENT_SUMS, false)}
      FROM ${source('engagements', moneyDims)}
      ${grouped(moneyDims.map((d) => `"d_${d}"`))}`);
    }
    branches.push(`
      SELECT ${columns('money_total', [], noCounts, ENGAGEMENT_SUMS, false)}
      FROM engagements w`);
    const sql = `${reportRows(query, scale)}
      ${branches.map((b) => `(${b})`).join(' UNION ALL ')}`;
    return {
      sql,
      params: [
        query.programmeId,
        query.frameFrom,
        query.frameTo,
        query.from,
        query.to,
        query.parts,
        query.part,
      ],
    };
  }
}
