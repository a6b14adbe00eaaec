/**
 * The report statement as it was before the read model: every indicator computed from the
 * owners' tables (enrolments, certificates, matches, surveys, profiles, inclusion) at each
 * request. Kept as the reference the read model must equal, row for row: the report benchmark
 * (`npm run bench:reports`) and `test/e2e/reports-read-model.e2e-spec.ts` run both on the same
 * data and compare their rows (docs/reporting.md, "Read model").
 */
import { DataSource } from 'typeorm';
import {
  ageBandCase,
  PEOPLE_COUNTS,
  FLAGS,
  GROUP_JOIN,
  OTHER_PART,
  SCALE_VALUES,
  ageScaleOf,
  tableSql,
  type AgeScale,
  type IndicatorQuery,
  type IndicatorRow,
} from '../../libs/reporting/src/indicators.repository.js';

/**
 * Money and hours per completed engagement (each engagement once per row of the table), as the
 * statement computed them before the read model: sums and `percentile_cont` medians over the
 * engagements one by one.
 */
const ENGAGEMENT_SUMS = {
  sums: `
  coalesce(sum(income), 0) AS income_sum,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY income) FILTER (WHERE income IS NOT NULL)
    AS income_median,
  coalesce(sum(hours), 0) AS hours_worked,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY income_6m) FILTER (WHERE income_6m IS NOT NULL)
    AS income_median_6m`,
  from: (source: string) => source,
};

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
  counted AS (${countedSql(q, scale, slotted)}),
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

/**
 * One row per person (`w`, from `slotted`) and slot they count in: without slots (no monthly or
 * age breakdown) no expansion; by month, the distinct slots of the person; by age only, a join
 * with the handful of age values (much cheaper than an unnest per person).
 */
function countedSql(
  q: Pick<IndicatorQuery, 'byMonth'>,
  scale: AgeScale | undefined,
  slotted: boolean,
): string {
  if (slotted) {
    return `SELECT w.*, 0 AS slot FROM slotted w
           WHERE ${FLAGS.map((f) => `w.${f} IS NOT NULL`).join(' OR ')}`;
  }
  if (q.byMonth) {
    return `SELECT w.*, s.slot FROM slotted w
             CROSS JOIN LATERAL (SELECT DISTINCT x AS slot
               FROM unnest(ARRAY[${FLAGS.map((f) => `w.${f}`).join(', ')}]) AS u (x)
               WHERE x IS NOT NULL) s`;
  }
  return `SELECT w.*, s.slot FROM slotted w
             JOIN (VALUES ${SCALE_VALUES[scale as AgeScale].map((_, i) => `(${i})`).join(', ')}) AS s (slot)
               ON s.slot IN (${FLAGS.map((f) => `w.${f}`).join(', ')})`;
}

/** The reference statement's rows for `query`, as the report statement runs (work_mem, read only). */
export async function referenceRows(
  db: DataSource,
  query: IndicatorQuery,
): Promise<IndicatorRow[]> {
  const scale = ageScaleOf(query.groupBy);
  const sql = `${reportRows(query, scale)} ${tableSql(query, scale, { from: 'counted', counts: PEOPLE_COUNTS, groupJoin: GROUP_JOIN }, ENGAGEMENT_SUMS)}`;
  const params = [
    query.programmeId,
    query.frameFrom,
    query.frameTo,
    query.from,
    query.to,
    query.parts,
    query.part,
  ];
  return db.transaction(async (manager) => {
    await manager.query(`SET TRANSACTION READ ONLY`);
    await manager.query(`SET LOCAL work_mem = '64MB'`);
    return manager.query(sql, params);
  });
}

/**
 * Rows in a canonical order with numbers as numbers (pg returns bigint and numeric as strings),
 * so two statements' answers compare with `toEqual`.
 */
export function canonicalRows(rows: IndicatorRow[]): Record<string, unknown>[] {
  return rows
    .map((r) =>
      Object.fromEntries(
        Object.entries(r)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [
            k,
            v === null || k === 'kind' || k === 'part' || k.startsWith('d_') ? v : Number(v),
          ]),
      ),
    )
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
