import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { DEMO_ADMIN_ENV } from '../../apps/cli/src/demo/demo-cast.js';
import { seedDemo } from '../../apps/cli/src/demo/demo-seeder.js';
import { loadDemoOccupations } from '../../apps/cli/src/demo/demo-population.js';
import type { DemoOptions } from '../../apps/cli/src/demo/demo-steps.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The README's walkthrough, run verbatim: the fenced bash blocks between
 * `<!-- walkthrough:start -->` and `<!-- walkthrough:end -->` run as one bash script (so shell
 * variables carry from block to block) against an API listening on a free port with the demo
 * data seeded. Each block starts with `# step: <name>`; the checks below read its output.
 */
interface WalkthroughStep {
  name: string;
  script: string;
}

function walkthroughSteps(readme: string): WalkthroughStep[] {
  const start = readme.indexOf('<!-- walkthrough:start -->');
  const end = readme.indexOf('<!-- walkthrough:end -->');
  if (start < 0 || end < start) throw new Error('README.md has no walkthrough section');
  return [...readme.slice(start, end).matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => {
    const name = /^# step: (\S+)/.exec(m[1])?.[1];
    if (name === undefined) throw new Error(`walkthrough block without "# step:":\n${m[1]}`);
    return { name, script: m[1] };
  });
}

const MARK = '@@walkthrough-step@@';

/** What each step must have printed, by step name. */
const CHECKS: Record<string, (output: unknown) => void> = {
  'sign-in': (out) => {
    expect(out).toEqual({ email: 'broker@demo.talentbridge.example', role: 'broker' });
  },
  candidates: (out) => {
    const candidates = out as {
      name: string;
      score: number;
      components: Record<string, number>;
      skills: string[];
    }[];
    expect(candidates.length).toBeGreaterThan(0);
    for (const c of candidates) {
      expect(typeof c.name).toBe('string');
      expect(Object.keys(c.components).length).toBeGreaterThan(0);
      const sum = Object.values(c.components).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(c.score, 2);
      expect(c.skills.length).toBeGreaterThan(0);
    }
  },
  'talent-cyrillic': (out) => {
    const { names } = out as { names: string[] };
    expect(names.length).toBeGreaterThan(0);
    // one folded field for both scripts: either spelling is a hit
    for (const name of names) expect(name).toMatch(/Jovanović|Јовановић/);
  },
  hire: (out) => {
    expect(out).toEqual({
      state: 'hired',
      listing: expect.any(String),
      person: expect.any(String),
      agreedRateEur: 15,
    });
  },
  'audit-trail': (out) => {
    expect(out).toEqual([
      { from: null, to: 'shortlisted', by: 'broker' },
      { from: 'shortlisted', to: 'invited', by: 'broker' },
      { from: 'invited', to: 'accepted', by: 'trainee' },
      { from: 'accepted', to: 'hired', by: 'broker' },
    ]);
  },
  indicators: (out) => {
    const report = out as {
      threshold: number;
      totals: Record<string, number | null>;
      rows: ({ sex: string } & Record<string, number | null | string>)[];
    };
    expect(report.threshold).toBe(5);
    expect(report.totals.registered).toBeGreaterThanOrEqual(report.threshold);
    // the demo programme has enough outcomes to publish them
    expect(report.totals.hired).toBeGreaterThanOrEqual(report.threshold);
    expect(report.totals.completed).toBeGreaterThanOrEqual(report.threshold);
    expect(report.totals.incomeEurSum).toBeGreaterThan(0);
    expect(report.rows.length).toBeGreaterThan(0);
    for (const row of report.rows) {
      expect(['female', 'male', 'other', 'undisclosed']).toContain(row.sex);
      for (const key of ['registered', 'trained', 'hired']) {
        // published cells count at least `threshold` people; smaller ones are null, never 0
        if (row[key] !== null) expect(row[key]).toBeGreaterThanOrEqual(report.threshold);
      }
    }
  },
  'near-misses': (out) => {
    const nearMisses = out as { name: string; gaps: { kind: string; detail: string }[] }[];
    // the demo gives every open request people one must-have skill short, and a course for it
    expect(nearMisses.length).toBeGreaterThan(0);
    for (const n of nearMisses) {
      // exactly one hard constraint fails, named in words
      expect(n.gaps).toHaveLength(1);
      expect(n.gaps[0].detail.length).toBeGreaterThan(0);
    }
  },
  'trainee-search': (out) => {
    const { items } = out as {
      items: { kind: string; title: string; fit: { score: number; eligible: boolean } }[];
    };
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.title).toMatch(/developer/i);
      expect(typeof item.fit.score).toBe('number');
      expect(typeof item.fit.eligible).toBe('boolean');
    }
  },
  apply: (out) => {
    const application = out as { state: string; fit: { score: number; eligible: boolean } };
    expect(application.state).toBe('applied');
    expect(typeof application.fit.score).toBe('number');
  },
  applicants: (out) => {
    const { notes, applicants, state } = out as {
      notes: { unreadCount: number; kinds: string[] };
      applicants: { name: string; score: number; eligible: boolean }[];
      state: string;
    };
    expect(notes.kinds).toContain('application.received');
    expect(applicants.length).toBeGreaterThan(0);
    expect(state).toBe('invited');
  },
  'trainee-notifications': (out) => {
    const { unreadCount, latest } = out as {
      unreadCount: number;
      latest: { kind: string; title: string };
    };
    expect(unreadCount).toBeGreaterThan(0);
    expect(latest.kind).toBe('match.invited');
    expect(latest.title.length).toBeGreaterThan(0);
  },
  'skill-gaps': (out) => {
    const report = out as {
      threshold: number;
      gaps: {
        name: string;
        country: string | null;
        openings: number;
        people: number | null;
        unmet: number | null;
        courses: string[];
      }[];
    };
    expect(report.threshold).toBe(5);
    // the demo programme's partner requests ask for skills
    expect(report.gaps.length).toBeGreaterThan(0);
    for (const gap of report.gaps) {
      expect(gap.name.length).toBeGreaterThan(0);
      expect(gap.openings).toBeGreaterThan(0);
      // people counts below the threshold are null, never small numbers; unmet follows them
      if (gap.people !== null) expect(gap.people).toBeGreaterThanOrEqual(report.threshold);
      if (gap.people === null) expect(gap.unmet === null || gap.unmet === 0).toBe(true);
    }
  },
  'indicators-csv': (out) => {
    const rows: string[][] = parse(out as string);
    expect(rows[0].slice(0, 2)).toEqual(['sex', 'registered']);
    expect(rows[rows.length - 1][0]).toBe('total');
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
  },
};

describe('README walkthrough', () => {
  let t: TestApp;
  let demo: DemoOptions;

  beforeAll(async () => {
    t = await createTestApp(DEMO_ADMIN_ENV);
    await t.app.listen(0, '127.0.0.1');
    demo = {
      trainees: 60,
      seed: 2026,
      occupations: loadDemoOccupations(join(process.cwd(), 'data', 'demo', 'occupations.json')),
      now: new Date(),
    };
    await seedDemo(t.app, demo);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('runs every command of the walkthrough verbatim, each with the output it promises', async () => {
    const steps = walkthroughSteps(readFileSync(join(process.cwd(), 'README.md'), 'utf8'));
    expect(steps.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'sign-in',
        'candidates',
        'talent-cyrillic',
        'hire',
        'audit-trail',
        'indicators',
        'indicators-csv',
        'skill-gaps',
        'near-misses',
        'trainee-search',
        'apply',
        'applicants',
        'trainee-notifications',
      ]),
    );
    const script = [
      'set -euo pipefail',
      ...steps.flatMap((s) => [`echo '${MARK} ${s.name}'`, s.script]),
    ].join('\n');
    const url = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    const { stdout } = await promisify(execFile)('bash', ['-c', script], {
      env: { ...process.env, BASE: url },
      timeout: 60_000,
    });
    const outputs = new Map(
      stdout
        .split(`${MARK} `)
        .slice(1)
        .map((chunk) => {
          const newline = chunk.indexOf('\n');
          return [chunk.slice(0, newline), chunk.slice(newline + 1)] as const;
        }),
    );
    for (const step of steps) {
      const output = outputs.get(step.name);
      expect(output).toBeDefined();
      const check = CHECKS[step.name];
      if (check !== undefined)
        check(step.name.endsWith('-csv') ? output : JSON.parse(output as string));
    }
  });

  it('holds matches in every state, with the outcomes programme reports count', async () => {
    const ds = t.app.get(DataSource);
    const states = await ds.query(`SELECT DISTINCT state FROM matches ORDER BY state`);
    expect(states.map((r: { state: string }) => r.state)).toEqual([
      'accepted',
      'cancelled',
      'completed',
      'declined',
      'hired',
      'invited',
      'shortlisted',
    ]);
    const [completed] = await ds.query(`
      SELECT count(*)::int AS all,
             count(*) FILTER (WHERE hours_worked > 0 AND income_eur > 0
                                AND trainee_rating IS NOT NULL
                                AND employer_rating IS NOT NULL)::int AS with_outcomes,
             count(*) FILTER (WHERE o.programme_id IS NOT NULL)::int AS under_programme
        FROM matches m JOIN opportunities o ON o.id = m.opportunity_id
       WHERE m.state = 'completed'`);
    expect(completed.all).toBeGreaterThan(0);
    expect(completed.with_outcomes).toBe(completed.all);
    expect(completed.under_programme).toBeGreaterThan(0);
    const [trainedHires] = await ds.query(`
      SELECT count(*)::int AS n FROM matches m JOIN opportunities o ON o.id = m.opportunity_id
       WHERE m.state IN ('hired', 'completed') AND o.programme_id IS NOT NULL
         AND EXISTS (SELECT 1 FROM enrolments e
                      WHERE e.profile_id = m.profile_id AND e.status = 'completed')`);
    expect(trainedHires.n).toBeGreaterThan(0);
    const [filled] = await ds.query(
      `SELECT count(*)::int AS n FROM opportunities WHERE status = 'filled'`,
    );
    expect(filled.n).toBeGreaterThan(0);
    // every accepted match can still be hired: its opportunity is open with an opening for it
    const blocked = await ds.query(`
      SELECT o.id FROM opportunities o JOIN matches m ON m.opportunity_id = o.id
       GROUP BY o.id
      HAVING count(*) FILTER (WHERE m.state = 'accepted') > 0
         AND (o.status <> 'open'
              OR count(*) FILTER (WHERE m.state IN ('accepted', 'hired', 'completed')) > o.openings)`);
    expect(blocked).toEqual([]);
  });

  it('holds a listing of each scam-risk level, the high one waiting in review', async () => {
    const rows: { risk_level: string; status: string; n: number }[] = await t.app
      .get(DataSource)
      .query(
        `SELECT risk_level, status, count(*)::int AS n FROM opportunities WHERE kind = 'listing'
          GROUP BY risk_level, status ORDER BY risk_level, status`,
      );
    expect(rows.filter((r) => r.risk_level === 'high')).toEqual([
      { risk_level: 'high', status: 'review', n: 1 },
    ]);
    expect(rows.filter((r) => r.risk_level === 'medium')).toEqual([
      { risk_level: 'medium', status: 'open', n: 1 },
    ]);
    expect(rows.filter((r) => r.risk_level === 'low').map((r) => r.status)).toContain('open');
  });

  it('creates nothing the second time the demo data is written', async () => {
    const ds = t.app.get(DataSource);
    const count = async () =>
      (
        await ds.query(`SELECT (SELECT count(*) FROM users) AS users,
                               (SELECT count(*) FROM organisations) AS organisations,
                               (SELECT count(*) FROM profiles) AS profiles,
                               (SELECT count(*) FROM profile_inclusion) AS inclusion,
                               (SELECT count(*) FROM programmes) AS programmes,
                               (SELECT count(*) FROM courses) AS courses,
                               (SELECT count(*) FROM enrolments) AS enrolments,
                               (SELECT count(*) FROM certificates) AS certificates,
                               (SELECT count(*) FROM opportunities) AS opportunities,
                               (SELECT count(*) FROM matches) AS matches,
                               (SELECT count(*) FROM match_events) AS match_events,
                               (SELECT count(*) FROM matches
                                 WHERE employer_rating IS NOT NULL) AS employer_ratings,
                               (SELECT max(version) FROM profiles) AS profile_version`)
      )[0];
    const before = await count();
    expect(Number(before.profiles)).toBe(demo.trainees);
    expect(Number(before.certificates)).toBeGreaterThan(0);
    expect(Number(before.inclusion)).toBeGreaterThan(0);
    await seedDemo(t.app, demo);
    expect(await count()).toEqual(before);
  });
});
