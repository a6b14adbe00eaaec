import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DEMO_ADMIN_ENV, DEMO_PASSWORDS, demoEmail } from '../../apps/cli/src/demo/demo-cast.js';
import {
  loadDemoOccupations,
  type DemoOccupation,
} from '../../apps/cli/src/demo/demo-population.js';
import { seedDemo } from '../../apps/cli/src/demo/demo-seeder.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The demo data looks real and leaves no broker with an empty list: every open demo work request
 * and listing has candidates, some people are one course away from one, trainees hold the skills
 * of their occupation, and hours fit the engagement. Checked through the API as the demo brokers.
 */
interface Opportunity {
  id: string;
  title: string;
  engagementType: string;
  hoursPerWeek: number | null;
}
interface Candidate {
  nearMiss?: boolean;
  gaps?: { kind: string; courses?: { courseId?: string }[] }[];
}

describe('demo data', () => {
  let t: TestApp;
  let base: string;
  let occupations: DemoOccupation[];
  const tokens = new Map<string, string>();

  async function get<T>(path: string, as: string): Promise<T> {
    const res = await fetch(`${base}${path}`, {
      headers: { authorization: `Bearer ${tokens.get(as)}` },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  }

  beforeAll(async () => {
    t = await createTestApp(DEMO_ADMIN_ENV);
    await t.app.listen(0, '127.0.0.1');
    base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    occupations = loadDemoOccupations(join(process.cwd(), 'data', 'demo', 'occupations.json'));
    await seedDemo(t.app, { trainees: 60, seed: 2026, occupations, now: new Date() });
    for (const local of ['broker', 'broker.xk', 'broker.al']) {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: demoEmail(local), password: DEMO_PASSWORDS.broker }),
      });
      tokens.set(local, ((await res.json()) as { accessToken: string }).accessToken);
    }
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  it('gives every open work request and listing at least three candidates, and near misses with a course', async () => {
    const requests = await get<{ items: Opportunity[] }>(
      '/api/work-requests?status=open&limit=100',
      'broker',
    );
    expect(requests.items.length).toBeGreaterThan(5);
    const listings: { id: string; title: string; as: string }[] = [];
    for (const as of tokens.keys()) {
      const page = await get<{ items: Opportunity[] }>('/api/listings?status=open&limit=100', as);
      listings.push(...page.items.map((l) => ({ ...l, as })));
    }
    expect(listings.length).toBeGreaterThan(3);
    const opportunities = [
      ...requests.items.map((r) => ({ path: `/api/work-requests/${r.id}`, as: 'broker', ...r })),
      ...listings.map((l) => ({ path: `/api/listings/${l.id}`, ...l })),
    ];
    let nearMissesWithCourse = 0;
    const thin: string[] = [];
    for (const o of opportunities) {
      const items = await get<Candidate[]>(`${o.path}/candidates?limit=10&nearMisses=true`, o.as);
      const eligible = items.filter((c) => c.nearMiss !== true);
      if (eligible.length < 3) thin.push(`${o.title}: ${eligible.length}`);
      nearMissesWithCourse += items.filter(
        (c) =>
          c.nearMiss === true &&
          c.gaps?.[0]?.kind === 'skill_missing' &&
          (c.gaps[0].courses?.length ?? 0) > 0,
      ).length;
    }
    expect(thin).toEqual([]);
    expect(nearMissesWithCourse).toBeGreaterThan(0);
  });

  it('asks for hours that fit the engagement', async () => {
    const ranges: Record<string, [number, number]> = {
      full_time: [35, 40],
      part_time: [10, 30],
      internship: [20, 40],
    };
    const requests = await get<{ items: Opportunity[] }>(
      '/api/work-requests?status=open&limit=100',
      'broker',
    );
    expect(requests.items.some((r) => r.engagementType === 'full_time')).toBe(true);
    for (const r of requests.items) {
      const range = ranges[r.engagementType];
      if (range === undefined || r.hoursPerWeek === null) continue;
      expect([r.title, r.hoursPerWeek >= range[0] && r.hoursPerWeek <= range[1]]).toEqual([
        r.title,
        true,
      ]);
    }
  });

  it("gives each trainee only its occupation's skills: no customer service agent with Docker", async () => {
    const rows: { email: string; headline: string; uri: string | null; name: string }[] =
      await t.app.get(DataSource).query(
        `SELECT u.email::text AS email, p.headline, s.esco_uri AS uri, s.name
           FROM users u JOIN profiles p ON p.user_id = u.id
           JOIN profile_skills ps ON ps.profile_id = p.id JOIN skills s ON s.id = ps.skill_id
          WHERE u.email::text LIKE 'trainee-%'`,
      );
    expect(new Set(rows.map((r) => r.email)).size).toBe(60);
    const allowed = new Map(
      occupations.map((o) => [
        o.label.toLowerCase(),
        new Set(
          [...o.essential, ...o.optional].map((s) => s.taxonomyName?.toLowerCase() ?? s.escoUri),
        ),
      ]),
    );
    const strays = rows.filter((r) => {
      const skills = allowed.get(r.headline.toLowerCase());
      return (
        skills === undefined ||
        !((r.uri !== null && skills.has(r.uri)) || skills.has(r.name.toLowerCase()))
      );
    });
    expect(strays).toEqual([]);
    const service = rows.filter((r) => /customer|help desk|call centre/i.test(r.headline));
    expect(service.length).toBeGreaterThan(0);
    expect(
      service.filter((r) => /docker|ci\/cd|continuous integration|cloud|devops/i.test(r.name)),
    ).toEqual([]);
  });

  it('matches people of the occupation an opportunity asks for, hired for the hours it asks', async () => {
    const rows: { title: string; headline: string; asked: number | null; agreed: number | null }[] =
      await t.app.get(DataSource).query(
        `SELECT o.title, p.headline, o.hours_per_week AS asked,
                m.agreed_hours_per_week AS agreed
           FROM matches m JOIN opportunities o ON o.id = m.opportunity_id
           JOIN profiles p ON p.id = m.profile_id`,
      );
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => !r.title.startsWith(`${r.headline} `))).toEqual([]);
    expect(rows.filter((r) => r.agreed !== null && r.agreed !== r.asked)).toEqual([]);
  });
});
