import type { INestApplicationContext, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Meilisearch } from 'meilisearch';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../setup/test-databases.js';
import { TEST_TOWNS_ENV } from './test-env.js';

export interface TestContext {
  app: INestApplicationContext;
  db: TestDatabase;
  indexPrefix: string;
  /** Runs SQL on this context's database. */
  sql<T = Record<string, unknown>>(query: string, parameters?: unknown[]): Promise<T[]>;
  /** Closes the application; the database and indexes go too unless they were shared in. */
  close(): Promise<void>;
}

export interface TestContextOptions {
  /** Extra environment (e.g. another MEILI_HOST) for this context only. */
  env?: Record<string, string>;
  /** Share a database (and prefix) with another context, e.g. two workers on one database. */
  db?: TestDatabase;
  indexPrefix?: string;
  /** Runs on the fresh database before the application boots (create test tables here). */
  prepare?: (db: TestDatabase) => Promise<void>;
}

/**
 * A real application context (no HTTP) over `module` on its own database and index prefix:
 * what the worker and command-line tools run, for tests that need test-only providers.
 */
export async function createTestContext(
  module: Type<unknown>,
  options: TestContextOptions = {},
): Promise<TestContext> {
  const owned = options.db === undefined;
  const db = options.db ?? (await createTestDatabase());
  const indexPrefix = options.indexPrefix ?? `t${randomBytes(4).toString('hex')}_`;
  if (owned) await options.prepare?.(db);
  const saved = { ...process.env };
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    MEILI_INDEX_PREFIX: indexPrefix,
    WORKER_RELAY_ENABLED: 'false',
    SEARCH_DRIFT_INTERVAL_MINUTES: '0',
    ...TEST_TOWNS_ENV,
    ...options.env,
  });
  let app: INestApplicationContext;
  try {
    app = await NestFactory.createApplicationContext(module, { logger: false });
    await app.init();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  const dataSource = app.get(DataSource);
  return {
    app,
    db,
    indexPrefix,
    sql: (query, parameters) => dataSource.query(query, parameters),
    async close() {
      await app.close();
      if (owned) {
        await deleteTestIndexes(indexPrefix);
        await db.drop();
      }
    },
  };
}

/**
 * A Meilisearch client on the test server (or another host), with the shared master key. Task
 * waits are long: on a loaded machine running many test files, a task can queue for seconds.
 */
export function testMeili(host = process.env.MEILI_HOST as string, apiKey?: string): Meilisearch {
  return new Meilisearch({
    host,
    apiKey: apiKey ?? process.env.MEILI_MASTER_KEY,
    defaultWaitOptions: { timeout: 120_000 },
  });
}

async function deleteTestIndexes(prefix: string): Promise<void> {
  const meili = testMeili();
  const { results } = await meili.getIndexes({ limit: 1000 });
  for (const index of results.filter((i) => i.uid.startsWith(prefix))) {
    await meili.deleteIndex(index.uid).waitTask();
  }
}
