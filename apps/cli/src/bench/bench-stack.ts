import { loadConfig, type AppConfig } from '@app/config';
import { runMigrations } from '@app/database';
import { startEmbeddedServices, type EmbeddedServices } from '@app/embedded';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import { TaxonomyService } from '@app/taxonomy';
import { WorkerModule } from '../../../worker/src/worker.module.js';
import { API_NODE_FLAGS } from '../process-flags.js';
import { jsonRequest, type CallArgs } from './keep-alive-client.js';
import { bulkInsertProfiles } from './profile-bulk-writer.js';
import { generateProfiles, type SkillPool } from './profile-population.js';
import {
  demandedSkills,
  loadPostings,
  resolvePostings,
  type ResolvedPosting,
} from './request-population.js';

/** dist/apps: where the built entry points of the API, the worker and the CLI are. */
export const DIST_APPS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export const say = (line: string): void => void process.stdout.write(`${line}\n`);

/**
 * What a benchmark runs on: embedded PostgreSQL and Meilisearch in a data directory, the
 * schema migrated, the worker's module loaded in this process (for seeding and reindexing),
 * and the product's processes it starts. A temp directory is removed afterwards; a directory
 * named with `keepDataDir` is kept, so a large population is generated once and reused.
 */
export interface BenchStack {
  dataDir: string;
  services: EmbeddedServices;
  config: AppConfig;
  ctx: INestApplicationContext;
  /** Starts a process of the product and stops it at cleanup. */
  spawnProcess(
    args: string[],
    env: Record<string, string>,
    stdout?: 'ignore' | 'pipe',
  ): ChildProcess;
  /** SIGTERM, then waits for the exit. */
  stop(child: ChildProcess): Promise<void>;
  cleanup(): Promise<void>;
}

export async function openBenchStack(keepDataDir?: string): Promise<BenchStack> {
  let dataDir: string;
  if (keepDataDir === undefined) {
    dataDir = mkdtempSync(join(tmpdir(), 'talentbridge-bench-'));
  } else {
    dataDir = resolve(keepDataDir);
    if (!existsSync(dataDir)) mkdirSync(dataDir, { recursive: true });
  }
  // mkdtemp makes it 700; as root, PostgreSQL runs as "postgres" and must pass through it
  chmodSync(dataDir, 0o711);
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    MEILI_HOST: '',
    MEILI_MASTER_KEY: 'bench-master-key-0123456789',
    MEILI_INDEX_PREFIX: '',
  });
  const services = await startEmbeddedServices(config);
  const children: ChildProcess[] = [];
  const stop = async (child: ChildProcess): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  let ctx: INestApplicationContext | undefined;
  const cleanup = async (): Promise<void> => {
    await Promise.all(children.map(stop));
    await ctx?.close();
    await services.stop();
    if (keepDataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    await runMigrations({ nodeEnv: 'production', databaseUrl: services.env.DATABASE_URL });
    Object.assign(process.env, services.env, {
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-jwt-secret-0123456789abcdef-0123456789',
      JWT_ACCESS_TTL_SECONDS: '7200',
      WORKER_RELAY_ENABLED: 'false',
      SEARCH_DRIFT_INTERVAL_MINUTES: '0',
      LOG_LEVEL: 'warn',
      MEILI_INDEX_PREFIX: '',
      DATA_DIR: dataDir,
      // no e-mail leaves: without SMTP_URL it is saved in DATA_DIR/mail
      SMTP_URL: '',
    });
    ctx = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
    await ctx.init();
  } catch (error) {
    await cleanup();
    throw error;
  }
  return {
    dataDir,
    services,
    config,
    ctx,
    spawnProcess(args, env, stdout = 'ignore') {
      const child = spawn(process.execPath, args, {
        env: { ...process.env, ...env },
        stdio: ['ignore', stdout, 'inherit'],
      });
      children.push(child);
      return child;
    },
    stop,
    cleanup,
  };
}

/** Waits until `base`/health/ready answers, or fails when `child` stops first. */
export async function waitUntilServing(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; ; i += 1) {
    const ok = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (child.exitCode !== null) throw new Error('the API stopped during start-up');
    if (i > 1200) throw new Error('API did not become ready');
    await sleep(100);
  }
}

/** One API process as the image runs it (main.js with the product's Node flags), its pid known. */
export async function startApiProcess(stack: BenchStack, port: number): Promise<ChildProcess> {
  const api = stack.spawnProcess([...API_NODE_FLAGS, join(DIST_APPS, 'api', 'src', 'main.js')], {
    PORT: String(port),
  });
  await waitUntilServing(`http://127.0.0.1:${port}`, api);
  return api;
}

/** The API as `npm start` runs it (start.js, API_PROCESSES processes, no worker) on `port`. */
export async function startApiCluster(
  stack: BenchStack,
  port: number,
  processes: number,
): Promise<ChildProcess> {
  const api = stack.spawnProcess([join(DIST_APPS, 'cli', 'src', 'start.js')], {
    PORT: String(port),
    API_PROCESSES: String(processes),
    WORKER_PROCESSES: '0',
    // the production default (one line per request), not the quiet level of the other processes:
    // freshness and scale-out measure the API as it is deployed (docs/search-pipeline.md)
    LOG_LEVEL: 'info',
  });
  await waitUntilServing(`http://127.0.0.1:${port}`, api);
  return api;
}

/** Resident memory of process `pid` now and at its peak, in MB (Linux /proc; 0 elsewhere). */
export function processMemory(pid: number | undefined): { now: number; peak: number } {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return { now: 0, peak: 0 };
  }
  const mb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { now: mb('VmRSS'), peak: mb('VmHWM') };
}

/** A call through global `fetch`, as the engine's client makes its own (`bench:scale`). */
export async function call(
  ...[base, method, path, token, body, extra]: CallArgs
): Promise<Response> {
  const { headers, payload } = jsonRequest(token, body, extra);
  return fetch(`${base}${path}`, { method, headers, body: payload });
}

/** The body of a 2xx answer as JSON; any other answer fails, naming `what`. */
export async function json<T>(
  res: Pick<Response, 'ok' | 'status' | 'text' | 'json'>,
  what: string,
): Promise<T> {
  if (!res.ok) throw new Error(`${what}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

/** `concurrency` callers repeating `work(i)` until `until()` says stop: latencies and count. */
export async function closedLoop(
  concurrency: number,
  until: () => boolean,
  work: (i: number) => Promise<void>,
): Promise<{ latencies: number[]; wallMs: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (!until()) {
        const t0 = performance.now();
        try {
          await work(next++);
          latencies.push(performance.now() - t0);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return {
    latencies: latencies.sort((a, b) => a - b),
    wallMs: performance.now() - started,
    errors,
  };
}

/** Talent searches a company would make: a skill, a country or two, sometimes a language. */
export function talentQueries(skills: string[]): string[] {
  const countries = ['RS', 'AL', 'MK', 'XK', 'BA', 'ME'];
  return skills.slice(0, 24).map((skill, i) => {
    const parts = [`skills=${skill}`, `countries=${countries[i % 6]},${countries[(i + 2) % 6]}`];
    if (i % 3 === 0) parts.push('languages=en:B1');
    if (i % 4 === 1) parts.push('q=support');
    return `/api/talent?${parts.join('&')}&limit=20`;
  });
}

/** The skills profiles and requests draw from: what real postings ask for, and the rest. */
export async function benchSkillPool(
  ctx: INestApplicationContext,
): Promise<{ postings: ResolvedPosting[]; pool: SkillPool }> {
  const taxonomy = ctx.get(TaxonomyService);
  const postings = await resolvePostings(
    loadPostings(resolve(process.cwd(), 'test/fixtures/postings.json')),
    async (labels) => (await taxonomy.resolveLabels(labels)).map((r) => r.skill?.id ?? null),
  );
  const skills: { id: string }[] = await ctx
    .get(DataSource)
    .query(`SELECT id FROM skills WHERE category IN ('digital', 'bpo') ORDER BY id`);
  return { postings, pool: { demanded: demandedSkills(postings), all: skills.map((s) => s.id) } };
}

/** Profiles generated and written per batch: a million never sits in memory at once. */
const SEED_BATCH = 10_000;

/**
 * Grows the population written by this function to `target` profiles through the bulk path:
 * batch `b` is `generateProfiles(…, seed + b)`, so the same target always gives the same people,
 * and a run that finds some of them already written (a kept data directory) adds the rest.
 * Returns how many it wrote.
 */
export async function seedProfilesUpTo(
  ctx: INestApplicationContext,
  target: number,
  pool: SkillPool,
  passwordHash: string,
  options: { seed: number; emailPrefix: string; now: Date },
): Promise<number> {
  const ds = ctx.get(DataSource);
  const [{ n }]: { n: string }[] = await ds.query(
    `SELECT count(*) AS n FROM users WHERE email LIKE $1`,
    [`${options.emailPrefix}-%`],
  );
  const existing = Number(n);
  for (let from = existing; from < target;) {
    const batch = Math.floor(from / SEED_BATCH);
    const inBatch = from - batch * SEED_BATCH;
    const upTo = Math.min(SEED_BATCH, target - batch * SEED_BATCH);
    const generated = generateProfiles(
      upTo,
      options.seed + batch,
      pool,
      options.now,
      options.emailPrefix,
    ).slice(inBatch);
    await bulkInsertProfiles((text, params) => ds.query(text, params), generated, passwordHash);
    from = batch * SEED_BATCH + upTo;
  }
  if (target > existing) await ds.query('VACUUM (ANALYZE)');
  return Math.max(0, target - existing);
}
