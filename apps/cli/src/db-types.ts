/**
 * `npm run db:types`: migrates a database (DATABASE_URL, or an embedded server started for the
 * purpose) and writes the row types of its tables to libs/database/src/schema.generated.ts.
 * `--check` fails instead when the file is not what the migrations give.
 */
import 'reflect-metadata';
import { loadConfigOrExit } from '@app/config';
import { runMigrations } from '@app/database';
import { startEmbeddedServices } from '@app/embedded';
import { readFileSync, writeFileSync } from 'node:fs';
import { SCHEMA_TYPES_FILE, generateSchemaTypes } from './schema-types.js';

const check = process.argv.includes('--check');
const config = loadConfigOrExit();
const services = await startEmbeddedServices({
  ...config,
  meiliHost: config.meiliHost ?? 'http://unused',
});
try {
  const databaseUrl = services.env.DATABASE_URL ?? config.databaseUrl;
  await runMigrations({ ...config, databaseUrl });
  const source = await generateSchemaTypes(databaseUrl);
  if (check) {
    if (readFileSync(SCHEMA_TYPES_FILE, 'utf8') !== source) {
      process.stderr.write(`${SCHEMA_TYPES_FILE} is stale: run npm run db:types\n`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(SCHEMA_TYPES_FILE, source);
    process.stdout.write(`wrote ${SCHEMA_TYPES_FILE}\n`);
  }
} finally {
  await services.stop();
}
