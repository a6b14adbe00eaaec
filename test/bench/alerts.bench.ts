/**
 * `npm run bench:alerts`: how fast one worker evaluates saved-search alerts. Generates
 * BENCH_PROFILES profiles (default 100,000) and BENCH_SEARCHES saved talent searches (default
 * 10,000) in SQL, indexes the profiles, then times
 *  - the alerts job (`SavedSearchAlerts.runDue`: claim, batched multi-search, seen items,
 *    visibility read-back, notifications), and
 *  - the bare engine doing the same queries (`POST /multi-search`, same batch size),
 * each over every search, printing searches per second, the Meilisearch process's CPU time
 * (utime + stime from /proc/<pid>/stat) and the ratios.
 *
 * Profiles changed over the last 30 days; each search last ran an hour ago, so it looks at the
 * ~0.2 % that changed since (plus the overlap), as a steady state would.
 */
import { afterAll, beforeAll, it } from '@jest/globals';
import { PROFILES_INDEX } from '@app/profiles';
import { SavedSearchAlerts } from '@app/saved-searches';
import { SearchIndexRegistry } from '@app/search';
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { makeBroker, registerCompany, type SignedIn } from '../support/factories.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PROFILES = Number(process.env.BENCH_PROFILES ?? 100_000);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 10_000);
const BATCH = 200;
const OVERLAP_MS = 600_000;
/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;
const COUNTRIES = ['AL', 'BA', 'XK', 'ME', 'MK', 'RS'];

let t: TestApp;
let company: SignedIn;
let broker: SignedIn;
let skillIds: string[];

interface BenchSearch {
  role: 'company' | 'broker';
  skill: string;
  level: number;
  country: string;
  language: string | undefined;
}

/** The pid of the Meilisearch serving MEILI_HOST (libs/embedded starts it with --http-addr). */
function meilisearchPid(): number {
  const port = new URL(process.env.MEILI_HOST as string).port;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline[0].includes('meilisearch') && cmdline.includes(`127.0.0.1:${port}`)) {
        return Number(entry);
      }
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  throw new Error(`no Meilisearch process listening on port ${port}`);
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // fields after the command name (which may hold spaces) start at ") "
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function seed(): Promise<BenchSearch[]> {
  const sql = t.app.get(DataSource);
  skillIds = (
    await sql.query(`SELECT id FROM skills WHERE category = 'digital' ORDER BY id LIMIT 300`)
  ).map((r: { id: string }) => r.id);
  await sql.query(
    `INSERT INTO users (email, password_hash, display_name, role)
     SELECT 'bench-' || i || '@example.org', 'x', 'Bench Person ' || i, 'trainee'
       FROM generate_series(1, $1) AS i`,
    [PROFILES],
  );
  // changed at some time over the last 30 days (the trigger only sets updated_at on UPDATE)
  await sql.query(
    `INSERT INTO profiles (user_id, headline, country, visibility, open_to_work, hourly_rate_eur,
                           work_modes, engagement_types, updated_at)
     SELECT id, 'Support and web work', (ARRAY['AL','BA','XK','ME','MK','RS'])[1 + (random() * 5)::int],
            (ARRAY['brokers','companies'])[1 + (random())::int], true, round((random() * 40)::numeric, 2),
            '{remote}', '{freelance}', now() - random() * interval '30 days'
       FROM users WHERE email LIKE 'bench-%'`,
  );
  await sql.query(
    `INSERT INTO profile_skills (profile_id, skill_id, level, declared_level)
     SELECT profile_id, skill, lvl, lvl
       FROM (SELECT DISTINCT ON (p.id, s.skill) p.id AS profile_id, s.skill,
                    1 + (random() * 4)::int AS lvl
               FROM profiles p
               CROSS JOIN LATERAL (
                 SELECT ($1::uuid[])[1 + ((random() * 29)::int + p.version * 0)] AS skill
                   FROM generate_series(1, 5)
               ) s) AS declared`,
    [skillIds.slice(0, 30)],
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

  const searches: BenchSearch[] = Array.from({ length: SEARCHES }, (_, i) => ({
    role: i % 4 === 0 ? 'broker' : 'company',
    skill: skillIds[i % 30],
    level: 1 + (i % 3),
    country: COUNTRIES[i % COUNTRIES.length],
    language: i % 2 === 0 ? 'en:B1' : undefined,
  }));
  await sql.query(
    `INSERT INTO saved_searches (owner_id, owner_role, name, kind, query, alert, matches_since)
     SELECT CASE WHEN s.role = 'broker' THEN $4::uuid ELSE $5::uuid END, s.role, 'Bench ' || s.n,
            'talent', s.query, 'instant', now() - interval '30 days'
       FROM unnest($1::int[], $2::text[], $3::jsonb[]) AS s(n, role, query)`,
    [
      searches.map((_, i) => i),
      searches.map((s) => s.role),
      searches.map((s) =>
        JSON.stringify({
          skills: `${s.skill}:${s.level}`,
          countries: s.country,
          ...(s.language === undefined ? {} : { languages: s.language }),
        }),
      ),
      broker.id,
      company.id,
    ],
  );
  return searches;
}

/** Every search due now, its last run an hour ago. */
async function makeAllDue(lastRun: Date): Promise<void> {
  await t.app.get(DataSource).query(
    `UPDATE saved_searches SET next_run_at = now() - interval '1 second', last_run_at = $1,
              lease_until = NULL, lease_token = NULL`,
    [lastRun],
  );
  await t.app.get(DataSource).query(`DELETE FROM saved_search_seen`);
}

/** The same queries as the alerts job sends, straight to the engine in batches. */
async function rawEngine(searches: BenchSearch[], changedAfter: number): Promise<void> {
  const indexUid = `${t.indexPrefix}${PROFILES_INDEX}`;
  for (let i = 0; i < searches.length; i += BATCH) {
    const queries = searches.slice(i, i + BATCH).map((s) => ({
      indexUid,
      q: '',
      filter: [
        s.role === 'broker'
          ? 'visibility IN ["brokers", "companies"]'
          : 'visibility IN ["companies"]',
        'openToWork = true',
        `skillLevels = "${s.skill}:${s.level}"`,
        `country IN ["${s.country}"]`,
        ...(s.language === undefined ? [] : [`languageLevels = "${s.language}"`]),
        `updatedAt > ${changedAfter}`,
      ].join(' AND '),
      sort: ['updatedAt:asc'],
      limit: 100,
      attributesToRetrieve: ['id', 'updatedAt'],
    }));
    const res = await fetch(`${process.env.MEILI_HOST}/multi-search`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${process.env.MEILI_MASTER_KEY}`,
        'content-type': 'application/json',
        'accept-encoding': 'identity',
      },
      body: JSON.stringify({ queries }),
    });
    if (!res.ok) throw new Error(`multi-search: ${res.status} ${await res.text()}`);
    await res.json();
  }
}

async function timed(
  pid: number,
  run: () => Promise<unknown>,
): Promise<{ seconds: number; engineCpu: number; nodeCpu: number }> {
  const cpu0 = cpuSeconds(pid);
  const node0 = process.cpuUsage();
  const start = performance.now();
  await run();
  const seconds = (performance.now() - start) / 1000;
  const node = process.cpuUsage(node0);
  return {
    seconds,
    engineCpu: cpuSeconds(pid) - cpu0,
    nodeCpu: (node.user + node.system) / 1e6,
  };
}

beforeAll(async () => {
  t = await createTestApp({ SAVED_SEARCH_ALERT_BATCH: String(BATCH) });
  [company, broker] = await Promise.all([registerCompany(t), makeBroker(t)]);
}, 600_000);

afterAll(async () => {
  await t?.close();
});

it('saved-search alerts: the job vs the bare engine', async () => {
  const searches = await seed();
  const pid = meilisearchPid();
  const lastRun = new Date(Date.now() - 3_600_000);
  const changedAfter = lastRun.getTime() - OVERLAP_MS;

  await rawEngine(searches.slice(0, BATCH), changedAfter); // warm-up
  const raw = await timed(pid, () => rawEngine(searches, changedAfter));

  await makeAllDue(lastRun);
  let report = { searches: 0, notified: 0, items: 0 };
  const job = await timed(pid, async () => {
    report = await t.app.get(SavedSearchAlerts).runDue(new Date());
  });
  if (report.searches !== SEARCHES) {
    throw new Error(`the job ran ${report.searches} of ${SEARCHES} searches`);
  }

  const row = (name: string, r: { seconds: number; engineCpu: number; nodeCpu: number }) =>
    `${name.padEnd(34)} ${r.seconds.toFixed(1).padStart(8)} ${(SEARCHES / r.seconds)
      .toFixed(0)
      .padStart(10)} ${r.engineCpu.toFixed(1).padStart(12)} ${r.nodeCpu.toFixed(1).padStart(10)}`;
  process.stdout.write(
    [
      '',
      `${SEARCHES} saved searches over ${PROFILES} profiles (${report.notified} alerts, ${report.items} items)`,
      `${'side'.padEnd(34)} ${'wall s'.padStart(8)} ${'searches/s'.padStart(10)} ${'engine CPU s'.padStart(12)} ${'node CPU s'.padStart(10)}`,
      row('alerts job (SavedSearchAlerts)', job),
      row(`bare multi-search (${BATCH} a batch)`, raw),
      `ratio job/bare: wall ${(job.seconds / raw.seconds).toFixed(2)}, engine CPU ${(
        job.engineCpu / Math.max(raw.engineCpu, 0.01)
      ).toFixed(2)}`,
      `load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
      '',
    ].join('\n'),
  );
}, 3_600_000);
