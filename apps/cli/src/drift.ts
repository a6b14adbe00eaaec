/**
 * `npm run drift -- <index>|--all [--repair]`: compares ids and versions in PostgreSQL and
 * Meilisearch. Exit code 0: no drift (or all of it repaired); 2: drift found and not repaired.
 */
import 'reflect-metadata';
import { SearchIndexRegistry } from '@app/search';
import { DRIFT_USAGE, runDrift, STDIO, usageExitCode } from './search-commands.js';
import { createWorkerContext } from './worker-context.js';

const argv = process.argv.slice(2);
if (usageExitCode(argv) !== undefined) {
  process.stderr.write(DRIFT_USAGE);
  process.exit(64);
}

const context = await createWorkerContext();
try {
  process.exitCode = await runDrift(context.app.get(SearchIndexRegistry), argv, STDIO);
} finally {
  await context.close();
}
