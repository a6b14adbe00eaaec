import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Migrated once per run by the global setup; every test file clones it. */
export const TEMPLATE_DATABASE = 'talentbridge_test_template';

export function adminUrlFor(url: string): string {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return admin.toString();
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file (a copy of the template: ~100 ms). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_BASE_URL;
  if (base === undefined) throw new Error('TEST_DATABASE_BASE_URL unset: run through `npm test`');
  const name = `talentbridge_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrlFor(base) });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrlFor(base) });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
