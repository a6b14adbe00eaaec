/**
 * `npm run bench:freshness` and `npm run bench:scaleout`: the search pipeline's freshness under
 * load, and the API's throughput with one process and with two. From a clean clone, one command
 * each: embedded PostgreSQL and Meilisearch in a temp directory, deterministic profiles written
 * through the bulk path (as `bench:match` writes them) and indexed by the pipeline's reindex, then
 * the product's own processes: the API through `start.js` (as `npm start` runs it, with
 * API_PROCESSES) and the worker. Everything is removed afterwards.
 *
 * Freshness: FRESHNESS_RATE profile saves per second (`PUT /api/profiles/me`, each adding a fresh
 * word to the headline) for FRESHNESS_SECONDS while FRESHNESS_SEARCH_CONCURRENCY callers search
 * talent; after each 200, `GET /api/talent?q=<word>` is polled until the profile is found. Then:
 * latency percentiles, updates never seen, the index's last write of every saved profile against
 * PostgreSQL, the backlog's drain time after the load stops, and the relay's batch sizes.
 *
 * Scale-out: talent search at SCALEOUT_CONCURRENCY (16) against API_PROCESSES=1, then 2.
 */
import 'reflect-metadata';
import { freePort } from '@app/embedded';
import { PROFILES_INDEX } from '@app/profiles';
import { SearchIndexRegistry, createMeiliClient } from '@app/search';
import { hash } from '@node-rs/argon2';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  DIST_APPS,
  benchSkillPool,
  closedLoop,
  json,
  openBenchStack,
  say,
  seedProfilesUpTo,
  sleep,
  startApiCluster,
  talentQueries,
} from './bench/bench-stack.js';
import { engineBatchSummary } from './bench/engine-batches.js';
import { keepAliveCall as call } from './bench/keep-alive-client.js';
import { percentile, sampleFor } from './bench/latency.js';
import { cpuSnapshot, cpuUsedBetween, type CpuByGroup } from './bench/process-cpu.js';
import { WORKER_NODE_FLAGS } from './process-flags.js';

const mode = process.argv.includes('--scaleout') ? 'scaleout' : 'freshness';
const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(Number.isInteger(value) && value > 0))
    throw new Error(`${name} must be a positive whole number`);
  return value;
};
const PROFILES = num(mode === 'scaleout' ? 'SCALEOUT_PROFILES' : 'FRESHNESS_PROFILES', 100_000);
const RATE = num('FRESHNESS_RATE', 50);
const SECONDS = num('FRESHNESS_SECONDS', 60);
const SEARCHERS = num('FRESHNESS_SEARCH_CONCURRENCY', 8);
/** Profiles saved in turn: each is saved again every POOL / RATE seconds. */
const POOL = num('FRESHNESS_POOL', 300);
const POLL_MS = num('FRESHNESS_POLL_MS', 50);
const WORKERS = num('FRESHNESS_WORKERS', 1);
const API_PROCESSES = num('API_PROCESSES', 1);
const SCALE_CONCURRENCY = num('SCALEOUT_CONCURRENCY', 16);
const SCALE_SECONDS = num('SCALEOUT_SECONDS', 20);
const SCALE_ROUNDS = num('SCALEOUT_ROUNDS', 2);
const PASSWORD = 'Bench-trainee-password-1';
/** A change not found within this long counts as lost. */
const GIVE_UP_MS = 30_000;
/** Saves made and waited for before the load (not measured). */
const WARM_UP_SAVES = 10;
/** Seconds of one-at-a-time calls of each kind after the load. */
const QUIET_SECONDS = 2;

/** CPU of each process group over `wallMs`, in % of one core. */
function cpuShares(cpu: CpuByGroup, wallMs: number): string {
  const share = (ms: number) => `${((ms / wallMs) * 100).toFixed(0)} %`;
  return `CPU in % of one core (${availableParallelism()} cores): API ${share(cpu.api)}, Meilisearch ${share(cpu.engine)}, PostgreSQL ${share(cpu.postgres)}, worker ${share(cpu.worker)}, this benchmark's client ${share(cpu.bench)}`;
}

const fmt = (n: number | undefined): string => (n === undefined ? '–' : `${n.toFixed(0)} ms`);

/** A worker process whose log lines (JSON) go to `onLine`. */
function startWorker(name: string, onLine: (line: string) => void): ChildProcess {
  const worker = stack.spawnProcess(
    [...WORKER_NODE_FLAGS, join(DIST_APPS, 'worker', 'src', 'main.js')],
    {
      TALENTBRIDGE_PROCESS: name,
      WORKER_RELAY_ENABLED: 'true',
      LOG_LEVEL: 'info',
      LOG_PRETTY: 'false',
    },
    'pipe',
  );
  let rest = '';
  worker.stdout?.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  return worker;
}

interface ProfileBody {
  headline?: string | null;
  [field: string]: unknown;
}

/** `GET /api/profiles/me` as a `PUT` body: the same profile, field for field. */
function toUpdateBody(p: Record<string, unknown>): ProfileBody {
  const body: ProfileBody = {};
  for (const key of [
    'headline',
    'bio',
    'country',
    'city',
    'workModes',
    'engagementTypes',
    'hoursPerWeek',
    'availableFrom',
    'hourlyRateEur',
    'openToWork',
    'visibility',
  ]) {
    if (p[key] !== null && p[key] !== undefined) body[key] = p[key];
  }
  body.skills = (p.skills as { skillId: string; level: number; years: number | null }[]).map(
    (s) => ({
      skillId: s.skillId,
      level: s.level,
      ...(s.years === null ? {} : { years: s.years }),
    }),
  );
  body.languages = (p.languages as { code: string; level: string }[]).map((l) => ({
    code: l.code,
    level: l.level,
  }));
  body.portfolio = (p.portfolio as { title: string; url: string }[] | undefined)?.map((x) => ({
    title: x.title,
    url: x.url,
  }));
  if (body.portfolio === undefined) delete body.portfolio;
  return body;
}

/** A word Meilisearch has never seen: ten letters (no digits, which it may split off). */
const freshWord = (): string =>
  Array.from(randomBytes(10), (b) => String.fromCharCode(97 + (b % 26))).join('');

const stack = await openBenchStack();
try {
  const { ctx, dataDir } = stack;
  say(`${mode} benchmark: ${PROFILES} profiles (data in ${dataDir})`);
  const ds = ctx.get(DataSource);

  // 1. profiles through the bulk path, indexed by the pipeline's reindex
  const { pool } = await benchSkillPool(ctx);
  let t0 = performance.now();
  await seedProfilesUpTo(ctx, PROFILES, pool, await hash(PASSWORD), {
    seed: 2026,
    emailPrefix: 'bench',
    now: new Date(),
  });
  say(`seeded ${PROFILES} profiles in PostgreSQL: ${fmt(performance.now() - t0)}`);
  t0 = performance.now();
  await ctx.get(SearchIndexRegistry).reindex(PROFILES_INDEX);
  say(`indexed them (pipeline reindex): ${fmt(performance.now() - t0)}`);
  const queries = talentQueries(pool.demanded);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let api = await startApiCluster(stack, port, mode === 'scaleout' ? 1 : API_PROCESSES);
  const company = await json<{ accessToken: string }>(
    await call(base, 'POST', '/api/auth/register', undefined, {
      email: 'bench-company@talentbridge.invalid',
      password: 'Bench-company-password-1',
      displayName: 'Bench Company',
      accountType: 'company',
      organisationName: 'Bench d.o.o.',
    }),
    'register',
  );
  const search = async (i: number): Promise<void> => {
    const res = await call(base, 'GET', queries[i % queries.length], company.accessToken);
    if (!res.ok) throw new Error(`talent: ${res.status}`);
  };

  if (mode === 'scaleout') {
    const results: { processes: number; rps: number; p50: number; p99: number }[] = [];
    for (let round = 0; round < SCALE_ROUNDS; round += 1) {
      for (const processes of [1, 2]) {
        if (round > 0 || processes > 1) {
          await stack.stop(api);
          api = await startApiCluster(stack, port, processes);
        }
        // warm-up: compiled code, filled pools and caches in every process
        const warm = performance.now() + 5_000;
        await closedLoop(SCALE_CONCURRENCY, () => performance.now() > warm, search);
        const end = performance.now() + SCALE_SECONDS * 1000;
        const cpuBefore = cpuSnapshot(api.pid);
        const run = await closedLoop(SCALE_CONCURRENCY, () => performance.now() > end, search);
        const cpu = cpuUsedBetween(cpuBefore, cpuSnapshot(api.pid));
        if (run.errors > 0) throw new Error(`${run.errors} talent searches failed`);
        const rps = (run.latencies.length / run.wallMs) * 1000;
        results.push({
          processes,
          rps,
          p50: percentile(run.latencies, 50),
          p99: percentile(run.latencies, 99),
        });
        say(
          `round ${round + 1}, ${processes} API process(es): ${rps.toFixed(0)} req/s, p50 ${fmt(percentile(run.latencies, 50))}, p99 ${fmt(percentile(run.latencies, 99))}; ${cpuShares(cpu, run.wallMs)}`,
        );
      }
    }
    const mean = (processes: number, key: 'rps' | 'p50' | 'p99') => {
      const rs = results.filter((r) => r.processes === processes);
      return rs.reduce((sum, r) => sum + r[key], 0) / rs.length;
    };
    say('');
    say(
      `GET /api/talent at c=${SCALE_CONCURRENCY}, ${SCALE_SECONDS} s per run, ${SCALE_ROUNDS} rounds`,
    );
    say('| API processes | req/s | p50 | p99 |');
    say('| --- | --- | --- | --- |');
    for (const n of [1, 2]) {
      say(
        `| ${n} | ${mean(n, 'rps').toFixed(0)} | ${fmt(mean(n, 'p50'))} | ${fmt(mean(n, 'p99'))} |`,
      );
    }
    say(`throughput ratio 2 / 1: ${(mean(2, 'rps') / mean(1, 'rps')).toFixed(2)}`);
  } else {
    // 2. the worker(s), and the trainees whose profiles will be saved
    /** Each worker's latest batch summary: the one it logs when it stops covers the whole run. */
    const batchLines = new Map<string, string>();
    const workers = Array.from({ length: WORKERS }, (_, i) =>
      startWorker(`worker-${i + 1}`, (line) => {
        const marker = 'Outbox relay batches since start: ';
        const msg = line.includes(marker) ? (JSON.parse(line) as { msg?: string }).msg : undefined;
        if (msg !== undefined) batchLines.set(`worker-${i + 1}`, msg.replace(marker, ''));
      }),
    );
    const pool: { email: string; id: string }[] = await ds.query(
      `SELECT u.email, p.id FROM profiles p JOIN users u ON u.id = p.user_id
        WHERE p.visibility = 'companies' AND p.open_to_work ORDER BY p.id LIMIT $1`,
      [POOL],
    );
    t0 = performance.now();
    const trainees: {
      id: string;
      token: string;
      etag: string;
      body: ProfileBody;
      headline: string;
      latest: number;
      busy: boolean;
    }[] = [];
    for (let i = 0; i < pool.length; i += 4) {
      trainees.push(
        ...(await Promise.all(
          pool.slice(i, i + 4).map(async ({ email, id }) => {
            const { accessToken } = await json<{ accessToken: string }>(
              await call(base, 'POST', '/api/auth/login', undefined, { email, password: PASSWORD }),
              'login',
            );
            const res = await call(base, 'GET', '/api/profiles/me', accessToken);
            const profile = await json<Record<string, unknown>>(res, 'profile');
            const body = toUpdateBody(profile);
            return {
              id,
              token: accessToken,
              etag: res.headers.get('etag') as string,
              body,
              headline: String(body.headline ?? 'Trainee'),
              latest: 0,
              busy: false,
            };
          }),
        )),
      );
    }
    say(`${trainees.length} trainees signed in: ${fmt(performance.now() - t0)}`);
    for (let i = 0; i < 40; i += 1) await search(i); // warm the API up a little

    // 3. the load: saves at RATE per second, searches at SEARCHERS, each save polled until found
    interface Change {
      trainee: number;
      seq: number;
      word: string;
      answeredAt: number;
      visibleAt?: number;
      superseded?: boolean;
    }
    const changes: Change[] = [];
    const polls: Promise<void>[] = [];
    let seq = 0;
    let saveErrors = 0;
    let skipped = 0;
    let pollCount = 0;
    const pollUntilVisible = async (change: Change): Promise<void> => {
      const trainee = trainees[change.trainee];
      for (;;) {
        if (trainee.latest > change.seq) {
          change.superseded = true;
          return;
        }
        pollCount += 1;
        const found = await call(
          base,
          'GET',
          `/api/talent?q=${change.word}&limit=10`,
          company.accessToken,
        )
          .then((r) => json<{ items: { id: string }[] }>(r, 'poll'))
          .then((r) => r.items.some((item) => item.id === trainee.id));
        if (found) {
          change.visibleAt = performance.now();
          return;
        }
        if (performance.now() - change.answeredAt > GIVE_UP_MS) return;
        await sleep(POLL_MS);
      }
    };
    const save = async (index: number): Promise<void> => {
      const trainee = trainees[index];
      if (trainee.busy) {
        skipped += 1;
        return;
      }
      trainee.busy = true;
      const word = freshWord();
      const mine = ++seq;
      try {
        const res = await call(
          base,
          'PUT',
          '/api/profiles/me',
          trainee.token,
          { ...trainee.body, headline: `${trainee.headline} ${word}`.slice(0, 200) },
          { 'if-match': trainee.etag },
        );
        await json(res, 'save');
        trainee.etag = res.headers.get('etag') as string;
        trainee.latest = mine;
        const change: Change = { trainee: index, seq: mine, word, answeredAt: performance.now() };
        changes.push(change);
        polls.push(pollUntilVisible(change));
      } catch (error) {
        saveErrors += 1;
        if (saveErrors <= 3) say(`save failed: ${(error as Error).message}`);
      } finally {
        trainee.busy = false;
      }
    };
    // warm-up: a running system is measured, not the first seconds after an index build; a few
    // saves, each waited for until found, before anything is measured
    t0 = performance.now();
    for (let i = 0; i < WARM_UP_SAVES; i += 1) await save(i % trainees.length);
    await Promise.all(polls);
    const warmUp = changes.splice(0).map((c) => (c.visibleAt ?? Number.NaN) - c.answeredAt);
    polls.length = 0;
    [saveErrors, skipped, pollCount] = [0, 0, 0];
    say(
      `warm-up: ${warmUp.length} saves, one at a time, each found ${warmUp.map((ms) => fmt(ms)).join(', ')} after its 200 (${fmt(performance.now() - t0)} in all)`,
    );
    const loadStartedAt = new Date();
    const workerPids = workers.flatMap((w) => (w.pid === undefined ? [] : [w.pid]));
    const cpuBefore = cpuSnapshot(api.pid, workerPids);
    const loadStarted = performance.now();
    const loadEnds = loadStarted + SECONDS * 1000;
    const searching = closedLoop(SEARCHERS, () => performance.now() > loadEnds, search);
    const saves: Promise<void>[] = [];
    for (let n = 0; ; n += 1) {
      const at = loadStarted + (n * 1000) / RATE;
      if (at >= loadEnds) break;
      const wait = at - performance.now();
      if (wait > 0) await sleep(wait);
      saves.push(save(n % trainees.length));
    }
    await Promise.all(saves);
    const lastAnswer = Math.max(...changes.map((c) => c.answeredAt));
    const searches = await searching;
    const cpuDuringLoad = cpuUsedBetween(cpuBefore, cpuSnapshot(api.pid, workerPids));
    const loadWallMs = performance.now() - loadStarted;

    // 4. after the load: the backlog drains
    const pending = async () =>
      Number(
        (
          await ds.query(
            `SELECT count(*) AS n FROM outbox
              WHERE kind = 'search.sync' AND processed_at IS NULL AND failed_at IS NULL`,
          )
        )[0].n,
      );
    let backlogAtEnd = await pending();
    const backlogAfterLoad = backlogAtEnd;
    while (backlogAtEnd > 0 && performance.now() - lastAnswer < 120_000) {
      await sleep(10);
      backlogAtEnd = await pending();
    }
    const drainedAt = performance.now();
    await Promise.all(polls);

    // what one call of each kind costs once the load is over: one at a time, through the API
    const quietly = (sorted: number[]): string =>
      `p50 ${fmt(percentile(sorted, 50))}, p95 ${fmt(percentile(sorted, 95))}`;
    const quietSearch = quietly(await sampleFor(QUIET_SECONDS, 0, search));
    const quietPoll = quietly(
      await sampleFor(QUIET_SECONDS, 0, async () => {
        await json(
          await call(base, 'GET', `/api/talent?q=${freshWord()}&limit=10`, company.accessToken),
          'poll',
        );
      }),
    );

    // 5. the last write wins in the index for every saved profile
    const saved = trainees.filter((t) => t.latest > 0);
    const inDb = new Map<string, { version: number; headline: string }>(
      (
        await ds.query(`SELECT id, version, headline FROM profiles WHERE id = ANY($1::uuid[])`, [
          saved.map((t) => t.id),
        ])
      ).map((r: { id: string; version: number; headline: string }) => [r.id, r]),
    );
    const meili = createMeiliClient({
      meiliHost: stack.services.env.MEILI_HOST,
      meiliMasterKey: stack.services.env.MEILI_MASTER_KEY,
    });
    const docs = await meili
      .index<{ id: string; _version: number; headline: string }>(PROFILES_INDEX)
      .getDocuments({
        ids: saved.map((t) => t.id),
        fields: ['id', '_version', 'headline'],
        limit: saved.length,
      });
    const indexed = new Map(docs.results.map((d) => [d.id, d]));
    const lastWord = new Map<string, string>();
    for (const c of changes) lastWord.set(trainees[c.trainee].id, c.word);
    const stale = saved.filter((t) => {
      const db = inDb.get(t.id);
      const doc = indexed.get(t.id);
      return (
        db === undefined ||
        doc === undefined ||
        doc._version !== db.version ||
        doc.headline !== db.headline ||
        !db.headline.endsWith(lastWord.get(t.id) as string)
      );
    });

    // 6. what the relay did: its own batch counts (logged at stop), and the outbox rows
    await Promise.all(workers.map(stack.stop));
    const lag = (
      await ds.query(
        `SELECT extract(epoch FROM processed_at - created_at) * 1000 AS ms FROM outbox
          WHERE kind = 'search.sync' AND processed_at IS NOT NULL ORDER BY 1`,
      )
    ).map((r: { ms: string }) => Number(r.ms));

    const latencies = changes
      .filter((c) => c.visibleAt !== undefined)
      .map((c) => (c.visibleAt as number) - c.answeredAt)
      .sort((a, b) => a - b);
    const superseded = changes.filter((c) => c.superseded === true).length;
    const neverSeen = changes.filter((c) => c.visibleAt === undefined && c.superseded !== true);
    const durationS = (lastAnswer - loadStarted) / 1000;
    say('');
    say(
      `load: ${changes.length} saves in ${durationS.toFixed(1)} s (${(changes.length / durationS).toFixed(1)}/s, target ${RATE}/s; ${saveErrors} failed, ${skipped} skipped: previous save of that profile still in flight), ` +
        `${searches.latencies.length} talent searches at c=${SEARCHERS} (${((searches.latencies.length / searches.wallMs) * 1000).toFixed(0)}/s, p50 ${fmt(percentile(searches.latencies, 50))}, p99 ${fmt(percentile(searches.latencies, 99))}, ${searches.errors} failed), ${pollCount} freshness polls every ${POLL_MS} ms`,
    );
    say(
      `API 200 → visible in /api/talent (${latencies.length} changes): p50 ${fmt(percentile(latencies, 50))}, p95 ${fmt(percentile(latencies, 95))}, p99 ${fmt(percentile(latencies, 99))}, max ${fmt(latencies.at(-1))} (targets: p95 ≤ 1000 ms, p99 ≤ 2000 ms)`,
    );
    say(
      `outbox row created → processed (${lag.length} rows): p50 ${fmt(percentile(lag, 50))}, p95 ${fmt(percentile(lag, 95))}, p99 ${fmt(percentile(lag, 99))}`,
    );
    say(
      `lost updates: ${stale.length} of ${saved.length} saved profiles whose indexed document is not the last write (target 0); ${neverSeen.length} changes not found within ${GIVE_UP_MS / 1000} s of their 200, ${superseded} saved over before they were seen`,
    );
    say(
      `backlog: ${backlogAfterLoad} search rows pending when the load stopped; drained ${fmt(drainedAt - lastAnswer)} after the last save${backlogAtEnd > 0 ? ` — NOT drained, ${backlogAtEnd} left` : ''} (target ≤ 5000 ms)`,
    );
    say(`during the load, ${cpuShares(cpuDuringLoad, loadWallMs)}`);
    say(
      `after the load, one call at a time: talent search ${quietSearch}; freshness poll (a word nobody has) ${quietPoll}`,
    );
    for (const [name, summary] of batchLines) say(`relay batches (${name}): ${summary}`);
    if (batchLines.size === 0) say('relay batches: no summary found in the worker log');
    for (const line of await engineBatchSummary(meili, PROFILES_INDEX, loadStartedAt)) say(line);
  }
} finally {
  await stack.cleanup();
}
