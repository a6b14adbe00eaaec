/**
 * `npm start`: the whole product on one machine. Starts embedded PostgreSQL and Meilisearch for
 * whatever DATABASE_URL / MEILI_HOST do not point at, applies migrations, then runs the API and
 * the worker as child processes (API_PROCESSES and WORKER_PROCESSES of each, default one; several
 * API processes share the port through node:cluster). Ctrl-C or SIGTERM stops the children first, then the servers.
 * A crashed embedded server is started again (with its last output printed); the API's
 * /health/ready answers 503 meanwhile and 200 again by itself.
 * With DEMO=1, a database without demo data gets it first (`npm run demo`'s data set).
 */
import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { runMigrations } from '@app/database';
import {
  readOrCreateSecret,
  startEmbeddedServices,
  startMailDirectorySink,
  type SmtpSink,
} from '@app/embedded';
import exitHook from 'async-exit-hook';
import { spawn, type ChildProcess } from 'node:child_process';
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatCredentials } from './demo/demo-cast.js';
import { runDemo } from './demo/demo-run.js';
import { DEMO_DEFAULT_SEED, DEMO_DEFAULT_TRAINEES } from './demo/demo-seeder.js';
import { API_NODE_FLAGS, WORKER_NODE_FLAGS } from './process-flags.js';

const distApps = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const say = (line: string): void => void process.stdout.write(`[talentbridge] ${line}\n`);

const config = loadConfigOrExit();
const verbose = config.logLevel === 'debug' || config.logLevel === 'trace';
say(`data directory: ${config.dataDir}`);
const services = await startEmbeddedServices(config, verbose ? say : undefined, say).catch(
  (error: unknown) => {
    // the message carries the server's own output (EmbeddedServerStartError) or the fix to apply
    say(`could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
if (services.postgres) {
  const pool = services.env.DATABASE_POOL_SIZE ?? String(config.databasePoolSize);
  say(`embedded PostgreSQL on 127.0.0.1:${services.postgres.port} (pools of ${pool} connections)`);
} else say('using PostgreSQL from DATABASE_URL');
if (services.meilisearch) say(`embedded Meilisearch on ${services.meilisearch.host}`);
else say('using Meilisearch from MEILI_HOST');

// Without SMTP_URL, e-mail lands as .eml files on this machine instead of leaving it.
let mailSink: SmtpSink | undefined;
if (config.mail.smtpUrl === undefined) {
  const mailDir = join(config.dataDir, 'mail');
  mailSink = await startMailDirectorySink(mailDir);
  say(`local mail server on 127.0.0.1:${mailSink.port}: every e-mail is saved in ${mailDir}`);
} else say('sending e-mail through SMTP_URL');

const children: ChildProcess[] = [];
let stopping = false;

exitHook((done: () => void) => {
  stopping = true;
  void (async () => {
    await Promise.all(children.map(stopChild));
    await mailSink?.stop();
    await services.stop();
    say('stopped');
    done();
  })();
});

try {
  const applied = await runMigrations({
    ...config,
    databaseUrl: services.env.DATABASE_URL ?? config.databaseUrl,
  });
  say(
    applied.length > 0
      ? `applied migrations: ${applied.join(', ')}`
      : 'database schema is up to date',
  );
} catch (error) {
  say(`migrations failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

if (process.env.DEMO === '1') {
  try {
    const credentials = await runDemo({
      env: services.env,
      dataDir: config.dataDir,
      trainees: DEMO_DEFAULT_TRAINEES,
      seed: DEMO_DEFAULT_SEED,
      onlyIfEmpty: true,
      log: (line) => say(`demo: ${line}`),
    });
    if (credentials === null) say('demo data is already in the database');
    else say(`demo accounts:\n\n${formatCredentials(credentials)}\n`);
  } catch (error) {
    say(`demo data failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

const env = {
  ...process.env,
  ...services.env,
  ...localIdentityEnv(),
  ...(mailSink === undefined ? {} : { SMTP_URL: mailSink.url }),
};
const apiEntry = join(distApps, 'api', 'src', 'main.js');
const workerEntry = join(distApps, 'worker', 'src', 'main.js');
const numbered = (name: string, i: number, count: number): string =>
  count > 1 ? `${name}-${i + 1}` : name;
if (config.apiProcesses > 1) {
  // Several API processes share the one port through node:cluster: this launcher accepts each
  // connection and hands it to the processes in turn (round-robin); requests on a kept-alive
  // connection stay with its process.
  cluster.setupPrimary({ exec: apiEntry, execArgv: [...API_NODE_FLAGS] });
}
for (let i = 0; i < config.apiProcesses; i += 1) {
  const name = numbered('api', i, config.apiProcesses);
  const childEnv = { ...env, TALENTBRIDGE_PROCESS: name };
  watch(
    name,
    config.apiProcesses > 1
      ? cluster.fork(childEnv).process
      : spawn(process.execPath, [...API_NODE_FLAGS, apiEntry], { env: childEnv, stdio: 'inherit' }),
  );
}
for (let i = 0; i < config.workerProcesses; i += 1) {
  const name = numbered('worker', i, config.workerProcesses);
  watch(
    name,
    spawn(process.execPath, [...WORKER_NODE_FLAGS, workerEntry], {
      env: { ...env, TALENTBRIDGE_PROCESS: name },
      stdio: 'inherit',
    }),
  );
}
if (config.apiProcesses > 1 || config.workerProcesses !== 1) {
  say(
    `${config.apiProcesses} API processes sharing port ${config.port}, ` +
      `${config.workerProcesses} worker processes`,
  );
}
say(`API on http://localhost:${config.port} — health at /health/ready, docs at /docs`);

/**
 * Outside production nobody has to invent secrets: the JWT key is generated once into
 * DATA_DIR/jwt-secret, and in development an admin account (admin@talentbridge.local) gets a
 * generated password in DATA_DIR/admin-password, printed when it is first created.
 */
function localIdentityEnv(): Record<string, string> {
  const extra: Record<string, string> = {};
  if (config.jwtSecret === undefined && config.nodeEnv !== 'production') {
    extra.JWT_SECRET = readOrCreateSecret(join(config.dataDir, 'jwt-secret'), 48);
  }
  if (config.adminEmail === undefined && config.nodeEnv === 'development') {
    const file = join(config.dataDir, 'admin-password');
    const isNew = !existsSync(file);
    extra.ADMIN_EMAIL = 'admin@talentbridge.local';
    extra.ADMIN_PASSWORD = readOrCreateSecret(file, 18);
    if (isNew) {
      say(`admin account: ${extra.ADMIN_EMAIL} / ${extra.ADMIN_PASSWORD} (kept in ${file})`);
    }
  }
  return extra;
}

/** Keeps the child for shutdown; one that exits on its own stops everything (nothing half-runs). */
function watch(name: string, child: ChildProcess): void {
  child.once('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping everything`);
      process.exitCode = 1;
      process.kill(process.pid, 'SIGTERM');
    }
  });
  children.push(child);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
