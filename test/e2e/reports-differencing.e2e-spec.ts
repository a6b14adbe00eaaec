import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  loginAdmin,
  makeBroker,
  makeTrainer,
  registerTrainee,
  type SignedIn,
} from '../support/factories.js';
import { bearer } from '../support/opportunity-factories.js';
import { putProfile, skillIds } from '../support/profile-factories.js';
import { backdate } from '../support/report-factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  complete,
  createCohort,
  createCourse,
  createProgramme,
  enrol,
  profileIdOf,
} from '../support/training-factories.js';
import { DataSource } from 'typeorm';

/**
 * The differencing attacks of the audit, run against the API: subtract reports over
 * complementary countries, nested windows and coarser breakdowns from each other, and check
 * that no count below the threshold comes out. Threshold 3; the people of the programme
 * (registered in 2026, all enrolled in its course):
 *
 * | quarter | XK                      | AL                  | RS (no programme country) |
 * | Q1      | 4 female, 3 male        |                     |                           |
 * | Q2      |                         | 3 female, 2 male    |                           |
 * | Q3      |                         |                     | 1 male                    |
 * | Q4      | 2 female                | 2 male              |                           |
 *
 * One female of Q1 (XK) is born 1980 (not youth), everyone else 2000 (youth). Everyone
 * completes the training on the day they registered and answers the first follow-up survey that
 * day (every other person employed), so the survey counters meet the same attacks.
 */
const THRESHOLD = 3;
const COUNTERS = [
  'registered',
  'trained',
  'certified',
  'matched',
  'hired',
  'completed',
  'surveyed',
  'employed3m',
];
const QUARTERS = [
  ['2026-01-01', '2026-03-31'],
  ['2026-04-01', '2026-06-30'],
  ['2026-07-01', '2026-09-30'],
  ['2026-10-01', '2026-12-31'],
] as const;

type Row = Record<string, number | null> & { group?: Record<string, string> };
interface Report {
  rows: Row[];
  totals: Row;
}

describe('report differencing', () => {
  let t: TestApp;
  let admin: SignedIn;
  let programmeId: string;
  const recovered: { route: string; value: number }[] = [];

  const report = async (query: Record<string, string>): Promise<Report> => {
    const res = await t.http
      .get('/api/reports/indicators')
      .query({ programmeId, ...query })
      .auth(...bearer(admin));
    expect(res.status).toBe(200);
    return res.body as Report;
  };

  /**
   * What a line of published figures gives away: with the margin published, the hidden members
   * together hold the margin minus the published ones (with one hidden member, its exact value).
   * Records each such remainder: a remainder below the threshold would bound every hidden
   * member below it.
   */
  function subtract(route: string, margin: number | null, members: (number | null)[]): void {
    if (margin === null || !members.includes(null)) return;
    const value = margin - members.reduce<number>((s, m) => s + (m ?? 0), 0);
    recovered.push({ route, value });
  }

  const cellOf = (r: Report, key: string, dims: string[]) =>
    r.rows.find((row) => dims.map((d) => row.group?.[d]).join('/') === key);

  beforeAll(async () => {
    t = await createTestApp({ REPORT_MIN_CELL_SIZE: String(THRESHOLD) });
    admin = await loginAdmin(t);
    const broker = await makeBroker(t, admin);
    const trainer = await makeTrainer(t, admin);
    programmeId = (
      await createProgramme(t, admin, {
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        countries: ['AL', 'XK'],
        partners: [broker.organisationId],
      })
    ).id;
    const skills = await skillIds(t, ['SQL']);
    const course = await createCourse(t, trainer, [{ skillId: skills.SQL, level: 2 }], {
      programmeId,
    });
    const cohort = await createCohort(t, trainer, course.id, { capacity: 100 });
    const people: [string, string, string, number, number][] = [
      // [registered on, country, sex, birth year, how many]
      ['2026-02-01', 'XK', 'female', 2000, 3],
      ['2026-02-01', 'XK', 'female', 1980, 1],
      ['2026-02-01', 'XK', 'male', 2000, 3],
      ['2026-05-01', 'AL', 'female', 2000, 3],
      ['2026-05-01', 'AL', 'male', 2000, 2],
      ['2026-08-01', 'RS', 'male', 2000, 1],
      ['2026-11-01', 'XK', 'female', 2000, 2],
      ['2026-11-01', 'AL', 'male', 2000, 2],
    ];
    for (const [on, country, sex, birthYear, n] of people) {
      for (let i = 0; i < n; i++) {
        const person = await registerTrainee(t);
        await putProfile(t, person, {
          country,
          city: country === 'AL' ? 'Tirana' : country === 'RS' ? 'Novi Sad' : 'Pristina',
        });
        const inclusion = await t.http
          .put('/api/profiles/me/inclusion')
          .auth(...bearer(person))
          .send({ sex, birthYear, groups: [], consentToReporting: true });
        expect(inclusion.status).toBe(204);
        const profileId = await profileIdOf(t, person);
        await backdate(
          t,
          'profiles',
          'created_at',
          { column: 'id', value: profileId },
          `${on}T10:00:00Z`,
        );
        const enrolment = await enrol(t, trainer, cohort.id, profileId);
        await complete(t, trainer, enrolment.id);
        // the training and its first follow-up, answered, on the day of registration
        await t.app.get(DataSource).query(
          `WITH e AS (UPDATE enrolments SET finished_at = $2 WHERE id = $1 RETURNING id)
           UPDATE surveys SET triggered_at = $2, due_at = $2, sent_at = $2,
                              expires_at = $2::timestamptz + interval '30 days',
                              answered_at = $2::timestamptz + interval '1 hour',
                              work_status = $3, answered_via = 'account'
            WHERE enrolment_id = (SELECT id FROM e) AND follow_up = 1`,
          [enrolment.id, `${on}T10:00:00Z`, i % 2 === 0 ? 'employed' : 'not_working'],
        );
      }
    }
  }, 300_000);

  afterAll(async () => {
    await t?.close();
  });

  it('publishes the whole programme as before', async () => {
    const whole = await report({});
    expect(whole.totals.registered).toBe(17);
    const bySex = await report({ groupBy: 'sex' });
    expect(bySex.rows.map((r) => [r.group?.sex, r.registered])).toEqual([
      ['female', 9],
      ['male', 8],
    ]);
  });

  it('refuses the overlapping queries of the audit', async () => {
    const refused = async (query: Record<string, string>, field: string) => {
      const res = await t.http
        .get('/api/reports/indicators')
        .query({ programmeId, ...query })
        .auth(...bearer(admin));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    };
    // all countries minus the complementary set
    await refused({ countries: 'AL,XK' }, 'countries');
    // Jan–Jun minus Feb–Jun, and windows off the calendar
    await refused({ from: '2026-02-01', to: '2026-06-30' }, 'to');
    await refused({ from: '2026-01-02', to: '2026-06-30' }, 'from');
  });

  it('gives nothing below the threshold away: all countries minus the others', async () => {
    const whole = await report({ groupBy: 'sex' });
    const parts = await Promise.all([
      report({ groupBy: 'sex', countries: 'XK' }),
      report({ groupBy: 'sex', countries: 'AL' }),
    ]);
    for (const c of COUNTERS) {
      // the part outside the programme's countries (one man in RS) is the whole minus the parts
      subtract(`countries ${c}`, whole.totals[c], [...parts.map((p) => p.totals[c]), null]);
      for (const sex of ['female', 'male']) {
        subtract(`countries ${sex} ${c}`, cellOf(whole, sex, ['sex'])?.[c] ?? null, [
          ...parts.map((p) => cellOf(p, sex, ['sex'])?.[c] ?? null),
          null,
        ]);
      }
    }
    // the one man in RS: 17 − 9 (XK) − 7 (AL) would be 1, so AL is not published
    expect(parts[0].totals.registered).toBe(9);
    expect(parts[1].totals.registered).toBeNull();
    expect(recovered.filter((r) => r.value > 0 && r.value < THRESHOLD)).toEqual([]);
  });

  it('gives nothing below the threshold away: a period minus its other parts', async () => {
    const whole = await report({});
    const halves = await Promise.all([
      report({ from: '2026-01-01', to: '2026-06-30' }),
      report({ from: '2026-07-01', to: '2026-12-31' }),
    ]);
    const quarters = await Promise.all(QUARTERS.map(([from, to]) => report({ from, to })));
    const months = await Promise.all(
      ['07', '08', '09'].map((m) =>
        report({ from: `2026-${m}-01`, to: `2026-${m}-${m === '09' ? '30' : '31'}` }),
      ),
    );
    for (const c of COUNTERS) {
      subtract(
        `year ${c}`,
        whole.totals[c],
        halves.map((h) => h.totals[c]),
      );
      subtract(
        `H1 ${c}`,
        halves[0].totals[c],
        quarters.slice(0, 2).map((q) => q.totals[c]),
      );
      subtract(
        `H2 ${c}`,
        halves[1].totals[c],
        quarters.slice(2).map((q) => q.totals[c]),
      );
      subtract(
        `Q3 ${c}`,
        quarters[2].totals[c],
        months.map((m) => m.totals[c]),
      );
      // the old route: the year minus every quarter but one
      subtract(
        `year−quarters ${c}`,
        whole.totals[c],
        quarters.map((q) => q.totals[c]),
      );
    }
    // Q3 holds the one man of RS: H2 (5) − Q4 (4) would give him away, so both quarters are hidden
    expect(halves[1].totals.registered).toBe(5);
    expect(quarters[2].totals.registered).toBeNull();
    expect(quarters[3].totals.registered).toBeNull();
    expect(quarters[0].totals.registered).toBe(7);
    // a quarter by age: the same people, each in the band of their registration; 25-29 (6)
    // would be Q1 (7) minus the one woman of 30+, so both rows are hidden and left out
    const q1ByAge = await report({
      from: '2026-01-01',
      to: '2026-03-31',
      groupBy: 'ageBand,youth',
    });
    expect(q1ByAge.totals.registered).toBe(7);
    expect(q1ByAge.rows).toEqual([]);
    expect(recovered.filter((r) => r.value > 0 && r.value < THRESHOLD)).toEqual([]);
  });

  it('gives nothing below the threshold away: a breakdown minus the coarser one', async () => {
    const total = await report({});
    const bySex = await report({ groupBy: 'sex' });
    const byYouth = await report({ groupBy: 'youth' });
    const both = await report({ groupBy: 'sex,youth' });
    const sexes = ['female', 'male'];
    const youth = ['youth', 'not-youth'];
    for (const c of COUNTERS) {
      subtract(
        `sex ${c}`,
        total.totals[c],
        sexes.map((s) => cellOf(bySex, s, ['sex'])?.[c] ?? null),
      );
      subtract(
        `youth ${c}`,
        total.totals[c],
        youth.map((y) => cellOf(byYouth, y, ['youth'])?.[c] ?? null),
      );
      for (const s of sexes) {
        subtract(
          `sex ${s} by youth ${c}`,
          cellOf(bySex, s, ['sex'])?.[c] ?? null,
          youth.map((y) => cellOf(both, `${s}/${y}`, ['sex', 'youth'])?.[c] ?? null),
        );
      }
      for (const y of youth) {
        subtract(
          `youth ${y} by sex ${c}`,
          cellOf(byYouth, y, ['youth'])?.[c] ?? null,
          sexes.map((s) => cellOf(both, `${s}/${y}`, ['sex', 'youth'])?.[c] ?? null),
        );
      }
    }
    // one woman is not young: female (9) − female youth (8) would give her away
    expect(cellOf(bySex, 'female', ['sex'])?.registered).toBe(9);
    expect(cellOf(both, 'female/youth', ['sex', 'youth'])?.registered ?? null).toBeNull();
    expect(recovered.filter((r) => r.value > 0 && r.value < THRESHOLD)).toEqual([]);
  });

  it('gives nothing below the threshold away across countries, periods and breakdowns at once', async () => {
    // every allowed report of a country part and quarter by sex: each hidden cell stays hidden
    // in every line of published figures it sits in
    const sexes = ['female', 'male'];
    for (const countries of ['XK', 'AL']) {
      const year = await report({ countries, groupBy: 'sex' });
      const quarters = await Promise.all(
        QUARTERS.map(([from, to]) => report({ countries, from, to, groupBy: 'sex' })),
      );
      for (const c of COUNTERS) {
        for (const s of sexes) {
          subtract(
            `${countries} quarters ${s} ${c}`,
            cellOf(year, s, ['sex'])?.[c] ?? null,
            quarters.map((q) => cellOf(q, s, ['sex'])?.[c] ?? null),
          );
        }
        for (const q of quarters) {
          subtract(
            `${countries} quarter by sex ${c}`,
            q.totals[c],
            sexes.map((s) => cellOf(q, s, ['sex'])?.[c] ?? null),
          );
        }
      }
    }
    expect(recovered.length).toBeGreaterThan(0);
    expect(recovered.filter((r) => r.value > 0 && r.value < THRESHOLD)).toEqual([]);
  });
});
