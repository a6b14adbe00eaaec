/**
 * `npm run bench:reports`: programme results over 100k profiles and ~1M match events. Bulk-seeds
 * with SQL (generate_series; rows shaped as the write paths shape them; the read model's triggers
 * fill it as they do for the write paths), then times the report endpoint for several
 * breakdowns, p50/p99 over repeated calls, next to the EXPLAIN ANALYZE execution time of the
 * report statement and the wall time of the reference statement (the report computed from the
 * owners' tables, as before the read model), and compares the rows of both. Figures are recorded
 * in docs/reporting.md.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import {
  IndicatorsRepository,
  type IndicatorQuery,
} from '../../libs/reporting/src/indicators.repository.js';
import { canonicalRows, referenceRows } from '../support/reference-indicators.js';
import { loginAdmin, makeBroker, makeTrainer, type SignedIn } from '../support/factories.js';
import { bearer } from '../support/opportunity-factories.js';
import { skillIds } from '../support/profile-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createCohort, createCourse, createProgramme } from '../support/training-factories.js';

const PROFILES = Number(process.env.BENCH_REPORT_PROFILES ?? 100_000);
const MATCHES = Number(process.env.BENCH_REPORT_MATCHES ?? 250_000);
const CALLS = Number(process.env.BENCH_REPORT_CALLS ?? 20);
const BREAKDOWNS = ['', 'sex', 'sex,ageBand', 'ageBand,group', 'sex,ageBand,country,group'];

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

describe('reports benchmark', () => {
  let t: TestApp;
  let broker: SignedIn;
  let programmeId: string;
  const say = (line: string) => process.stdout.write(`${line}\n`);

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await loginAdmin(t);
    broker = await makeBroker(t, admin);
    const trainer = await makeTrainer(t, admin);
    programmeId = (
      await createProgramme(t, admin, {
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        partners: [broker.organisationId],
      })
    ).id;
    const skills = await skillIds(t, ['SQL']);
    const course = await createCourse(t, trainer, [{ skillId: skills.SQL, level: 2 }], {
      programmeId,
    });
    const cohort = await createCohort(t, trainer, course.id, { capacity: 1000 });
    const db = t.app.get(DataSource);
    const started = performance.now();
    await db.query(
      `INSERT INTO users (email, role, display_name)
       SELECT 'bench' || i || '@example.org', 'trainee', 'Bench ' || i FROM generate_series(1, $1) i`,
      [PROFILES],
    );
    await db.query(
      `INSERT INTO profiles (user_id, country, created_at)
       SELECT u.id, (ARRAY['AL','BA','XK','ME','MK','RS'])[1 + n % 6],
              timestamptz '2025-06-01' + (n % 500) * interval '1 day'
       FROM (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE role = 'trainee') u`,
    );
    await db.query(
      `INSERT INTO profile_inclusion (profile_id, sex, birth_year, groups)
       SELECT id, (ARRAY['female','male','other'])[1 + n % 3], 1980 + n % 30,
              CASE n % 7 WHEN 0 THEN ARRAY['roma'] WHEN 1 THEN ARRAY['rural','disability']
                         WHEN 2 THEN ARRAY['returnee'] ELSE '{}' END
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM profiles) p
       WHERE n % 10 < 7`,
    );
    // 40% of the people are enrolled in the programme; two thirds of them completed, certified
    await db.query(
      `INSERT INTO enrolments (cohort_id, profile_id, status, finished_at)
       SELECT $1, id, CASE WHEN n % 3 = 0 THEN 'enrolled' ELSE 'completed' END,
              CASE WHEN n % 3 = 0 THEN NULL
                   ELSE timestamptz '2026-01-15' + (n % 300) * interval '1 day' END
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM profiles) p
       WHERE n % 5 < 2`,
      [cohort.id],
    );
    await db.query(
      `INSERT INTO certificates (enrolment_id, profile_id, code, issued_at)
       SELECT id, profile_id, translate(upper(md5(id::text)), '0189', 'ABCD'), finished_at
       FROM enrolments WHERE status = 'completed'`,
    );
    // 200 opportunities, half of them the programme's, freelance and employment alternating
    await db.query(
      `INSERT INTO opportunities (kind, organisation_id, status, title, description,
         engagement_type, work_mode, programme_id)
       SELECT 'work_request', $1, 'open', 'Bench request ' || i, 'Benchmark work request',
              CASE WHEN i % 2 = 0 THEN 'freelance' ELSE 'full_time' END, 'remote',
              CASE WHEN i % 2 = 0 OR i % 4 = 1 THEN $2::uuid END
       FROM generate_series(1, 200) i`,
      [broker.organisationId, programmeId],
    );
    // matches over the whole population; ~3.8 events each (shortlisted … completed)
    await db.query(
      `WITH p AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM profiles),
            o AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM opportunities),
            m AS (SELECT i, i % 10 AS k,
                         timestamptz '2026-01-10' + (i % 330) * interval '1 day' AS s
                  FROM generate_series(0, $1 - 1) i)
       INSERT INTO matches (profile_id, opportunity_id, state, agreed_rate_eur, hours_worked,
         income_eur, shortlisted_at, invited_at, answered_at, hired_at, completed_at, created_at)
       SELECT p.id, o.id,
              CASE WHEN k < 2 THEN 'shortlisted' WHEN k = 2 THEN 'declined'
                   WHEN k < 5 THEN 'hired' ELSE 'completed' END,
              CASE WHEN k >= 3 THEN 15 END,
              CASE WHEN k >= 5 THEN 20 + i % 200 END,
              CASE WHEN k >= 5 THEN (20 + i % 200) * 15 END,
              s,
              CASE WHEN k >= 2 THEN s + interval '1 day' END,
              CASE WHEN k >= 2 THEN s + interval '2 days' END,
              CASE WHEN k >= 3 THEN s + interval '2 days' END,
              CASE WHEN k >= 5 THEN s + interval '30 days' END,
              s
       FROM m
       JOIN p ON p.n = m.i % $2
       JOIN o ON o.n = (m.i + m.i / $2) % 200`,
      [MATCHES, PROFILES],
    );
    await db.query(
      `INSERT INTO match_events (match_id, actor_role, from_state, to_state, created_at)
       SELECT m.id, 'broker', e.from_state, e.to_state, e.at
       FROM matches m
       CROSS JOIN LATERAL (VALUES
         (1, NULL, 'shortlisted', m.shortlisted_at),
         (2, 'shortlisted', 'invited', m.invited_at),
         (3, 'invited', CASE WHEN m.state = 'declined' THEN 'declined' ELSE 'accepted' END, m.answered_at),
         (4, 'accepted', 'hired', m.hired_at),
         (5, 'hired', 'completed', m.completed_at)
       ) AS e (step, from_state, to_state, at)
       WHERE e.at IS NOT NULL
       ORDER BY m.id, e.step`,
    );
    const refreshed = performance.now();
    await db.query('ANALYZE');
    const [{ events }] = await db.query(`SELECT count(*)::int AS events FROM match_events`);
    say(
      `seeded ${PROFILES} profiles, ${MATCHES} matches, ${events} match events in ` +
        `${((refreshed - started) / 1000).toFixed(1)} s (read model kept by the triggers included)`,
    );
  }, 1_800_000);

  afterAll(async () => {
    await t?.close();
  });

  it('times the indicators endpoint next to its statement and the reference statement', async () => {
    const repository = t.app.get(IndicatorsRepository);
    const db = t.app.get(DataSource);
    say(
      'groupBy                     | API p50 | API p99 | statement (EXPLAIN ANALYZE) | ' +
        'reference statement | rows compared',
    );
    for (const groupBy of BREAKDOWNS) {
      const times: number[] = [];
      for (let i = 0; i < CALLS; i++) {
        const started = performance.now();
        const res = await t.http
          .get('/api/reports/indicators')
          .query({ programmeId, ...(groupBy === '' ? {} : { groupBy }) })
          .auth(...bearer(broker));
        times.push(performance.now() - started);
        expect(res.status).toBe(200);
        expect(res.body.totals.registered).toBeGreaterThan(0);
      }
      times.sort((a, b) => a - b);
      const dims = groupBy === '' ? [] : (groupBy.split(',') as IndicatorQuery['groupBy']);
      const year: IndicatorQuery = {
        programmeId,
        frameFrom: '2026-01-01',
        frameTo: '2026-12-31',
        from: '2026-01-01',
        to: '2026-12-31',
        byMonth: false,
        parts: null,
        part: null,
        groupBy: dims,
      };
      const { executionMs, plan } = await repository.explain(year);
      if (process.env.BENCH_REPORT_PLAN === '1') say(plan);
      // the same rows as the reference statement: the whole year, and a quarter of one country part
      const quarter: IndicatorQuery = {
        ...year,
        from: '2026-04-01',
        to: '2026-06-30',
        byMonth: true,
        parts: ['AL', 'BA', 'ME', 'MK', 'RS', 'XK', 'other'],
        part: 'XK',
      };
      let compared = 0;
      let different = 0;
      let referenceMs = 0;
      const answers: [unknown, unknown][] = [];
      for (const query of [year, quarter]) {
        const mine = canonicalRows(await repository.rows(query));
        const started = performance.now();
        const reference = canonicalRows(await referenceRows(db, query));
        if (query === year) referenceMs = performance.now() - started;
        compared += Math.max(mine.length, reference.length);
        different += reference.filter(
          (r, i) => JSON.stringify(r) !== JSON.stringify(mine[i]),
        ).length;
        answers.push([mine, reference]);
      }
      say(
        `${(groupBy || '(none)').padEnd(27)} | ${percentile(times, 50).toFixed(0).padStart(4)} ms | ` +
          `${percentile(times, 99).toFixed(0).padStart(4)} ms | ` +
          `${executionMs.toFixed(0).padStart(24)} ms | ${referenceMs.toFixed(0).padStart(16)} ms | ` +
          (different === 0 ? `${compared} identical` : `${different} of ${compared} DIFFERENT`),
      );
      for (const [mine, reference] of answers) expect(mine).toEqual(reference);
    }
  }, 1_800_000);
});
