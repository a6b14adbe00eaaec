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
 * SQL for each dimension over rows carrying a person's `consented`, `sex`, `country`, `groups`
 * and the `age_band` of the event (`counted` and `engagements` below). People without a
 * `profile_inclusion` row did not consent: every dimension of theirs is `undisclosed`.
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

/**
 * The age scale a report is broken down by: the bands, or youth (15–29) or not. A person is
 * expanded once per value of the scale they reached, so "youth" counts each young person once
 * even when their events fall in both youth bands.
 */
type AgeScale = 'ageBand' | 'youth';

function ageScaleOf(groupBy: readonly ReportDimension[]): AgeScale | undefined {
  if (groupBy.includes('ageBand')) return 'ageBand';
  return groupBy.includes('youth') ? 'youth' : undefined;
}

const SCALE_VALUES: Record<AgeScale, readonly string[]> = {
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
 * The people counters (and the hidden numerator of `withPaidWork`). Per person each is a bit set
 * of the age bands the person counts in (see {@link bandBit}); 0: not counted.
 */
const FLAGS = [
  'registered',
  'trained',
  'certified',
  'matched',
  'hired',
  'hired_self_employed',
  'hired_employed',
  'completed',
  'paid_work',
] as const;
type Flag = (typeof FLAGS)[number];

const PEOPLE_COUNTS = FLAGS.map((f) => `count(*) FILTER (WHERE ${f} <> 0) AS ${f}`).join(', ');

/** Money and hours per completed engagement (each engagement once per cell). */
const ENGAGEMENT_SUMS = `
  coalesce(sum(income), 0) AS income_sum,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY income) FILTER (WHERE income IS NOT NULL)
    AS income_median,
  coalesce(sum(hours), 0) AS hours_worked`;

/**
 * One branch of the result, grouped by the dimension columns `dims` (none: the totals): people
 * counters over `people` (at most one row per person and cell) and sums over `money` (one row
 * per engagement and cell).
 */
function branch(people: string, money: string, dims: string[], isTotal: boolean): string {
  const cols = dims.map((d) => `"${d}"`);
  const keyed = (extra: string[]) => [...cols, ...extra].join(', ');
  const groupBy = cols.length === 0 ? '' : `GROUP BY ${cols.join(', ')}`;
  const join = cols.length === 0 ? 'CROSS JOIN' : 'LEFT JOIN';
  const on = cols.length === 0 ? '' : `USING (${cols.join(', ')})`;
  return `
    SELECT ${isTotal} AS is_total, ${keyed([...FLAGS.map((f) => `c.${f}`), 'm.income_sum', 'm.income_median', 'm.hours_worked'])}
    FROM (SELECT ${keyed([PEOPLE_COUNTS])} FROM ${people} ${groupBy}) c
    ${join} (SELECT ${keyed([ENGAGEMENT_SUMS])} FROM ${money} ${groupBy}) m ${on}`;
}

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

/**
 * A value of the age scale as a bit (1 << its index in the scale's values): the bands a person counts in per
 * indicator are OR-ed together by one hash aggregate per person, however many events and years.
 */
const bandBit = (scale: AgeScale) => (value: string) =>
  String(1 << SCALE_VALUES[scale].indexOf(value));

/** `at` lies in the report window (the `win` row). */
const inWindow = (at: string) => `(${at} >= win.lo AND ${at} < win.hi)`;

/**
 * For one indicator, per row of enrolment or match: the year of its event when the event lies
 * in the window and `counts` holds (tested second: it may be a subquery), else NULL. Without an
 * age breakdown (`byBand` false) the year does not matter: 0.
 */
const eventYear = (byBand: boolean, counts: string, at: string) =>
  `CASE WHEN ${inWindow(at)} AND ${counts} THEN ${byBand ? yearOf(at) : '0'} END`;

/**
 * `SELECT … FROM events GROUP BY profile_id`: per person and indicator, the bit set of the age
 * bands of the `events` rows' years (columns named as the indicators, with `birth_year`);
 * without an age breakdown the one pseudo band 1. 0: the person does not count in it.
 * `OFFSET 0` keeps `events` a subquery of its own: each year (and the "paid work" probe) is
 * computed once per row, not copied into every place the band expression reads it.
 */
function bandsPerPerson(scale: AgeScale | undefined, flags: Flag[], events: string): string {
  const bits = (year: string) =>
    scale !== undefined
      ? `CASE WHEN ${year} IS NULL THEN 0 ELSE ${ageBandCase(scale, year, 'ev.birth_year', bandBit(scale))} END`
      : `CASE WHEN ${year} IS NULL THEN 0 ELSE 1 END`;
  return `
    SELECT ev.profile_id, ${flags.map((f) => `bit_or(${bits(`ev.${f}`)}) AS ${f}`).join(', ')}
    FROM (${events} OFFSET 0) ev
    GROUP BY ev.profile_id`;
}

/**
 * The programme's people and what they count in, then the rows the report groups: $1 programme,
 * $2..$3 inclusive UTC dates, $4 countries or null. `scale`: broken down by age band or youth.
 *
 * No row per event is built. The programme's enrolments (`enrolled`) and matches (`matched`)
 * are each reduced by one hash aggregate per person to bit sets of age bands per indicator;
 * only then (~100k rows) do they meet the person's profile and inclusion data (`people`).
 * `counted` expands a person to one row per age band they count in (one row without an age
 * breakdown). "Paid work after training" is one index probe per completed enrolment in the
 * window. Completed engagements, for money and hours, stay one row each (`engagements`).
 */
function reportRows(scale: AgeScale | undefined): string {
  const byBand = scale !== undefined;
  // the birth year is needed per enrolment and match only for the age bands
  const birthYear = byBand ? 'i.birth_year' : 'NULL::int AS birth_year';
  const inclusionOf = (profileId: string) =>
    byBand ? `LEFT JOIN profile_inclusion i ON i.profile_id = ${profileId}` : '';
  const trained = `e.status = 'completed'`;
  const hired = 'm.hired_at IS NOT NULL';
  const enrolmentEvents = `
    SELECT e.profile_id, ${birthYear},
           ${eventYear(byBand, trained, 'e.finished_at')} AS trained,
           ${eventYear(byBand, 'c.id IS NOT NULL', 'c.issued_at')} AS certified,
           ${eventYear(
             byBand,
             `${trained} AND EXISTS (
               SELECT 1 FROM matches h
               WHERE h.profile_id = e.profile_id AND h.hired_at IS NOT NULL
                 AND h.hired_at > e.finished_at AND h.hired_at < win.hi)`,
             'e.finished_at',
           )} AS paid_work
    FROM courses co
    JOIN cohorts ch ON ch.course_id = co.id
    JOIN enrolments e ON e.cohort_id = ch.id
    LEFT JOIN certificates c ON c.enrolment_id = e.id AND c.revoked_at IS NULL
    ${inclusionOf('e.profile_id')}
    CROSS JOIN win
    WHERE co.programme_id = $1`;
  const matchEvents = `
    SELECT m.profile_id, ${birthYear},
           ${eventYear(byBand, 'true', 'm.shortlisted_at')} AS matched,
           ${eventYear(byBand, hired, 'm.hired_at')} AS hired,
           ${eventYear(byBand, `${hired} AND o.engagement_type = 'freelance'`, 'm.hired_at')}
             AS hired_self_employed,
           ${eventYear(byBand, `${hired} AND o.engagement_type <> 'freelance'`, 'm.hired_at')}
             AS hired_employed,
           ${eventYear(byBand, `m.state = 'completed'`, 'm.completed_at')} AS completed
    FROM opportunities o
    JOIN matches m ON m.opportunity_id = o.id
    ${inclusionOf('m.profile_id')}
    CROSS JOIN win
    WHERE o.programme_id = $1`;
  const registeredYear = eventYear(byBand, 'true', 'p.created_at');
  return `
  WITH win AS (
    SELECT ($2::date)::timestamp AT TIME ZONE 'UTC' AS lo,
           ($3::date + 1)::timestamp AT TIME ZONE 'UTC' AS hi
  ),
  bands (band, bit) AS (
    ${scale !== undefined ? `VALUES ${SCALE_VALUES[scale].map((b) => `('${b}', ${bandBit(scale)(b)})`).join(', ')}` : 'VALUES (NULL::text, 1)'}
  ),
  enrolled AS (${bandsPerPerson(scale, ['trained', 'certified', 'paid_work'], enrolmentEvents)}),
  matched AS (${bandsPerPerson(
    scale,
    ['matched', 'hired', 'hired_self_employed', 'hired_employed', 'completed'],
    matchEvents,
  )}),
  people AS (
    SELECT s.*, ${FLAGS.map((f) => `s.${f}`).join(' | ')} AS any_band
    FROM (
      SELECT p.id AS profile_id, p.country, i.profile_id IS NOT NULL AS consented, i.sex,
             i.birth_year, i.groups,
             CASE WHEN ${registeredYear} IS NULL THEN 0
                  ELSE ${scale !== undefined ? ageBandCase(scale, registeredYear, 'i.birth_year', bandBit(scale)) : '1'} END
               AS registered,
             ${FLAGS.filter((f) => f !== 'registered')
               .map((f) => `coalesce(${f}, 0) AS ${f}`)
               .join(', ')}
      FROM enrolled FULL JOIN matched USING (profile_id)
      JOIN profiles p ON p.id = profile_id
      LEFT JOIN profile_inclusion i ON i.profile_id = p.id
      CROSS JOIN win
      WHERE $4::text[] IS NULL OR p.country = ANY ($4::text[])
      OFFSET 0
    ) s
  ),
  counted AS (
    SELECT p.consented, p.sex, p.country, p.groups, b.band AS age_band,
           ${FLAGS.map((f) => `p.${f} & b.bit AS ${f}`).join(', ')}
    FROM people p
    JOIN bands b ON p.any_band & b.bit <> 0
  ),
  engagements AS (
    SELECT m.income_eur AS income, m.hours_worked AS hours, p.consented, p.sex, p.country,
           p.groups,
           ${scale !== undefined ? ageBandCase(scale, yearOf('m.completed_at'), 'p.birth_year', (b) => `'${b}'`) : 'NULL::text'} AS age_band
    FROM opportunities o
    JOIN matches m ON m.opportunity_id = o.id
    JOIN people p USING (profile_id)
    CROSS JOIN win
    WHERE o.programme_id = $1 AND m.state = 'completed' AND ${inWindow('m.completed_at')}
  )`;
}

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
    const scale = ageScaleOf(query.groupBy);
    const dims = query.groupBy.map((d) => `${dimensionSql(d, scale)} AS "d_${d}"`);
    const names = query.groupBy.map((d) => `d_${d}`);
    const groupJoin = query.groupBy.includes('group') ? GROUP_JOIN : '';
    const cells = (source: string) =>
      `(SELECT w.*, ${dims.join(', ')} FROM ${source} w ${groupJoin}) w`;
    const nulls = names.map((n) => `NULL AS "${n}", `).join('');
    // the totals come from the people and engagements without the group fan-out: distinct
    // people, sums once
    const sql = `${reportRows(scale)}
      ${query.groupBy.length === 0 ? '' : `${branch(cells('counted'), cells('engagements'), names, false)} UNION ALL`}
      SELECT is_total, ${nulls}${FLAGS.join(', ')}, income_sum, income_median, hours_worked
      FROM (${branch('people', 'engagements', [], true)}) totals`;
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
