/**
 * `npm run bench:match -- --profiles 100000`: how fast matching is, and what the API adds over
 * the engine. From a clean clone, one command: embedded PostgreSQL and Meilisearch in a temp
 * directory, deterministic profiles written through the bulk path (rows identical to the write
 * path), the index built by the pipeline's reindex and, for comparison, by a raw bulk add of the
 * same documents; then the candidates endpoint of a separate API process against the engine's
 * closest equivalent queries (every eligible document, through the meilisearch client and through
 * the API's own transport; a top-k search) and the same call with `nearMisses=true`, warmed up
 * and then in turns, at concurrency 1 and 16. Everything is removed afterwards.
 */
import { GeoService } from '@app/geo';
import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { runMigrations } from '@app/database';
import { startEmbeddedServices, freePort } from '@app/embedded';
import { FETCH_PAGE_SIZE, candidatesEngineFilter, fetchEveryPage } from '@app/matching';
import {
  OPPORTUNITIES_INDEX,
  OPPORTUNITY_MATCH_FIELDS,
  type OpportunityMatchDocument,
} from '@app/opportunities';
import { PROFILE_MATCH_FIELDS, PROFILES_INDEX } from '@app/profiles';
import {
  DocumentsFetcher,
  OutboxRelay,
  SearchIndexRegistry,
  createMeiliClient,
  expectTaskSucceeded,
  type SearchDocument,
} from '@app/search';
import { TaxonomyService } from '@app/taxonomy';
import { NestFactory } from '@nestjs/core';
import { hash } from '@node-rs/argon2';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../../worker/src/worker.module.js';
import { percentile } from './bench/latency.js';
import { API_NODE_FLAGS } from './process-flags.js';
import { cpuSnapshot, cpuUsedBetween, type CpuByGroup } from './bench/process-cpu.js';
import { bulkInsertProfiles } from './bench/profile-bulk-writer.js';
import { generateProfiles } from './bench/profile-population.js';
import {
  demandedSkills,
  loadPostings,
  resolvePostings,
  workRequestBodies,
} from './bench/request-population.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  const value = i < 0 ? undefined : Number(args[i + 1]);
  if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
    throw new Error(`--${name} must be a positive whole number`);
  }
  return value ?? fallback;
};
const PROFILES = arg('profiles', 100_000);
const REQUESTS = arg('requests', 50);
const ROUNDS = arg('rounds', 4);
const WARMUP = arg('warmup', 1000);
/** Warm-up calls per kind and turn; the API's CPU per block is printed, to show it has settled. */
const WARMUP_BLOCK = 250;
const LIMIT = 20;
const say = (line: string): void => void process.stdout.write(`${line}\n`);
const ms = (n: number): string => `${n.toFixed(1)} ms`;
const distApps = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Run {
  p50: number;
  p99: number;
  rps: number;
  /** CPU ms per call spent by each process group during the run. */
  cpu: CpuByGroup;
}

let apiPid: number | undefined;

/** The API process's resident memory now and at its peak so far, in MB, from /proc. */
function apiMemory(): { now: number; peak: number } {
  const status = readFileSync(`/proc/${apiPid}/status`, 'utf8');
  const mb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { now: mb('VmRSS'), peak: mb('VmHWM') };
}
const memory = (): string => {
  const m = apiMemory();
  return `${m.now.toFixed(0)} MB (peak so far ${m.peak.toFixed(0)} MB)`;
};

interface Block {
  latencies: number[];
  wallMs: number;
  /** CPU ms spent by each process group during the block (totals, not per call). */
  cpu: CpuByGroup;
}

/** `total` calls of `call(i)`, `concurrency` at a time: each latency, the wall time and CPU. */
async function measureBlock(
  total: number,
  concurrency: number,
  call: (i: number) => Promise<void>,
): Promise<Block> {
  const latencies: number[] = [];
  let next = 0;
  const cpuBefore = cpuSnapshot(apiPid);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t0 = performance.now();
        await call(i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const wallMs = performance.now() - started;
  return { latencies, wallMs, cpu: cpuUsedBetween(cpuBefore, cpuSnapshot(apiPid)) };
}

function summarise(blocks: Block[]): Run {
  const sorted = blocks.flatMap((b) => b.latencies).sort((a, b) => a - b);
  const wallMs = blocks.reduce((sum, b) => sum + b.wallMs, 0);
  const per = (key: keyof CpuByGroup) =>
    blocks.reduce((sum, b) => sum + b.cpu[key], 0) / sorted.length;
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    rps: (sorted.length / wallMs) * 1000,
    cpu: {
      api: per('api'),
      worker: per('worker'),
      engine: per('engine'),
      postgres: per('postgres'),
      bench: per('bench'),
    },
  };
}

/**
 * `total` calls of each of `calls`, in blocks of `perBlock` (the last one takes what is left), the
 * kinds taking turns block by block, so a machine that speeds up or slows down during the run
 * (this VM does, by ±15 %) weighs on every kind alike instead of on whichever ran first, and no
 * kind sits idle for long. Each kind's blocks, in order.
 */
async function blocksInTurns(
  calls: ((i: number) => Promise<void>)[],
  total: number,
  perBlock: number,
  concurrency: number,
): Promise<Block[][]> {
  const blocks: Block[][] = calls.map(() => []);
  for (let done = 0; done < total; done += perBlock) {
    for (const [k, call] of calls.entries()) {
      blocks[k].push(await measureBlock(Math.min(perBlock, total - done), concurrency, call));
    }
  }
  return blocks;
}

const dataDir = mkdtempSync(join(tmpdir(), 'talentbridge-bench-'));
// run as root, PostgreSQL runs as `postgres`, which must be able to pass through (mkdtemp makes 700)
chmodSync(dataDir, 0o711);
let api: ChildProcess | undefined;
const config = loadConfig({
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  MEILI_HOST: '',
  MEILI_MASTER_KEY: 'bench-master-key-0123456789',
  MEILI_INDEX_PREFIX: '',
});
const services = await startEmbeddedServices(config);
const cleanup = async (): Promise<void> => {
  if (api !== undefined && api.exitCode === null) {
    const exited = new Promise((r) => api?.once('exit', r));
    api.kill('SIGTERM');
    await exited;
  }
  await services.stop();
  rmSync(dataDir, { recursive: true, force: true });
};
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
  say(`Matching benchmark: ${PROFILES} profiles, ${REQUESTS} requests (data in ${dataDir})`);
  await runMigrations({ nodeEnv: 'production', databaseUrl: services.env.DATABASE_URL });
  Object.assign(process.env, services.env, {
    NODE_ENV: 'production',
    JWT_SECRET: 'bench-jwt-secret-0123456789abcdef-0123456789',
    WORKER_RELAY_ENABLED: 'false',
    SEARCH_DRIFT_INTERVAL_MINUTES: '0',
    LOG_LEVEL: 'warn',
    MEILI_INDEX_PREFIX: '',
  });
  const ctx = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  await ctx.init();
  const ds = ctx.get(DataSource);
  const meili = createMeiliClient({
    meiliHost: services.env.MEILI_HOST,
    meiliMasterKey: services.env.MEILI_MASTER_KEY,
  });

  // 1. profiles through the bulk path
  const taxonomy = ctx.get(TaxonomyService);
  const postings = await resolvePostings(
    loadPostings(resolve(process.cwd(), 'test/fixtures/postings.json')),
    async (labels) => (await taxonomy.resolveLabels(labels)).map((r) => r.skill?.id ?? null),
  );
  const skills: { id: string }[] = await ds.query(
    `SELECT id FROM skills WHERE category IN ('digital', 'bpo') ORDER BY id`,
  );
  const now = new Date();
  let t0 = performance.now();
  const seeded = generateProfiles(
    PROFILES,
    2026,
    { demanded: demandedSkills(postings), all: skills.map((s) => s.id) },
    now,
  );
  const passwordHash = await hash('bench-password-not-for-login');
  await bulkInsertProfiles((text, params) => ds.query(text, params), seeded, passwordHash);
  seeded.length = 0; // the benchmark's own client must not carry 100k profiles through the measurements
  say(`seeded ${PROFILES} profiles in PostgreSQL: ${ms(performance.now() - t0)}`);
  // measure a settled database, as in service: otherwise autovacuum works through the fresh rows
  // during the first measurements and takes CPU from them
  t0 = performance.now();
  await ds.query('VACUUM (ANALYZE)');
  say(`vacuumed and analysed: ${ms(performance.now() - t0)}`);

  // 2. index build: the pipeline's reindex from PostgreSQL vs a raw bulk add of the same documents
  const registry = ctx.get(SearchIndexRegistry);
  t0 = performance.now();
  const built = await registry.reindex(PROFILES_INDEX);
  const reindexMs = performance.now() - t0;
  const definition = registry.get(PROFILES_INDEX);
  const docs: SearchDocument[] = [];
  for (let afterId: string | undefined; ;) {
    const page = await definition.loadPage(ds.manager, afterId, 5_000);
    docs.push(...page);
    if (page.length < 5_000) break;
    afterId = page[page.length - 1].id;
  }
  await expectTaskSucceeded(meili.createIndex('scratch', { primaryKey: 'id' }), 600_000);
  const scratch = meili.index('scratch');
  await expectTaskSucceeded(scratch.updateSettings(definition.settings), 600_000);
  t0 = performance.now();
  // batch by batch, as the reindex sends them (many large uploads at once make the engine drop connections)
  for (let i = 0; i < docs.length; i += 5_000) {
    await expectTaskSucceeded(
      scratch.addDocuments(docs.slice(i, i + 5_000), { primaryKey: 'id' }),
      600_000,
    );
  }
  const rawMs = performance.now() - t0;
  docs.length = 0;
  await expectTaskSucceeded(meili.deleteIndex('scratch'), 600_000);
  say(
    `index build, ${built.documents} documents: pipeline reindex ${ms(reindexMs)}, raw bulk add ${ms(rawMs)}, ratio ${(reindexMs / rawMs).toFixed(2)} (target ≤ 1.5)`,
  );

  // 3. the API as its own process
  const port = await freePort();
  // started as `npm start` and the image start it, with the same Node flags
  api = spawn(process.execPath, [...API_NODE_FLAGS, join(distApps, 'api', 'src', 'main.js')], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  apiPid = api.pid;
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    const ok = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 600) throw new Error('API did not become ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const companyLogin = {
    email: 'bench-company@talentbridge.invalid',
    password: 'Bench-company-password-1',
  };
  await post('/api/auth/register', {
    ...companyLogin,
    displayName: 'Bench Company',
    accountType: 'company',
    organisationName: 'Bench d.o.o.',
  });
  // publishing needs a confirmed e-mail address: confirm it as following the link would, sign in again
  await ds.query(`UPDATE users SET email_verified_at = now() WHERE email = $1`, [
    companyLogin.email,
  ]);
  const token = (await post('/api/auth/login', companyLogin)).accessToken as string;
  const ids: string[] = [];
  for (const body of workRequestBodies(postings, REQUESTS, 50, now)) {
    const created = await post('/api/work-requests', body, token);
    await post(`/api/work-requests/${created.id as string}/publish`, {}, token);
    ids.push(created.id as string);
  }
  say(`API process RSS after start-up and publishing ${ids.length} requests: ${memory()}`);
  await ctx.get(OutboxRelay).drain();
  const cover = ctx.get(GeoService, { strict: false }).geoCover();
  const opportunityDocs = await meili
    .index<OpportunityMatchDocument>(OPPORTUNITIES_INDEX)
    .getDocuments({ ids, fields: [...OPPORTUNITY_MATCH_FIELDS], limit: ids.length });
  const filters = new Map(
    opportunityDocs.results.map((d) => [
      d.id,
      candidatesEngineFilter(d, ['companies'], cover) ?? '',
    ]),
  );

  // 4. candidates endpoint vs the engine
  const candidatesCall = (query: string) => async (i: number) => {
    const res = await fetch(
      `${base}/api/work-requests/${ids[i % ids.length]}/candidates?limit=${LIMIT}${query}`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    if (!res.ok) throw new Error(`candidates: ${res.status} ${await res.text()}`);
    await res.json();
  };
  const callApi = candidatesCall('');
  /** The same call with the near misses after the candidates (one engine query, a wider filter). */
  const callApiNearMisses = candidatesCall('&nearMisses=true');
  const profiles = meili.index(PROFILES_INDEX);
  /** Every eligible document of request `i`, paged as the API pages it (what exact scoring needs). */
  const everyEligible =
    (page: (filter: string, offset: number) => Promise<{ results: unknown[]; total: number }>) =>
    async (i: number) => {
      const filter = filters.get(ids[i % ids.length]) as string;
      await fetchEveryPage((offset) => page(filter, offset));
    };
  const fields = [...PROFILE_MATCH_FIELDS];
  const eligibleFetch = everyEligible((filter, offset) =>
    profiles.getDocuments({ filter, fields, limit: FETCH_PAGE_SIZE, offset }),
  );
  /** The same query through the API's own lean transport instead of the meilisearch client. */
  const lean = new DocumentsFetcher({
    meiliHost: services.env.MEILI_HOST,
    meiliMasterKey: services.env.MEILI_MASTER_KEY,
  });
  const eligibleFetchLean = everyEligible((filter, offset) =>
    lean.fetchPage(PROFILES_INDEX, { filter, fields, limit: FETCH_PAGE_SIZE, offset }),
  );
  /** An engine-ranked page: the same filter, the first k hits, ids only. */
  const topKSearch = async (i: number) => {
    await profiles.search('', {
      filter: filters.get(ids[i % ids.length]) as string,
      limit: LIMIT,
      attributesToRetrieve: ['id'],
    });
  };
  let eligible = 0;
  for (const id of ids) {
    eligible += (
      await profiles.getDocuments({ filter: filters.get(id) as string, fields: ['id'], limit: 1 })
    ).total;
  }
  say(`eligible profiles per request: mean ${(eligible / ids.length).toFixed(0)}`);
  let widened = 0;
  for (const d of opportunityDocs.results) {
    const filter = candidatesEngineFilter(d, ['companies'], cover, true) ?? '';
    widened += (await profiles.getDocuments({ filter, fields: ['id'], limit: 1 })).total;
  }
  say(
    `profiles fetched per request with nearMisses=true (eligible or one constraint short): mean ${(widened / ids.length).toFixed(0)}`,
  );
  say(
    `API: pools of ${process.env.DATABASE_POOL_SIZE ?? 'default'} PostgreSQL connections; ${WARMUP} warm-up calls of each kind before each concurrency`,
  );
  const kinds: [string, (i: number) => Promise<void>][] = [
    ['API candidates', callApi],
    ['engine fetch, meilisearch client', eligibleFetch],
    ["engine fetch, the API's transport", eligibleFetchLean],
    ['engine top-k search', topKSearch],
    ['API candidates with nearMisses', callApiNearMisses],
  ];
  const results: { concurrency: number; runs: Run[] }[] = [];
  for (const concurrency of [1, 16]) {
    // measure a service as it runs in use: its hot code compiled, every pooled connection's
    // statements prepared and caches filled at this concurrency, for all kinds alike. The kinds
    // warm up in turns, as they are measured: a kind left idle while the others warm up (tens of
    // seconds) has its pooled connections closed as idle and starts measuring cold
    const calls = kinds.map(([, call]) => call);
    const [apiWarmUp] = await blocksInTurns(
      // the API is the first kind
      calls,
      WARMUP,
      WARMUP_BLOCK,
      concurrency,
    );
    say(
      `warm-up at c=${concurrency}, API CPU per call by block of ${WARMUP_BLOCK}: ${apiWarmUp.map((b) => (b.cpu.api / b.latencies.length).toFixed(1)).join(', ')} ms`,
    );
    const perBlock = 2 * ids.length; // every request twice per block: ramp-up and ramp-down weigh little at c=16
    const runs = (await blocksInTurns(calls, ROUNDS * perBlock, perBlock, concurrency)).map(
      summarise,
    );
    results.push({ concurrency, runs });
    say(`API process RSS after c=${concurrency}: ${memory()}`);
  }
  lean.close();
  say('');
  say('| run | kind | p50 | p99 | rps | CPU per call: API / engine / PostgreSQL / client |');
  say('| --- | --- | --- | --- | --- | --- |');
  for (const { concurrency, runs } of results) {
    for (const [k, [name]] of kinds.entries()) {
      const r = runs[k];
      const cpu = [r.cpu.api, r.cpu.engine, r.cpu.postgres, r.cpu.bench].map((n) => n.toFixed(1));
      say(
        `| c=${concurrency} | ${name} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.rps.toFixed(0)} | ${cpu.join(' / ')} ms |`,
      );
    }
  }
  say('');
  for (const { concurrency, runs } of results) {
    const [a, f, l, s] = runs;
    const ratios = (e: Run) =>
      `p50 ${(a.p50 / e.p50).toFixed(2)}, rps ${(a.rps / e.rps).toFixed(2)}`;
    say(
      `c=${concurrency}, API / engine fetch (meilisearch client): ${ratios(f)}; / the same fetch through the API's transport: ${ratios(l)}; / top-k search: ${ratios(s)}`,
    );
  }
  for (const { concurrency, runs } of results) {
    const [a, , , , n] = runs;
    say(
      `c=${concurrency}, with nearMisses / plain candidates: p50 ${ms(n.p50)} / ${ms(a.p50)} = ${(n.p50 / a.p50).toFixed(2)}, rps ${(n.rps / a.rps).toFixed(2)}`,
    );
  }
  say('targets: p50 ratio ≤ 2.0 at c=1; rps ratio ≥ 0.5 at c=16 (API vs engine fetch)');
  say('target: p50 with nearMisses ≤ 1.3 × plain candidates');
  say(`API process RSS peak: ${apiMemory().peak.toFixed(0)} MB (target < 300 MB)`);
  await ctx.close();
} finally {
  await cleanup();
}
