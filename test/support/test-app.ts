import { Meilisearch } from 'meilisearch';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-databases.js';
import { TEST_TOWNS_ENV } from './test-env.js';

/**
 * Test-only secrets and a seeded admin; sign-in and registration throttling are relaxed (every
 * test registers from loopback at example.org; identity-throttling tightens them).
 */
export const TEST_ADMIN = {
  email: 'admin@talentbridge.test',
  password: 'Admin-password-for-tests-1',
};
export const TEST_JWT_SECRET = 'test-jwt-secret-0123456789abcdef-0123456789abcdef';
const TEST_IDENTITY_ENV = {
  JWT_SECRET: TEST_JWT_SECRET,
  ADMIN_EMAIL: TEST_ADMIN.email,
  ADMIN_PASSWORD: TEST_ADMIN.password,
  LOGIN_THROTTLE_PER_IP: '100000',
  LOGIN_THROTTLE_PER_EMAIL: '100000',
  REGISTRATION_THROTTLE_PER_IP: '100000',
  REGISTRATION_THROTTLE_PER_DOMAIN: '100000',
};

export interface TestApp {
  app: NestExpressApplication;
  http: TestAgent;
  db: TestDatabase;
  /** Prefix of every Meilisearch index this app uses (unique per test file). */
  indexPrefix: string;
  close(): Promise<void>;
}

/**
 * The real API (every module, real PostgreSQL and Meilisearch) on its own database and its own
 * index prefix, so test files never see each other's data. With `shared`, a second API instance
 * on another app's database and indexes (closing it leaves them to their owner).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  shared?: Pick<TestApp, 'db' | 'indexPrefix'>,
): Promise<TestApp> {
  const db = shared?.db ?? (await createTestDatabase());
  const indexPrefix = shared?.indexPrefix ?? `t${randomBytes(4).toString('hex')}_`;
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    MEILI_INDEX_PREFIX: indexPrefix,
    ...TEST_IDENTITY_ENV,
    ...TEST_TOWNS_ENV,
    ...env,
  });
  const app = await createApiApp();
  return {
    app,
    http: request(app.getHttpServer()),
    db,
    indexPrefix,
    async close() {
      await app.close();
      if (shared !== undefined) return;
      await deleteIndexes(indexPrefix);
      await db.drop();
    },
  };
}

export async function deleteIndexes(prefix: string): Promise<void> {
  const meili = new Meilisearch({
    host: process.env.MEILI_HOST as string,
    apiKey: process.env.MEILI_MASTER_KEY,
  });
  const { results } = await meili.getIndexes({ limit: 1000 });
  // Meilisearch runs one task at a time for all test files: another file's index build (the
  // skills taxonomy, ~2k documents) may be queued ahead, so allow more than the default 5 s.
  for (const index of results.filter((i) => i.uid.startsWith(prefix))) {
    await meili.deleteIndex(index.uid).waitTask({ timeout: 60_000 });
  }
}
