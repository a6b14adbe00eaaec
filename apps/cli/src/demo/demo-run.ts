import { readOrCreateSecret } from '@app/embedded';
import { join } from 'node:path';
import { createApiApp } from '../../../api/src/create-api-app.js';
import { DEMO_ADMIN_ENV, type DemoCredential } from './demo-cast.js';
import { hasDemoData, seedDemo } from './demo-seeder.js';
import { loadDemoOccupations } from './demo-population.js';
import type { DemoOptions } from './demo-steps.js';

export interface DemoRunOptions {
  /** Addresses of the servers (DATABASE_URL, MEILI_HOST, MEILI_MASTER_KEY) the API should use. */
  env: Record<string, string>;
  dataDir: string;
  trainees: number;
  seed: number;
  /** Seed only when the database holds no demo data yet (`DEMO=1 npm start`). */
  onlyIfEmpty?: boolean;
  log(line: string): void;
}

/**
 * Boots the API in this process on a loopback port (with the demo admin as its first admin),
 * writes the demo data through it, relays the outbox and shuts it down again. Returns the
 * credentials, or null when `onlyIfEmpty` found demo data already.
 */
export async function runDemo(options: DemoRunOptions): Promise<DemoCredential[] | null> {
  const saved = { ...process.env };
  Object.assign(process.env, options.env, DEMO_ADMIN_ENV, {
    TALENTBRIDGE_PROCESS: 'demo',
    LOG_LEVEL: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn',
    WORKER_RELAY_ENABLED: 'false',
    SEARCH_DRIFT_INTERVAL_MINUTES: '0',
    // the demo registers every trainee and company from this one loopback client
    REGISTRATION_THROTTLE_PER_IP: '1000000',
    REGISTRATION_THROTTLE_PER_DOMAIN: '1000000',
  });
  process.env.JWT_SECRET ??= readOrCreateSecret(join(options.dataDir, 'jwt-secret'), 48);
  const app = await createApiApp();
  try {
    await app.listen(0, '127.0.0.1');
    if (options.onlyIfEmpty === true && (await hasDemoData(app))) return null;
    const demo: DemoOptions = {
      trainees: options.trainees,
      seed: options.seed,
      occupations: loadDemoOccupations(join(process.cwd(), 'data', 'demo', 'occupations.json')),
      now: new Date(),
    };
    return await seedDemo(app, demo, options.log);
  } finally {
    await app.close();
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
