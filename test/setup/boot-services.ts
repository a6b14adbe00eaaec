/**
 * Boots real PostgreSQL and Meilisearch for the whole test run (embedded, on free ports, in a
 * temporary directory) unless DATABASE_URL / MEILI_HOST point at servers already. Migrations
 * run once into a template database; each test file then gets its own copy (see test-app.ts).
 */
import { runMigrations } from '@app/database';
import { startEmbeddedMeilisearch, startEmbeddedPostgres } from '@app/embedded';
import { seedSkillTaxonomy } from '@app/taxonomy';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { TEMPLATE_DATABASE, adminUrlFor } from './test-databases.js';

export default async function globalSetup(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'talentbridge-test-'));
  // mkdtemp makes it 700; as root, PostgreSQL runs as "postgres" and must pass through it
  chmodSync(root, 0o711);
  const stops: (() => Promise<void>)[] = [];
  (globalThis as { __TALENTBRIDGE_TEST__?: unknown }).__TALENTBRIDGE_TEST__ = { root, stops };

  let baseUrl = process.env.DATABASE_URL;
  if (baseUrl === undefined) {
    const postgres = await startEmbeddedPostgres({ dir: join(root, 'postgres') });
    stops.push(postgres.stop);
    baseUrl = postgres.url;
  }
  if (process.env.MEILI_HOST === undefined) {
    const meili = await startEmbeddedMeilisearch({ dir: join(root, 'meilisearch') });
    stops.push(meili.stop);
    process.env.MEILI_HOST = meili.host;
    process.env.MEILI_MASTER_KEY = meili.masterKey;
  }

  const admin = new pg.Client({ connectionString: adminUrlFor(baseUrl) });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(baseUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await runMigrations({ databaseUrl: templateUrl.toString(), nodeEnv: 'test' });
  // Seeded once here, so each test database starts with the skills taxonomy (the app then finds
  // the seed applied and skips it).
  const seedSource = new DataSource({ type: 'postgres', url: templateUrl.toString() });
  await seedSource.initialize();
  try {
    await seedSkillTaxonomy(seedSource);
  } finally {
    await seedSource.destroy();
  }

  process.env.TEST_DATABASE_BASE_URL = baseUrl;
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'silent';
  delete process.env.DATABASE_URL;
}
