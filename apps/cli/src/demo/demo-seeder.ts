import { TransactionRunner, typedQueries } from '@app/database';
import { OutboxRelay } from '@app/search';
import type { INestApplication } from '@nestjs/common';
import { demoCredentials, demoEmail, type DemoCredential } from './demo-cast.js';
import { DemoHttp } from './demo-http.js';
import { DEMO_STEPS, type DemoContext, type DemoOptions, type DemoStep } from './demo-steps.js';
import { seedDemoSurveys } from './demo-surveys.js';

export const DEMO_DEFAULT_TRAINEES = 500;
export const DEMO_DEFAULT_SEED = 2026;

/**
 * Writes the demo data through a running API (`app` must be listening), then relays the outbox
 * so search and matching see everything at once. Idempotent: a second run creates nothing and
 * answers with the same credentials.
 */
export async function seedDemo(
  app: INestApplication,
  options: DemoOptions,
  log: (line: string) => void = () => undefined,
  steps: readonly DemoStep[] = DEMO_STEPS,
): Promise<DemoCredential[]> {
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const ctx: DemoContext = {
    http: new DemoHttp(baseUrl),
    db: typedQueries(app.get(TransactionRunner).manager),
    options,
    log,
    sessions: new Map(),
    organisations: new Map(),
    programmes: new Map(),
    occupations: [],
    profiles: [],
  };
  for (const step of steps) {
    const started = performance.now();
    const summary = await step.run(ctx);
    log(`${step.name}: ${summary} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  // follow-up surveys need the in-process survey job, so they run here, after the steps
  if (steps === DEMO_STEPS) {
    const started = performance.now();
    const summary = await seedDemoSurveys(app, ctx);
    log(`follow-up surveys: ${summary} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const relayed = await app.get(OutboxRelay).drain();
  log(`search indexes: ${relayed.processed} changes relayed, ${relayed.failed} failed`);
  return demoCredentials(options.trainees);
}

/** Whether demo data was seeded into this database before (its first broker exists). */
export async function hasDemoData(app: INestApplication): Promise<boolean> {
  const broker = await typedQueries(app.get(TransactionRunner).manager)
    .selectFrom('users')
    .select('id')
    .where('email', '=', demoEmail('broker'))
    .executeTakeFirst();
  return broker !== undefined;
}
