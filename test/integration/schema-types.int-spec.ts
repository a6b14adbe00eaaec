import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { SCHEMA_TYPES_FILE, generateSchemaTypes } from '../../apps/cli/src/schema-types.js';
import { createTestDatabase, type TestDatabase } from '../setup/test-databases.js';

/** The row types the typed queries compile against are exactly what the migrations create. */
describe(SCHEMA_TYPES_FILE, () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  }, 120_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('is what `npm run db:types` writes for the migrated schema', async () => {
    const generated = await generateSchemaTypes(db.url);
    expect(generated).toContain('export interface DB {');
    // A failure here means a migration changed the schema: run `npm run db:types` and commit.
    expect(readFileSync(SCHEMA_TYPES_FILE, 'utf8')).toBe(generated);
  });
});
