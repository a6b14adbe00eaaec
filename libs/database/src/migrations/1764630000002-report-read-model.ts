import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model of programme results reports (docs/reporting.md, "Read model"): one row per
 * person and programme with the month of their first event per indicator in the programme
 * period, their dimensions, and one row per completed partner engagement. PostgreSQL triggers on
 * the owners' tables keep both exactly current, in the transaction of each write; the facts are
 * computed through the owners' shared views (1764630000001).
 */

/**
 * The per-person indicators, each the month of the person's first such event. The position in
 * this list is `report_cells.flag`, the same as reporting's `FLAGS`.
 */
const MONTHS = [
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

/**
 * The people of `report_people` rows (alias r) per cell (indicator, month, age band at the
 * event, country, consent, sex, groups), multiplied by `sign`: added to or taken from
 * `report_cells`.
 */
const CELL_DELTA = (sign: '+' | '-', where: string) => `
    INSERT INTO report_cells AS x (programme_id, flag, month, band, country, consented, sex, groups,
                                   people)
    SELECT r.programme_id, f.flag, f.month, report_band(f.month / 12 - r.birth_year), r.country,
           r.consented, r.sex, r.groups, ${sign}count(*)
    FROM report_people r
    CROSS JOIN LATERAL (VALUES ${MONTHS.map((m, i) => `(${i}, r.${m})`).join(', ')}) AS f (flag, month)
    WHERE ${where} AND f.month IS NOT NULL
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8
    ON CONFLICT (programme_id, flag, month, band, country, consented, sex, groups)
    DO UPDATE SET people = x.people + EXCLUDED.people`;

/** A person's groups, each once (a report fans a person out over them), in order. */
const DISTINCT_GROUPS = 'ARRAY(SELECT DISTINCT g FROM unnest(p.groups) AS g ORDER BY g)';

const ENGAGEMENT_COLUMNS = [
  'match_id',
  'programme_id',
  'profile_id',
  'completed',
  'income',
  'hours',
  'country',
  'consented',
  'sex',
  'birth_year',
  'groups',
];

const PEOPLE_COLUMNS = [
  'programme_id',
  'profile_id',
  'country',
  'consented',
  'sex',
  'birth_year',
  'groups',
  ...MONTHS,
  'income_6m',
];

/**
 * Recomputes the rows of `p_profiles` in programme `p_programme` (every person of the programme
 * when NULL) from the owners' views, exactly as docs/reporting.md defines the indicators.
 *
 * Concurrency (READ COMMITTED): a refresh of some people takes a shared advisory lock on the
 * programme and locks those people's rows (inserting a placeholder first, so a person new to the
 * programme has a row to lock) before it reads the facts; a second transaction changing the
 * same person waits, and its own refresh then reads the committed facts of the first. A refresh
 * of the whole programme (its period or partners changed) takes the lock exclusively.
 */
const REFRESH = `
CREATE FUNCTION report_refresh(p_programme uuid, p_profiles uuid[]) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  v_people uuid[] := p_profiles;
  v_plans text;
BEGIN
  IF p_profiles IS NULL THEN
    PERFORM pg_advisory_xact_lock(hashtext('talentbridge.report_people'), hashtext(p_programme::text));
    SELECT coalesce(array_agg(DISTINCT x.profile_id), '{}') INTO v_people FROM (
      SELECT e.profile_id FROM programme_enrolment_facts e WHERE e.programme_id = p_programme
      UNION ALL
      SELECT m.profile_id FROM programme_partner_matches m WHERE m.programme_id = p_programme
      UNION ALL
      SELECT r.profile_id FROM report_people r WHERE r.programme_id = p_programme) x;
  ELSE
    PERFORM pg_advisory_xact_lock_shared(hashtext('talentbridge.report_people'),
                                         hashtext(p_programme::text));
    INSERT INTO report_people (programme_id, profile_id)
      SELECT p_programme, p.profile_id FROM profile_report_facts p
      WHERE p.profile_id = ANY (v_people)
        AND EXISTS (SELECT 1 FROM programme_report_frames f WHERE f.id = p_programme)
      ORDER BY p.profile_id
      ON CONFLICT DO NOTHING;
    PERFORM 1 FROM report_people r
      WHERE r.programme_id = p_programme AND r.profile_id = ANY (v_people)
      ORDER BY r.profile_id FOR UPDATE;
  END IF;

  -- a refresh of a few people keeps its cached plans (index lookups); one of many people is
  -- planned for its size
  IF cardinality(v_people) > 1000 THEN
    v_plans := current_setting('plan_cache_mode');
    PERFORM set_config('plan_cache_mode', 'force_custom_plan', true);
  END IF;

  -- the cells lose these people as they were, and gain them as they are below
  ${CELL_DELTA('-', 'r.programme_id = p_programme AND r.profile_id = ANY (v_people)')};

  WITH frame AS (
    SELECT f.starts_on::timestamp AT TIME ZONE 'UTC' AS lo,
           (f.ends_on + 1)::timestamp AT TIME ZONE 'UTC' AS hi
    FROM programme_report_frames f WHERE f.id = p_programme
  ),
  enrolled AS (
    SELECT e.profile_id,
           min(e.finished_at) FILTER (WHERE e.status = 'completed'
             AND e.finished_at >= f.lo AND e.finished_at < f.hi) AS trained,
           min(e.certified_at) FILTER (WHERE e.certified_at >= f.lo AND e.certified_at < f.hi)
             AS certified
    FROM programme_enrolment_facts e CROSS JOIN frame f
    WHERE e.programme_id = p_programme AND e.profile_id = ANY (v_people)
    GROUP BY e.profile_id
  ),
  matched AS (
    SELECT m.profile_id,
           min(coalesce(m.applied_at, m.shortlisted_at)) FILTER (
             WHERE coalesce(m.applied_at, m.shortlisted_at) >= f.lo
               AND coalesce(m.applied_at, m.shortlisted_at) < f.hi) AS matched,
           min(m.hired_at) FILTER (WHERE m.hired_at >= f.lo AND m.hired_at < f.hi) AS hired,
           min(m.hired_at) FILTER (WHERE m.engagement_type = 'freelance'
             AND m.hired_at >= f.lo AND m.hired_at < f.hi) AS hired_self_employed,
           min(m.hired_at) FILTER (WHERE m.engagement_type <> 'freelance'
             AND m.hired_at >= f.lo AND m.hired_at < f.hi) AS hired_employed,
           min(m.completed_at) FILTER (WHERE m.state = 'completed'
             AND m.completed_at >= f.lo AND m.completed_at < f.hi) AS completed
    FROM programme_partner_matches m CROSS JOIN frame f
    WHERE m.programme_id = p_programme AND m.profile_id = ANY (v_people)
    GROUP BY m.profile_id
  ),
  surveys_of AS (
    SELECT s.profile_id, s.follow_up, s.trigger_kind, s.due_at, s.sent_at, s.answered_at,
           s.working, s.income
    FROM survey_report_facts s
    JOIN programme_enrolment_facts e ON e.enrolment_id = s.enrolment_id
    WHERE e.programme_id = p_programme AND s.profile_id = ANY (v_people)
    UNION ALL
    SELECT s.profile_id, s.follow_up, s.trigger_kind, s.due_at, s.sent_at, s.answered_at,
           s.working, s.income
    FROM survey_report_facts s
    JOIN programme_partner_matches m ON m.match_id = s.match_id
    WHERE m.programme_id = p_programme AND s.profile_id = ANY (v_people)
  ),
  counted_answers AS (
    -- one answer per person and follow-up: after a training before after a hire, then the latest
    SELECT DISTINCT ON (a.profile_id, a.follow_up)
           a.profile_id, a.follow_up, a.answered_at, a.working, a.income
    FROM surveys_of a CROSS JOIN frame f
    WHERE a.answered_at IS NOT NULL AND a.answered_at >= f.lo AND a.answered_at < f.hi
      AND a.follow_up <= 3
    ORDER BY a.profile_id, a.follow_up, (a.trigger_kind = 'training') DESC, a.answered_at DESC
  ),
  surveyed AS (
    SELECT a.profile_id,
           min(a.answered_at) FILTER (WHERE a.answered_at IS NOT NULL
             AND a.answered_at >= f.lo AND a.answered_at < f.hi) AS surveyed,
           min(a.due_at) FILTER (WHERE a.follow_up = 2 AND a.sent_at IS NOT NULL
             AND a.due_at >= f.lo AND a.due_at < f.hi) AS due_6m,
           bool_or(a.follow_up = 2 AND a.sent_at IS NOT NULL AND a.due_at >= f.lo
                   AND a.due_at < f.hi AND a.answered_at IS NOT NULL AND a.answered_at < f.hi)
             AS answered_6m
    FROM surveys_of a CROSS JOIN frame f
    GROUP BY a.profile_id
  ),
  employment AS (
    SELECT profile_id,
           max(answered_at) FILTER (WHERE follow_up = 1 AND working) AS employed_3m,
           max(answered_at) FILTER (WHERE follow_up = 2 AND working) AS employed_6m,
           max(answered_at) FILTER (WHERE follow_up = 3 AND working) AS employed_12m,
           max(income) FILTER (WHERE follow_up = 2 AND working) AS income_6m
    FROM counted_answers
    GROUP BY profile_id
  ),
  members AS (
    SELECT profile_id, trained, certified, matched, hired, hired_self_employed, hired_employed,
           completed
    FROM enrolled FULL JOIN matched USING (profile_id)
  ),
  computed AS (
    SELECT p_programme AS programme_id, p.profile_id, p.country, p.consented, p.sex,
           p.birth_year, ${DISTINCT_GROUPS} AS groups,
           report_month(CASE WHEN p.created_at >= f.lo AND p.created_at < f.hi
                             THEN p.created_at END) AS registered,
           report_month(w.trained) AS trained,
           report_month(w.certified) AS certified,
           report_month(CASE WHEN w.trained IS NOT NULL AND EXISTS (
             SELECT 1 FROM profile_hires h
             WHERE h.profile_id = p.profile_id AND h.hired_at > w.trained AND h.hired_at < f.hi)
             THEN w.trained END) AS paid_work,
           report_month(w.matched) AS matched,
           report_month(w.hired) AS hired,
           report_month(w.hired_self_employed) AS hired_self_employed,
           report_month(w.hired_employed) AS hired_employed,
           report_month(w.completed) AS completed,
           report_month(sv.surveyed) AS surveyed,
           report_month(em.employed_3m) AS employed_3m,
           report_month(em.employed_6m) AS employed_6m,
           report_month(em.employed_12m) AS employed_12m,
           report_month(sv.due_6m) AS due_6m,
           report_month(CASE WHEN sv.answered_6m THEN sv.due_6m END) AS answered_6m,
           em.income_6m
    FROM members w
    JOIN profile_report_facts p ON p.profile_id = w.profile_id
    LEFT JOIN surveyed sv ON sv.profile_id = p.profile_id
    LEFT JOIN employment em ON em.profile_id = p.profile_id
    CROSS JOIN frame f
  ),
  written AS (
    INSERT INTO report_people (${PEOPLE_COLUMNS.join(', ')})
    SELECT ${PEOPLE_COLUMNS.join(', ')} FROM computed
    ON CONFLICT (programme_id, profile_id) DO UPDATE SET
      ${PEOPLE_COLUMNS.slice(2)
        .map((c) => `${c} = EXCLUDED.${c}`)
        .join(', ')}
    RETURNING profile_id
  )
  DELETE FROM report_people r
  WHERE r.programme_id = p_programme AND r.profile_id = ANY (v_people)
    AND NOT EXISTS (SELECT 1 FROM written w WHERE w.profile_id = r.profile_id);

  ${CELL_DELTA('+', 'r.programme_id = p_programme AND r.profile_id = ANY (v_people)')};

  WITH frame AS (
    SELECT f.starts_on::timestamp AT TIME ZONE 'UTC' AS lo,
           (f.ends_on + 1)::timestamp AT TIME ZONE 'UTC' AS hi
    FROM programme_report_frames f WHERE f.id = p_programme
  ),
  computed AS (
    SELECT m.match_id, p_programme AS programme_id, m.profile_id,
           report_month(m.completed_at) AS completed, m.income_eur AS income,
           m.hours_worked AS hours, p.country, p.consented, p.sex, p.birth_year,
           ${DISTINCT_GROUPS} AS groups
    FROM programme_partner_matches m
    JOIN profile_report_facts p ON p.profile_id = m.profile_id
    CROSS JOIN frame f
    WHERE m.programme_id = p_programme AND m.profile_id = ANY (v_people)
      AND m.state = 'completed' AND m.completed_at >= f.lo AND m.completed_at < f.hi
  ),
  gone AS (
    DELETE FROM report_engagements g
    WHERE g.programme_id = p_programme AND g.profile_id = ANY (v_people)
      AND NOT EXISTS (SELECT 1 FROM computed c WHERE c.match_id = g.match_id)
  )
  INSERT INTO report_engagements (${ENGAGEMENT_COLUMNS.join(', ')})
  SELECT ${ENGAGEMENT_COLUMNS.join(', ')} FROM computed c
  ON CONFLICT (match_id) DO UPDATE SET
    ${ENGAGEMENT_COLUMNS.slice(1)
      .map((c) => `${c} = EXCLUDED.${c}`)
      .join(', ')};

  IF v_plans IS NOT NULL THEN
    PERFORM set_config('plan_cache_mode', v_plans, true);
  END IF;
END
$fn$`;

/** Refreshes each programme's people among the pairs (programme, person); NULL programmes skipped. */
const REFRESH_KEYS = `
CREATE FUNCTION report_refresh_keys(p_programmes uuid[], p_profiles uuid[]) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  k record;
BEGIN
  FOR k IN
    SELECT x.programme_id, array_agg(DISTINCT x.profile_id ORDER BY x.profile_id) AS profiles
    FROM unnest(p_programmes, p_profiles) AS x (programme_id, profile_id)
    WHERE x.programme_id IS NOT NULL AND x.profile_id IS NOT NULL
    GROUP BY x.programme_id ORDER BY x.programme_id
  LOOP
    PERFORM report_refresh(k.programme_id, k.profiles);
  END LOOP;
END
$fn$`;

/** Refreshes every person of each programme (its period, partners or partner rule changed). */
const REFRESH_PROGRAMMES = `
CREATE FUNCTION report_refresh_programmes(p_programmes uuid[]) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  p uuid;
BEGIN
  FOR p IN SELECT DISTINCT x FROM unnest(p_programmes) AS x WHERE x IS NOT NULL ORDER BY x LOOP
    PERFORM report_refresh(p, NULL);
  END LOOP;
END
$fn$`;

interface Watched {
  table: string;
  /**
   * The row key joining a changed row's old and new version (UPDATE); null: every updated row
   * counts as changed.
   */
  key: string | null;
  /** Columns whose change can change a report fact (UPDATE of others refreshes nothing). */
  columns: string[];
  /**
   * SELECT of (programme_id, profile_id) pairs to refresh from the changed rows `r`, or of
   * programme_id alone for a whole-programme refresh.
   */
  affected: string;
  programmes?: true;
}

/** People a change of a profile fact concerns: their rows in every programme. */
const PERSON_EVERYWHERE = `SELECT x.programme_id, x.profile_id FROM report_people x
  WHERE x.profile_id IN (SELECT r.profile_id FROM r)`;

const WATCHED: Watched[] = [
  {
    table: 'enrolments',
    key: 'id',
    columns: ['cohort_id', 'profile_id', 'status', 'finished_at'],
    affected: `SELECT co.programme_id, r.profile_id FROM r
      JOIN cohorts ch ON ch.id = r.cohort_id JOIN courses co ON co.id = ch.course_id`,
  },
  {
    table: 'certificates',
    key: 'id',
    columns: ['enrolment_id', 'issued_at', 'revoked_at'],
    affected: `SELECT co.programme_id, e.profile_id FROM r
      JOIN enrolments e ON e.id = r.enrolment_id JOIN cohorts ch ON ch.id = e.cohort_id
      JOIN courses co ON co.id = ch.course_id`,
  },
  {
    table: 'cohorts',
    key: 'id',
    columns: ['course_id'],
    affected: `SELECT co.programme_id, e.profile_id FROM r
      JOIN courses co ON co.id = r.course_id JOIN enrolments e ON e.cohort_id = r.id`,
  },
  {
    table: 'courses',
    key: 'id',
    columns: ['programme_id'],
    affected: `SELECT r.programme_id, e.profile_id FROM r
      JOIN cohorts ch ON ch.course_id = r.id JOIN enrolments e ON e.cohort_id = ch.id`,
  },
  {
    // a hire anywhere is "paid work after training" in every programme the person trained in
    table: 'matches',
    key: 'id',
    columns: [
      'opportunity_id',
      'profile_id',
      'state',
      'applied_at',
      'shortlisted_at',
      'hired_at',
      'completed_at',
      'income_eur',
      'hours_worked',
      'organisation_id',
      'created_by',
    ],
    affected: `SELECT o.programme_id, r.profile_id FROM r JOIN opportunities o ON o.id = r.opportunity_id
      UNION ALL ${PERSON_EVERYWHERE}`,
  },
  {
    table: 'opportunities',
    key: 'id',
    columns: ['programme_id', 'organisation_id', 'programme_attached_by', 'engagement_type'],
    affected: `SELECT r.programme_id, m.profile_id FROM r JOIN matches m ON m.opportunity_id = r.id`,
  },
  {
    table: 'surveys',
    key: 'id',
    columns: [
      'profile_id',
      'enrolment_id',
      'match_id',
      'follow_up',
      'trigger_kind',
      'due_at',
      'sent_at',
      'answered_at',
      'work_status',
      'monthly_income_eur',
    ],
    affected: `SELECT co.programme_id, r.profile_id FROM r
      JOIN enrolments e ON e.id = r.enrolment_id JOIN cohorts ch ON ch.id = e.cohort_id
      JOIN courses co ON co.id = ch.course_id
      UNION ALL
      SELECT o.programme_id, r.profile_id FROM r
      JOIN matches m ON m.id = r.match_id JOIN opportunities o ON o.id = m.opportunity_id`,
  },
  {
    table: 'profiles',
    key: 'id',
    columns: ['created_at', 'country'],
    affected: `SELECT x.programme_id, x.profile_id FROM report_people x
      WHERE x.profile_id IN (SELECT r.id FROM r)`,
  },
  {
    table: 'profile_inclusion',
    key: 'profile_id',
    columns: ['sex', 'birth_year', 'groups'],
    affected: PERSON_EVERYWHERE,
  },
  {
    table: 'programmes',
    key: 'id',
    columns: ['starts_on', 'ends_on'],
    affected: `SELECT r.id FROM r`,
    programmes: true,
  },
  {
    table: 'programme_partners',
    key: null,
    columns: ['programme_id', 'organisation_id'],
    affected: `SELECT r.programme_id FROM r`,
    programmes: true,
  },
  {
    // the partner rule reads who is an admin and which organisation a broker belongs to
    table: 'users',
    key: 'id',
    columns: ['role', 'organisation_id'],
    affected: `SELECT o.programme_id FROM r JOIN opportunities o ON o.programme_attached_by = r.id
      UNION ALL
      SELECT o.programme_id FROM r JOIN matches m ON m.created_by = r.id
      JOIN opportunities o ON o.id = m.opportunity_id`,
    programmes: true,
  },
];

/** The trigger function of one watched table: the affected pairs of its changed rows, refreshed. */
function triggerFunction(w: Watched): string {
  const name = `report_after_${w.table}`;
  // a row of `mine` (new_rows or old_rows) whose watched columns differ in `other`
  const changed = (mine: string, other: string) =>
    w.key === null
      ? `SELECT * FROM ${mine}_rows`
      : `SELECT a.* FROM ${mine}_rows a JOIN ${other}_rows b USING (${w.key})
         WHERE (${w.columns.map((c) => `a.${c}`).join(', ')}) IS DISTINCT FROM
               (${w.columns.map((c) => `b.${c}`).join(', ')})`;
  const collect = (rows: string) =>
    w.programmes
      ? `v_programmes := v_programmes || ARRAY(WITH r AS (${rows}) ${w.affected});`
      : `SELECT v_programmes || coalesce(array_agg(k.programme_id), '{}'),
                v_profiles || coalesce(array_agg(k.profile_id), '{}')
           INTO v_programmes, v_profiles
           FROM (WITH r AS (${rows}) ${w.affected}) AS k (programme_id, profile_id);`;
  return `
CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  v_programmes uuid[] := '{}';
  v_profiles uuid[] := '{}';
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${collect('SELECT * FROM new_rows')}
  ELSIF TG_OP = 'DELETE' THEN
    ${collect('SELECT * FROM old_rows')}
  ELSE
    ${collect(changed('new', 'old'))}
    ${collect(changed('old', 'new'))}
  END IF;
  ${w.programmes ? 'PERFORM report_refresh_programmes(v_programmes);' : 'PERFORM report_refresh_keys(v_programmes, v_profiles);'}
  RETURN NULL;
END
$fn$`;
}

function triggers(w: Watched): string[] {
  const fn = `report_after_${w.table}`;
  return [
    `CREATE TRIGGER ${fn}_insert AFTER INSERT ON ${w.table}
       REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${fn}_update AFTER UPDATE ON ${w.table}
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
    `CREATE TRIGGER ${fn}_delete AFTER DELETE ON ${w.table}
       REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
  ];
}

export class ReportReadModel1764630000002 implements MigrationInterface {
  name = 'ReportReadModel1764630000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION report_month(at timestamptz) RETURNS int
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT date_part('year', at AT TIME ZONE 'UTC')::int * 12
               + date_part('month', at AT TIME ZONE 'UTC')::int - 1
      $fn$`);
    await q.query(`
      CREATE TABLE report_people (
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        profile_id uuid NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
        -- the profile country (country parts) and, for people who consented, the dimensions
        country text,
        consented boolean NOT NULL DEFAULT false,
        sex text,
        birth_year integer,
        -- each group once
        groups text[] NOT NULL DEFAULT '{}',
        -- month (UTC year * 12 + month - 1) of the first event per indicator in the programme
        -- period; NULL: not counted
        ${MONTHS.map((m) => `${m} integer`).join(',\n        ')},
        -- the monthly income of the counted second follow-up answer with paid work
        income_6m numeric,
        PRIMARY KEY (programme_id, profile_id)
      )`);
    await q.query(`CREATE INDEX report_people_profile_idx ON report_people (profile_id)`);
    await q.query(`
      CREATE TABLE report_engagements (
        match_id uuid PRIMARY KEY,
        programme_id uuid NOT NULL,
        profile_id uuid NOT NULL,
        -- month of the completion (in the programme period)
        completed integer NOT NULL,
        income numeric,
        hours numeric,
        -- the person's, as in report_people
        country text,
        consented boolean NOT NULL,
        sex text,
        birth_year integer,
        groups text[] NOT NULL,
        FOREIGN KEY (programme_id, profile_id) REFERENCES report_people ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX report_engagements_programme_idx ON report_engagements (programme_id, profile_id)`,
    );
    await q.query(
      `CREATE INDEX report_people_income_6m_idx ON report_people (programme_id)
         WHERE income_6m IS NOT NULL`,
    );
    // the age band at an event: its index in reporting's AGE_BANDS
    // ('15-24', '25-29', '30+', 'under-15', 'undisclosed')
    await q.query(`
      CREATE FUNCTION report_band(age integer) RETURNS smallint
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
        SELECT (CASE WHEN age IS NULL THEN 4 WHEN age < 15 THEN 3 WHEN age <= 24 THEN 0
                     WHEN age <= 29 THEN 1 ELSE 2 END)::smallint
      $fn$`);
    // people per indicator, month, age band and dimensions: what a report adds up
    await q.query(`
      CREATE TABLE report_cells (
        programme_id uuid NOT NULL REFERENCES programmes (id) ON DELETE CASCADE,
        -- the indicator: its position in reporting's FLAGS
        flag smallint NOT NULL,
        month integer NOT NULL,
        band smallint NOT NULL,
        country text,
        consented boolean NOT NULL,
        sex text,
        groups text[] NOT NULL,
        people integer NOT NULL,
        CONSTRAINT report_cells_key UNIQUE NULLS NOT DISTINCT
          (programme_id, flag, month, band, country, consented, sex, groups)
      )`);
    await q.query(REFRESH);
    await q.query(REFRESH_KEYS);
    await q.query(REFRESH_PROGRAMMES);
    for (const w of WATCHED) {
      await q.query(triggerFunction(w));
      for (const t of triggers(w)) await q.query(t);
    }
    // backfill: every programme's people and engagements
    await q.query(
      `SELECT report_refresh_programmes(coalesce(array_agg(id), '{}')) FROM programmes`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const w of WATCHED) {
      for (const op of ['insert', 'update', 'delete']) {
        await q.query(`DROP TRIGGER report_after_${w.table}_${op} ON ${w.table}`);
      }
      await q.query(`DROP FUNCTION report_after_${w.table}()`);
    }
    await q.query(`DROP FUNCTION report_refresh_programmes(uuid[])`);
    await q.query(`DROP FUNCTION report_refresh_keys(uuid[], uuid[])`);
    await q.query(`DROP FUNCTION report_refresh(uuid, uuid[])`);
    await q.query(`DROP TABLE report_cells`);
    await q.query(`DROP FUNCTION report_band(integer)`);
    await q.query(`DROP TABLE report_engagements`);
    await q.query(`DROP TABLE report_people`);
    await q.query(`DROP FUNCTION report_month(timestamptz)`);
  }
}
