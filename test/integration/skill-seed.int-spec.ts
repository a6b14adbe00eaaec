import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OutboxRelay } from '@app/search';
import { DataSource } from 'typeorm';
import { SkillSeeder } from '@app/taxonomy';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('skills seed', () => {
  let t: TestApp;
  const sql = <T>(query: string): Promise<T[]> => t.app.get(DataSource).query(query);
  const count = async (table: string): Promise<number> => {
    const [row] = await sql<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
    return Number(row.n);
  };

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('holds ESCO digital, transversal, language and BPO skills plus curated ones', async () => {
    const rows = await sql<{ category: string; source: string; n: string }>(
      `SELECT category, source, count(*) AS n FROM skills GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const by = Object.fromEntries(rows.map((r) => [`${r.category}/${r.source}`, Number(r.n)]));
    expect(by['digital/esco']).toBe(1284);
    expect(by['language/esco']).toBeGreaterThan(300);
    expect(by['transversal/esco']).toBeGreaterThan(80);
    expect(by['bpo/esco']).toBeGreaterThan(100);
    expect(by['digital/curated']).toBeGreaterThanOrEqual(30);
    expect(await count('skill_aliases')).toBeGreaterThan(9_000);
  });

  it('holds the rest of the ESCO pillar as `other`, without a second copy of any skill', async () => {
    const [row] = await sql<{ other: string; total: string; uris: string }>(
      `SELECT count(*) FILTER (WHERE category = 'other') AS other, count(*) AS total,
              count(DISTINCT esco_uri) AS uris FROM skills`,
    );
    expect(Number(row.other)).toBeGreaterThan(12_000);
    expect(Number(row.uris)).toBeGreaterThan(13_800);
    const duplicates = await sql(
      `SELECT name_key FROM skills WHERE source = 'esco' GROUP BY name_key HAVING count(*) > 1`,
    );
    expect(duplicates).toEqual([]);
    // A BPO skill (named by label only) gains the pillar's alternative labels.
    const [bookkeeping] = await sql<{ category: string; n: string }>(
      `SELECT s.category, count(a.id) AS n FROM skills s JOIN skill_aliases a ON a.skill_id = s.id
        WHERE s.name = 'guarantee customer satisfaction' GROUP BY s.category`,
    );
    expect(bookkeeping).toBeDefined();
    expect(Number(bookkeeping.n)).toBeGreaterThan(1);
    expect(await count('skill_aliases')).toBeGreaterThan(65_000);
  });

  it('running the seed again changes nothing', async () => {
    const seeder = t.app.get(SkillSeeder);
    const before = await sql(`SELECT id, version, updated_at FROM skills ORDER BY id`);
    const aliasesBefore = await count('skill_aliases');

    expect(await seeder.seed()).toMatchObject({ skipped: true });
    const first = await seeder.seed({ force: true });
    const second = await seeder.seed({ force: true });
    expect(first).toMatchObject({ skipped: false, changed: 0 });
    expect(second).toEqual(first);
    expect(first.skills).toBe(before.length);
    expect(first.aliases).toBe(aliasesBefore);
    expect(await sql(`SELECT id, version, updated_at FROM skills ORDER BY id`)).toEqual(before);
    expect(await t.app.get(OutboxRelay).drain()).toEqual({ processed: 0, failed: 0 });
  });
});
