/**
 * `npm run bench:talent`: latency of talent search through the API (`GET /api/talent`, which
 * searches Meilisearch and then reads the shown profiles back from PostgreSQL) next to the bare
 * Meilisearch query with the same filter and facets, over BENCH_PROFILES generated profiles
 * (default 20,000), on embedded PostgreSQL and Meilisearch booted like the tests do. One request
 * at a time after a warm-up, BENCH_SECONDS per side (default 5).
 */
import { afterAll, beforeAll, it } from '@jest/globals';
import { PROFILES_INDEX } from '@app/profiles';
import { SearchIndexRegistry } from '@app/search';
import { foldQuery } from '@app/text';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { FORENAMES, SURNAMES } from '../fixtures/names.js';
import { registerCompany, type SignedIn } from '../support/factories.js';
import {
  LATENCY_HEADER,
  expectOk,
  latencyRow,
  sampleFor,
} from '../../apps/cli/src/bench/latency.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PROFILES = Number(process.env.BENCH_PROFILES ?? 20_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_REQUESTS = 100;

/** Latencies of `call(i)`, BENCH_SECONDS after the warm-up. */
const measure = (call: (i: number) => Promise<void>): Promise<number[]> =>
  sampleFor(SECONDS, WARMUP_REQUESTS, call);

let t: TestApp;
let company: SignedIn;
let skillIds: string[];

/** Trainees, profiles, skills and languages generated in SQL (names from the fixtures). */
async function seed(): Promise<void> {
  const sql = t.app.get(DataSource);
  const forenames = Object.values(FORENAMES).flatMap((n) => [n.localized, n.romanized]);
  const surnames = Object.values(SURNAMES).flatMap((n) => [n.localized, n.romanized]);
  skillIds = (
    await sql.query(`SELECT id FROM skills WHERE category = 'digital' ORDER BY id LIMIT 300`)
  ).map((r: { id: string }) => r.id);
  await sql.query(
    `INSERT INTO users (email, password_hash, display_name, role)
     SELECT 'bench-' || i || '@example.org', 'x',
            ($2::text[])[1 + i % cardinality($2::text[])] || ' ' ||
            ($3::text[])[1 + (i / 7) % cardinality($3::text[])], 'trainee'
       FROM generate_series(1, $1) AS i`,
    [PROFILES, forenames, surnames],
  );
  await sql.query(
    `INSERT INTO profiles (user_id, headline, country, visibility, open_to_work, hourly_rate_eur,
                           work_modes, engagement_types)
     SELECT id, 'Support and web work', (ARRAY['AL','BA','XK','ME','MK','RS'])[1 + (random() * 5)::int],
            (ARRAY['brokers','companies'])[1 + (random())::int], true, round((random() * 40)::numeric, 2),
            '{remote}', '{freelance}'
       FROM users WHERE email LIKE 'bench-%'`,
  );
  await sql.query(
    `INSERT INTO profile_skills (profile_id, skill_id, level, declared_level)
     SELECT profile_id, skill, lvl, lvl
       FROM (SELECT DISTINCT ON (p.id, s.skill) p.id AS profile_id, s.skill,
                    1 + (random() * 4)::int AS lvl
               FROM profiles p
               CROSS JOIN LATERAL (
                 SELECT ($1::uuid[])[1 + ((random() * 299)::int + p.version * 0)] AS skill
                   FROM generate_series(1, 5)
               ) s) AS declared`,
    [skillIds],
  );
  await sql.query(
    `INSERT INTO profile_languages (profile_id, code, level)
     SELECT id, 'en', (ARRAY['A2','B1','B2','C1'])[1 + (random() * 3)::int] FROM profiles`,
  );
  const started = performance.now();
  await t.app.get(SearchIndexRegistry).reindex(PROFILES_INDEX);
  process.stdout.write(
    `\nindexed ${PROFILES} profiles in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

beforeAll(async () => {
  t = await createTestApp();
  company = await registerCompany(t);
  await seed();
}, 600_000);

afterAll(async () => {
  await t?.close();
});

it('talent search: API vs direct Meilisearch', async () => {
  await new Promise<void>((resolve) => t.app.getHttpServer().listen(0, '127.0.0.1', resolve));
  const port = (t.app.getHttpServer().address() as AddressInfo).port;
  const queries = skillIds.slice(0, 10).map((id, i) => ({
    q: ['petrovic', '', 'Đorđe', 'marija', ''][i % 5],
    skill: id,
    country: ['RS', 'AL', 'MK', 'XK', 'BA'][i % 5],
  }));
  const viaApi = await measure(async (i) => {
    const { q, skill, country } = queries[i % queries.length];
    const url = `http://127.0.0.1:${port}/api/talent?q=${encodeURIComponent(q)}&skills=${skill}:2&countries=${country},ME&languages=en:B1&limit=20`;
    await expectOk(
      await fetch(url, { headers: { authorization: `Bearer ${company.accessToken}` } }),
    );
  });
  const meili = `${process.env.MEILI_HOST}/indexes/${t.indexPrefix}${PROFILES_INDEX}/search`;
  const direct = await measure(async (i) => {
    const { q, skill, country } = queries[i % queries.length];
    await expectOk(
      await fetch(meili, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${process.env.MEILI_MASTER_KEY}`,
          'content-type': 'application/json',
          'accept-encoding': 'identity',
        },
        body: JSON.stringify({
          q: foldQuery(q),
          filter: `visibility IN ["companies"] AND openToWork = true AND skillLevels = "${skill}:2" AND country IN ["${country}", "ME"] AND languageLevels = "en:B1"`,
          facets: ['skillIds', 'country', 'languageCodes', 'hasVerifiedSkills'],
          sort: ['lastActiveAt:desc'],
          limit: 20,
          attributesToRetrieve: ['id'],
        }),
      }),
    );
  });
  // An authenticated read without search: the guard's user lookup and the HTTP stack.
  const baseline = await measure(async () =>
    expectOk(
      await fetch(`http://127.0.0.1:${port}/api/me`, {
        headers: { authorization: `Bearer ${company.accessToken}` },
      }),
    ),
  );
  process.stdout.write(
    [
      '',
      LATENCY_HEADER,
      latencyRow('GET /api/talent', viaApi),
      latencyRow('Meilisearch POST /search', direct),
      latencyRow('GET /api/me (baseline)', baseline),
      '',
    ].join('\n'),
  );
}, 600_000);
