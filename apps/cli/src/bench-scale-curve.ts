/**
 * `npm run bench:scale -- --sizes 10000,100000,1000000 [--data-dir DIR]`: how the product behaves
 * as the population grows. For each size, smallest first, from a clean clone in one command:
 * profiles written through the bulk path (as `bench:match` writes them, in deterministic
 * batches), the profiles index rebuilt by the pipeline's reindex (timed), then a fresh API
 * process measured on three calls people wait on — the candidates of a work request, talent
 * search and a trainee's recommendations — each beside the raw engine doing the equivalent query:
 * p50/p99 at c=1 and throughput at c=16, the eligible-set sizes, the API's and the engine's
 * memory, and the engine's size on disk.
 *
 * `--data-dir DIR` keeps the data directory: a later run with the same directory adds only the
 * profiles it lacks and reuses the index when it already holds that size (a million profiles are
 * generated and indexed once). Without it, a temp directory is used and removed.
 */
import { GeoService } from '@app/geo';
import 'reflect-metadata';
import { freePort } from '@app/embedded';
import { FETCH_PAGE_SIZE, candidatesEngineFilter, fetchEveryPage } from '@app/matching';
import {
  OPPORTUNITIES_INDEX,
  OPPORTUNITY_MATCH_FIELDS,
  type OpportunityMatchDocument,
} from '@app/opportunities';
import { PROFILE_MATCH_FIELDS, PROFILES_INDEX } from '@app/profiles';
import { OutboxRelay, SearchIndexRegistry, createMeiliClient } from '@app/search';
import { hash } from '@node-rs/argon2';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  benchSkillPool,
  call,
  closedLoop,
  json,
  openBenchStack,
  processMemory,
  say,
  seedProfilesUpTo,
  startApiProcess,
  talentQueries,
} from './bench/bench-stack.js';
import { percentile } from './bench/latency.js';
import { workRequestBodies } from './bench/request-population.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? undefined : args[i + 1];
};
const whole = (name: string, fallback: number): number => {
  const raw = option(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!(Number.isInteger(value) && value > 0)) {
    throw new Error(`--${name} must be a positive whole number`);
  }
  return value;
};
const SIZES = (option('sizes') ?? '10000,100000,1000000').split(',').map((s) => {
  const n = Number(s);
  if (!(Number.isInteger(n) && n > 0)) throw new Error('--sizes takes whole numbers: 10000,100000');
  return n;
});
SIZES.sort((a, b) => a - b);
const KEEP_DIR = option('data-dir');
const REQUESTS = whole('requests', 20);
const TRAINEES = whole('trainees', 20);
/** c=1: calls measured per kind (in turns of a block each); c=16: seconds per kind. */
const CALLS = whole('calls', 200);
const SECONDS = whole('seconds', 10);
const WARMUP = whole('warmup', 100);
const LIMIT = 20;
const PASSWORD = 'Bench-scale-password-1';
const TARGET_1M_P50_MS = 150;
const ms = (n: number): string => (n >= 100 ? `${n.toFixed(0)} ms` : `${n.toFixed(1)} ms`);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** What a kept data directory already holds, so a later run does not redo it. */
interface Marker {
  requestIds: string[];
  /** size → how long the reindex of that population took. */
  reindexMs: Record<string, number>;
  /** The population the profiles index was last built for. */
  indexedSize?: number;
}

/** pids of processes named `name` whose command line names `dir` (Linux /proc). */
function pidsNamed(name: string, dir: string): number[] {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return [];
  }
  return pids.flatMap((pid) => {
    try {
      const ours =
        readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === name &&
        readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
      return ours ? [Number(pid)] : [];
    } catch {
      return [];
    }
  });
}

interface Kind {
  name: string;
  api: (i: number) => Promise<void>;
  engine: (i: number) => Promise<void>;
  engineName: string;
}

interface Figures {
  p50: number;
  p99: number;
  rps: number;
}

/** c=1: CALLS calls one after another; c=16: SECONDS of 16 callers. */
async function figuresOf(work: (i: number) => Promise<void>): Promise<Figures> {
  const single = await closedLoop(1, countdown(CALLS), work);
  const end = performance.now() + SECONDS * 1000;
  const many = await closedLoop(16, () => performance.now() > end, work);
  if (single.errors + many.errors > 0) {
    throw new Error(`${single.errors + many.errors} calls failed`);
  }
  return {
    p50: percentile(single.latencies, 50),
    p99: percentile(single.latencies, 99),
    rps: (many.latencies.length / many.wallMs) * 1000,
  };
}

function countdown(calls: number): () => boolean {
  let left = calls;
  return () => left-- <= 0;
}

const stack = await openBenchStack(KEEP_DIR);
const summary: string[] = [];
try {
  const { ctx, dataDir } = stack;
  const ds = ctx.get(DataSource);
  const registry = ctx.get(SearchIndexRegistry);
  const meili = createMeiliClient({
    meiliHost: stack.services.env.MEILI_HOST,
    meiliMasterKey: stack.services.env.MEILI_MASTER_KEY,
  });
  const markerPath = join(dataDir, 'bench-scale.json');
  const marker: Marker = existsSync(markerPath)
    ? (JSON.parse(readFileSync(markerPath, 'utf8')) as Marker)
    : { requestIds: [], reindexMs: {} };
  const saveMarker = () => writeFileSync(markerPath, JSON.stringify(marker, null, 2));
  say(
    `Scale curve: ${SIZES.join(', ')} profiles; ${REQUESTS} work requests, ${TRAINEES} trainees; data in ${dataDir}${KEEP_DIR === undefined ? ' (removed afterwards)' : ' (kept)'}`,
  );
  const { postings, pool } = await benchSkillPool(ctx);
  const passwordHash = await hash(PASSWORD);
  const now = new Date();
  const companyLogin = { email: 'scale-company@talentbridge.invalid', password: PASSWORD };

  for (const size of SIZES) {
    say('');
    say(`== ${size.toLocaleString('en')} profiles`);
    let t0 = performance.now();
    const written = await seedProfilesUpTo(ctx, size, pool, passwordHash, {
      seed: 4100,
      emailPrefix: 'scale',
      now,
    });
    say(`bulk path: ${written} profiles written in ${ms(performance.now() - t0)}`);
    if (marker.indexedSize !== size || marker.reindexMs[size] === undefined) {
      t0 = performance.now();
      const built = await registry.reindex(PROFILES_INDEX);
      marker.reindexMs[size] = performance.now() - t0;
      marker.indexedSize = size;
      saveMarker();
      say(`reindex: ${built.documents} documents in ${ms(marker.reindexMs[size])}`);
    } else {
      say(`reindex: kept from an earlier run (${ms(marker.reindexMs[size])})`);
    }

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const api = await startApiProcess(stack, port);
    if (marker.requestIds.length === 0) {
      await json(
        await call(base, 'POST', '/api/auth/register', undefined, {
          ...companyLogin,
          displayName: 'Scale Company',
          accountType: 'company',
          organisationName: 'Scale d.o.o.',
        }),
        'register',
      );
      // publishing needs a confirmed address: confirm it as following the link would
      await ds.query(`UPDATE users SET email_verified_at = now() WHERE email = $1`, [
        companyLogin.email,
      ]);
    }
    const { accessToken: companyToken } = await json<{ accessToken: string }>(
      await call(base, 'POST', '/api/auth/login', undefined, companyLogin),
      'company login',
    );
    if (marker.requestIds.length === 0) {
      for (const body of workRequestBodies(postings, REQUESTS, 60, now)) {
        const created = await json<{ id: string }>(
          await call(base, 'POST', '/api/work-requests', companyToken, body),
          'create request',
        );
        await json(
          await call(base, 'POST', `/api/work-requests/${created.id}/publish`, companyToken, {}),
          'publish',
        );
        marker.requestIds.push(created.id);
      }
      saveMarker();
      await ctx.get(OutboxRelay).drain();
    }
    const ids = marker.requestIds;
    const trainees: { email: string }[] = await ds.query(
      `SELECT u.email FROM users u JOIN profiles p ON p.user_id = u.id
        WHERE u.email LIKE 'scale-%' AND p.open_to_work AND p.visibility <> 'private'
        ORDER BY u.email LIMIT $1`,
      [TRAINEES],
    );
    const traineeTokens: string[] = [];
    for (const { email } of trainees) {
      const { accessToken } = await json<{ accessToken: string }>(
        await call(base, 'POST', '/api/auth/login', undefined, { email, password: PASSWORD }),
        'trainee login',
      );
      traineeTokens.push(accessToken);
    }

    // the engine's equivalents of each call
    const profiles = meili.index(PROFILES_INDEX);
    const opportunities = meili.index<OpportunityMatchDocument>(OPPORTUNITIES_INDEX);
    const opportunityDocs = await opportunities.getDocuments({
      ids,
      fields: [...OPPORTUNITY_MATCH_FIELDS],
      limit: ids.length,
    });
    const cover = ctx.get(GeoService, { strict: false }).geoCover();
    const filters = new Map(
      opportunityDocs.results.map((d) => [
        d.id,
        candidatesEngineFilter(d, ['companies'], cover) ?? '',
      ]),
    );
    const eligible: number[] = [];
    for (const id of ids) {
      const filter = filters.get(id) as string;
      eligible.push((await profiles.getDocuments({ filter, fields: ['id'], limit: 1 })).total);
    }
    eligible.sort((a, b) => a - b);
    const fields = [...PROFILE_MATCH_FIELDS];
    const skills = pool.demanded;
    const talentPaths = talentQueries(skills);
    const countries = ['RS', 'AL', 'MK', 'XK', 'BA', 'ME'];
    /** The same talent queries as engine searches: filter, facets, the first page. */
    const talentSearches = skills.slice(0, 24).map((skill, i) => ({
      q: i % 4 === 1 ? 'support' : '',
      filter: [
        `visibility IN ["companies"] AND openToWork = true AND skillIds = "${skill}"`,
        `country IN ["${countries[i % 6]}", "${countries[(i + 2) % 6]}"]`,
        ...(i % 3 === 0 ? ['languageLevels = "en:B1"'] : []),
      ].join(' AND '),
    }));
    const kinds: Kind[] = [
      {
        name: 'candidates',
        api: async (i) => {
          await json(
            await call(
              base,
              'GET',
              `/api/work-requests/${ids[i % ids.length]}/candidates?limit=${LIMIT}`,
              companyToken,
            ),
            'candidates',
          );
        },
        engineName: 'every eligible document',
        engine: async (i) => {
          const filter = filters.get(ids[i % ids.length]) as string;
          await fetchEveryPage((offset) =>
            profiles.getDocuments({ filter, fields, limit: FETCH_PAGE_SIZE, offset }),
          );
        },
      },
      {
        name: 'talent search',
        api: async (i) => {
          await json(
            await call(base, 'GET', talentPaths[i % talentPaths.length], companyToken),
            'talent',
          );
        },
        engineName: 'the same search, first page',
        engine: async (i) => {
          const s = talentSearches[i % talentSearches.length];
          await profiles.search(s.q, {
            filter: s.filter,
            limit: LIMIT,
            facets: ['skillIds', 'country', 'languageCodes', 'workModes', 'engagementTypes'],
          });
        },
      },
      {
        name: 'recommendations',
        api: async (i) => {
          await json(
            await call(
              base,
              'GET',
              `/api/profiles/me/recommendations?limit=${LIMIT}`,
              traineeTokens[i % traineeTokens.length],
            ),
            'recommendations',
          );
        },
        engineName: 'every open opportunity document',
        engine: async () => {
          await opportunities.getDocuments({
            filter: 'status = "open"',
            fields: [...OPPORTUNITY_MATCH_FIELDS],
            limit: 1000,
          });
        },
      },
    ];
    for (const kind of kinds) {
      await closedLoop(4, countdown(WARMUP), kind.api);
      await closedLoop(4, countdown(WARMUP), kind.engine);
    }
    say(
      `eligible profiles per request: median ${eligible[Math.floor(eligible.length / 2)]}, max ${eligible.at(-1)}, mean ${(eligible.reduce((a, b) => a + b, 0) / eligible.length).toFixed(0)}`,
    );
    say(
      '| call | API c=1 p50 / p99 | API c=16 req/s | engine | engine c=1 p50 / p99 | engine c=16 req/s | p50 ratio | req/s ratio |',
    );
    say('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const kind of kinds) {
      const a = await figuresOf(kind.api);
      const e = await figuresOf(kind.engine);
      say(
        `| ${kind.name} | ${ms(a.p50)} / ${ms(a.p99)} | ${a.rps.toFixed(0)} | ${kind.engineName} | ${ms(e.p50)} / ${ms(e.p99)} | ${e.rps.toFixed(0)} | ${(a.p50 / e.p50).toFixed(2)} | ${(a.rps / e.rps).toFixed(2)} |`,
      );
      if (kind.name === 'candidates') {
        summary.push(
          `| ${size.toLocaleString('en')} | ${ms(a.p50)} | ${ms(a.p99)} | ${a.rps.toFixed(0)} | ${eligible.at(-1)} | `,
        );
      }
    }
    const stats = await meili.getStats();
    const apiMemory = processMemory(api.pid);
    const engineMemory = pidsNamed('meilisearch', dataDir).map((pid) => processMemory(pid));
    const engineNow = engineMemory.reduce((sum, m) => sum + m.now, 0);
    const enginePeak = engineMemory.reduce((sum, m) => sum + m.peak, 0);
    say(
      `memory: API ${apiMemory.now.toFixed(0)} MB (peak ${apiMemory.peak.toFixed(0)} MB), engine ${engineNow.toFixed(0)} MB (peak ${enginePeak.toFixed(0)} MB); engine on disk ${mb(stats.databaseSize)}; reindex ${ms(marker.reindexMs[size])}`,
    );
    summary[summary.length - 1] +=
      `${apiMemory.peak.toFixed(0)} MB | ${enginePeak.toFixed(0)} MB | ${mb(stats.databaseSize)} | ${ms(marker.reindexMs[size])} |`;
    await stack.stop(api);
  }
  say('');
  say(
    '| profiles | candidates c=1 p50 | p99 | c=16 req/s | largest eligible set | API RSS peak | engine RSS peak | engine on disk | reindex |',
  );
  say('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const line of summary) say(line);
  say(`target at 1,000,000 profiles: candidates p50 ≤ ${TARGET_1M_P50_MS} ms at c=1`);
} finally {
  await stack.cleanup();
}
