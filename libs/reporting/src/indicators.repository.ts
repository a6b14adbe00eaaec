import { TransactionRunner, typedQueries, type TypedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { sql, type RawBuilder } from 'kysely';
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
export function dimensionSql(dimension: ReportDimension, scale: AgeScale | undefined): string {
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
export const GROUP_JOIN = `CROSS JOIN LATERAL (SELECT DISTINCT grp FROM unnest(CASE
      WHEN NOT w.consented THEN ARRAY['${UNDISCLOSED}']
      WHEN cardinality(w.groups) = 0 THEN ARRAY['${NO_GROUP}']
      ELSE w.groups END) AS u (grp)) AS g`;

/** {@link GROUP_JOIN} over the read model, whose `groups` hold each group once. */
const DISTINCT_GROUP_JOIN = `CROSS JOIN LATERAL unnest(CASE
      WHEN NOT w.consented THEN ARRAY['${UNDISCLOSED}']
      WHEN cardinality(w.groups) = 0 THEN ARRAY['${NO_GROUP}']
      ELSE w.groups END) AS g (grp)`;

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

/** The people counters over `counted` rows: one row per person and slot they count in. */
export const PEOPLE_COUNTS = FLAGS.map(
  (f) => `count(*) FILTER (WHERE w.${f} = w.slot) AS ${f}`,
).join(', ');

/** The people counters over `cells` rows: people per indicator (`flag`: index in FLAGS). */
const CELL_COUNTS = FLAGS.map(
  (f, i) => `coalesce(sum(w.people) FILTER (WHERE w.flag = ${i}), 0) AS ${f}`,
).join(', ');

/**
 * The money and hours of a table's rows, over `engagements` rows as {@link rankedByIncome} gives
 * them: sums of the cells' sums; each median is found by counting through the income values in
 * order — the value at positions ⌊(n−1)/2⌋ and ⌈(n−1)/2⌉ of the n incomes — and interpolated as
 * `percentile_cont(0.5)` does (`lo + 0.5 × (hi − lo)` in float8), so it equals the median of the
 * engagements one by one.
 */
export const WEIGHTED_SUMS = `
  coalesce(sum(w.s), 0) AS income_sum,
  ${medianSql('v', 'cum', 'tot')} AS income_median,
  coalesce(sum(w.h), 0) AS hours_worked,
  ${medianSql('v6', 'cum6', 'tot6')} AS income_median_6m`;

function medianSql(value: string, cum: string, total: string): string {
  const at = (position: string) => `min(w.${value}) FILTER (WHERE w.${cum} > ${position})`;
  const [lo, hi] = [at(`(w.${total} - 1) / 2`), at(`w.${total} / 2`)];
  return `(${lo} + 0.5::float8 * (${hi} - ${lo}))`;
}

/**
 * `engagements` rows (`v`, `v6`: an income value as float8, `n`: how many hold it), one per row
 * of the table (the values of `dims`) and income value, with the running count of incomes up to
 * each value within the row of the table (`cum`, `cum6`) and their total (`tot`, `tot6`), for
 * {@link WEIGHTED_SUMS}.
 */
export function rankedByIncome(source: string, dims: readonly string[]): string {
  const keys = dims.map((d) => `w."d_${d}"`);
  const by = keys.length === 0 ? '' : `PARTITION BY ${keys.join(', ')}`;
  const count = (value: string) => `sum(w.n) FILTER (WHERE w.${value} IS NOT NULL)`;
  return `(SELECT w.*,
      ${count('v')} OVER (${by} ORDER BY w.v ROWS UNBOUNDED PRECEDING) AS cum,
      ${count('v')} OVER (${by}) AS tot,
      ${count('v6')} OVER (${by} ORDER BY w.v6 ROWS UNBOUNDED PRECEDING) AS cum6,
      ${count('v6')} OVER (${by}) AS tot6
    FROM (SELECT ${[...keys, ''].join(', ')} w.v, w.v6, sum(w.n) AS n, sum(w.s) AS s, sum(w.h) AS h
          FROM ${source} GROUP BY ${[...keys, 'w.v', 'w.v6'].join(', ')}) w) w`;
}

/** How a table's money is computed: its aggregates, over the source rows as `from` shapes them. */
export interface MoneySql {
  sums: string;
  from: (source: string, dims: readonly string[]) => string;
}

/**
 * The age band of an event in `year` for a person born in `birthYear`, rendered by `as`. Age =
 * year of the event (UTC) − birth year; no birth year (or no consent: then there is no
 * inclusion row, so no birth year either) is `undisclosed`.
 */
export function ageBandCase(
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

/**
 * A month as the read model stores it: UTC year × 12 + month − 1 (so the year is `month / 12`).
 */
export const MONTH = (date: string): number =>
  Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;

/**
 * The slot of a cell (`c.month`, `c.band`: the month of the people's first event and their age
 * band at it, an index of {@link AGE_BANDS}): month index from the programme's first month `m0`
 * × number of age values + index of the age value. Without a monthly breakdown the month is 0;
 * without an age breakdown the age value is 0.
 */
function cellSlotSql(scale: AgeScale | undefined, byMonth: boolean, m0: number): string {
  const values = scale === undefined ? 1 : SCALE_VALUES[scale].length;
  const month = byMonth ? `(c.month - ${m0}) * ${values}` : '0';
  if (scale === undefined) return month;
  const valueOf = (band: AgeBand): number => SCALE_VALUES[scale].indexOf(ageValueOf(scale, band));
  return `${month} + CASE c.band ${AGE_BANDS.map((b, i) => `WHEN ${i} THEN ${valueOf(b)}`).join(' ')} END`;
}

/** The value of an age band on a scale: the band itself, or youth (15–29) or not. */
function ageValueOf(scale: AgeScale, band: AgeBand): string {
  if (scale === 'ageBand' || band === UNDISCLOSED) return band;
  return YOUTH_BANDS.includes(band) ? 'youth' : 'not-youth';
}

/** The age value on `scale` of `band`, an index of {@link AGE_BANDS} (see `report_band`). */
function bandValueSql(scale: AgeScale, band: string): string {
  return `CASE ${band} ${AGE_BANDS.map((b, i) => `WHEN ${i} THEN '${ageValueOf(scale, b)}'`).join(' ')} END`;
}

/**
 * The programme's base cells and engagements, read from the read model (docs/reporting.md,
 * "Read model"), kept current by triggers in the transactions that change the facts:
 * `report_cells` holds the people per indicator, month of their first event, age band at it and
 * dimensions, so `cells` gives each its slot and country part; `engagements` are the money cells
 * of the window (`report_money`: `n` completed engagements with income `v`, their income `s` and
 * hours `h`) and the counted second follow-up incomes (`report_people`, income `v6`, `n` = 1),
 * with the person's dimensions.
 */
function reportRows(q: IndicatorQuery, scale: AgeScale | undefined): RawBuilder<unknown> {
  const m0 = MONTH(q.frameFrom);
  const [from, to] = [MONTH(q.from), MONTH(q.to)];
  const part =
    q.parts === null
      ? sql`NULL::text`
      : sql`CASE WHEN c.country = ANY (${q.parts}::text[]) THEN c.country ELSE ${OTHER_PART} END`;
  const inPart = q.part === null ? sql`` : sql`AND e.country = ${q.part}`;
  const bandOf = (band: string) => (scale !== undefined ? bandValueSql(scale, band) : 'NULL::text');
  // only the person's columns the breakdown needs: the rest stay NULL, so the money cells of the
  // window collapse to one row per income value and combination of the requested dimensions
  const asked = new Set<ReportDimension>(q.groupBy);
  const keep = (column: string, type: string, needed: boolean) =>
    needed ? `e.${column}` : `NULL::${type}`;
  const person = [
    keep('consented', 'boolean', asked.has('sex') || asked.has('country') || asked.has('group')),
    keep('sex', 'text', asked.has('sex')),
    keep('country', 'text', asked.has('country')),
    keep('groups', 'text[]', asked.has('group')),
  ].join(', ');
  return sql`
  WITH cells AS (
    SELECT c.flag, ${sql.raw(cellSlotSql(scale, q.byMonth, m0))} AS slot, ${part} AS part,
           c.consented, c.sex, c.country, c.groups, c.people
    FROM report_cells c
    WHERE c.programme_id = ${q.programmeId} AND c.people > 0
  ),
  engagements (v, v6, n, s, h, consented, sex, country, groups, age_band) AS (
    SELECT e.income::float8, NULL::float8, sum(e.engagements), sum(e.income * e.engagements),
           sum(e.hours), ${sql.raw(person)}, ${sql.raw(bandOf('e.band'))}
    FROM report_money e
    WHERE e.programme_id = ${q.programmeId} AND e.engagements > 0
      AND e.month BETWEEN ${sql.lit(from)} AND ${sql.lit(to)} ${inPart}
    GROUP BY 1, 6, 7, 8, 9, 10
    UNION ALL
    -- the monthly income of the counted second follow-up answers with paid work
    SELECT NULL, e.income_6m::float8, 1, NULL, NULL, ${sql.raw(person)},
           ${sql.raw(bandOf('report_band(e.employed_6m / 12 - e.birth_year)'))}
    FROM report_people e
    WHERE e.programme_id = ${q.programmeId} AND e.income_6m IS NOT NULL
      AND e.employed_6m BETWEEN ${sql.lit(from)} AND ${sql.lit(to)} ${inPart}
  )`;
}

/** The dimensions kept in the base cells by SQL (the age dimensions come from the slot). */
const SQL_DIMENSIONS = ['sex', 'country', 'group'] as const;

/** A row of the report statement (counts are bigint, sums numeric: strings from pg). */
export interface IndicatorRow {
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

/** Aggregates for programme results reports, computed in PostgreSQL over the read model. */
@Injectable()
export class IndicatorsRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  async findProgramme(id: string): Promise<ProgrammeForReport | null> {
    const row = await typedQueries(this.transactions.manager)
      .selectFrom('programme_report_frames as f')
      .select([
        sql<string>`to_char(f.starts_on, 'YYYY-MM-DD')`.as('starts_on'),
        sql<string>`to_char(f.ends_on, 'YYYY-MM-DD')`.as('ends_on'),
        sql<string[]>`coalesce(f.countries, '{}')`.as('countries'),
        sql<string[]>`coalesce(f.partners, '{}')`.as('partners'),
      ])
      .where('f.id', '=', id)
      .executeTakeFirst();
    return row === undefined
      ? null
      : {
          id,
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
    const result = await this.rows(query);
    const dims = (r: IndicatorRow): ReportGroup =>
      Object.fromEntries(
        query.groupBy.flatMap((d) => {
          const value = r[`d_${d}`];
          return value == null ? [] : [[d, value]];
        }),
      );
    const base = (kind: IndicatorRow['kind']) =>
      result
        .filter((r) => r.kind === kind)
        .map((r) => ({
          slot: Number(r.slot),
          part: r.part,
          group: dims(r),
          counts: Object.fromEntries(FLAGS.map((f) => [f, Number(r[f])])) as RawBaseCell['counts'],
        }));
    const money = (r: IndicatorRow): RawMoney => ({
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

  /**
   * The rows of the report statement as PostgreSQL returns them (base cells, money, totals).
   * `from`..`to` must be a period of the programme (inside its period, as the service chooses).
   */
  rows(query: IndicatorQuery): Promise<IndicatorRow[]> {
    return this.withReportMemory(async (db) => (await this.indicatorSql(query).execute(db)).rows);
  }

  /** `EXPLAIN ANALYZE` of the {@link aggregate} query: its execution time and plan text. */
  async explain(query: IndicatorQuery): Promise<{ executionMs: number; plan: string }> {
    const lines = await this.withReportMemory(
      async (db) =>
        (
          await sql<{ 'QUERY PLAN': string }>`EXPLAIN ANALYZE ${this.indicatorSql(query)}`.execute(
            db,
          )
        ).rows,
    );
    const plan = lines.map((r) => r['QUERY PLAN']).join('\n');
    const executionMs = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]);
    return { executionMs, plan };
  }

  /**
   * Runs in a read-only transaction with more sort/hash memory than the 4 MB default: the
   * median sorts and the group fan-out of a large programme would otherwise spill to disk.
   */
  private withReportMemory<T>(work: (db: TypedQueries) => Promise<T>): Promise<T> {
    return this.transactions.run(async (manager) => {
      const db = typedQueries(manager);
      await sql`SET TRANSACTION READ ONLY`.execute(db);
      await sql`SET LOCAL work_mem = ${sql.lit(REPORT_WORK_MEM)}`.execute(db);
      return work(db);
    });
  }

  /** The statement of {@link aggregate}. */
  private indicatorSql(query: IndicatorQuery): RawBuilder<IndicatorRow> {
    const scale = ageScaleOf(query.groupBy);
    return sql<IndicatorRow>`${reportRows(query, scale)} ${sql.raw(
      tableSql(
        query,
        scale,
        {
          from: 'cells',
          counts: CELL_COUNTS,
          groupJoin: DISTINCT_GROUP_JOIN,
        },
        { sums: WEIGHTED_SUMS, from: rankedByIncome },
      ),
    )}`;
  }
}

/**
 * The UNION ALL of the base cells, the cells without the group fan-out, the money per row and
 * the money totals, over the CTE `people.from` (rows with `slot`, `part` and the dimensions;
 * `people.counts` counts them per indicator) and `engagements` (completed engagements and counted
 * second follow-up incomes, with the dimensions), whose money `money` computes.
 */
export function tableSql(
  query: Pick<IndicatorQuery, 'groupBy'>,
  scale: AgeScale | undefined,
  people: { from: string; counts: string; groupJoin: string },
  money: MoneySql,
): string {
  const sqlDims = SQL_DIMENSIONS.filter((d) => query.groupBy.includes(d));
  const moneyDims = query.groupBy;
  const columns = (
    kind: IndicatorRow['kind'],
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
      FROM ${from} w ${dims.includes('group') ? people.groupJoin : ''}) w`;
  const grouped = (keys: string[]) => (keys.length === 0 ? '' : `GROUP BY ${keys.join(', ')}`);
  const cells = (kind: 'cells' | 'people', dims: readonly ReportDimension[]) => `
    SELECT ${columns(kind, dims, people.counts, noMoney, true)}
    FROM ${source(people.from, dims)}
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
    SELECT ${columns('money', moneyDims, noCounts, money.sums, false)}
    FROM ${money.from(source('engagements', moneyDims), moneyDims)}
    ${grouped(moneyDims.map((d) => `"d_${d}"`))}`);
  }
  branches.push(`
    SELECT ${columns('money_total', [], noCounts, money.sums, false)}
    FROM ${money.from('engagements w', [])}`);
  return branches.map((b) => `(${b})`).join(' UNION ALL ');
}
