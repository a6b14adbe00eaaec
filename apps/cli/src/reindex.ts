/**
 * `npm run reindex -- <index> [<index>...]` or `npm run reindex -- --all`: rebuilds indexes
 * from PostgreSQL into fresh indexes and swaps them in; searches keep answering throughout.
 */
import 'reflect-metadata';
import { SearchIndexRegistry } from '@app/search';
import { REINDEX_USAGE, runReindex, STDIO, usageExitCode } from './search-commands.js';
import { createWorkerContext } from './worker-context.js';

const argv = process.argv.slice(2);
if (usageExitCode(argv) !== undefined) {
  process.stderr.write(REINDEX_USAGE);
  process.exit(64);
}

const context = await createWorkerContext();
try {
  process.exitCode = await runReindex(context.app.get(SearchIndexRegistry), argv, STDIO, {
    progressBar: true,
  });
} finally {
  await context.close();
}
