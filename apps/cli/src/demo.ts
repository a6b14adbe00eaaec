/**
 * `npm run demo [-- --trainees 500 --seed 2026]`: writes the demo data set (organisations of
 * every type, staff in every role, trainees, courses and certificates, work requests and
 * listings) through the API's own write path, then prints who can sign in. Uses DATABASE_URL /
 * MEILI_HOST when set, else the embedded servers in DATA_DIR (the ones `npm start` uses: stop
 * it first, or use `DEMO=1 npm start`). Running it again creates nothing new.
 */
import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { runMigrations } from '@app/database';
import { startEmbeddedServices } from '@app/embedded';
import { formatCredentials } from './demo/demo-cast.js';
import { runDemo } from './demo/demo-run.js';
import { DEMO_DEFAULT_SEED, DEMO_DEFAULT_TRAINEES } from './demo/demo-seeder.js';

const say = (line: string): void => void process.stdout.write(`[demo] ${line}\n`);
const args = process.argv.slice(2);
function numberArg(name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`--${name} must be a positive whole number\n`);
    process.exit(64);
  }
  return value;
}
const trainees = numberArg('trainees', DEMO_DEFAULT_TRAINEES);
const seed = numberArg('seed', DEMO_DEFAULT_SEED);

const config = loadConfigOrExit();
const services = await startEmbeddedServices(config);
try {
  const applied = await runMigrations({
    ...config,
    databaseUrl: services.env.DATABASE_URL ?? config.databaseUrl,
  });
  if (applied.length > 0) say(`applied migrations: ${applied.join(', ')}`);
  const credentials = await runDemo({
    env: services.env,
    dataDir: config.dataDir,
    trainees,
    seed,
    log: say,
  });
  process.stdout.write(
    `\nDemo accounts (seed ${seed}):\n\n${formatCredentials(credentials ?? [])}\n`,
  );
} catch (error) {
  say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await services.stop();
}
