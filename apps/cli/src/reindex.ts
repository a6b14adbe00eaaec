/**
 * `npm run reindex -- <index> [<index>...]` or `npm run reindex -- --all`: rebuilds indexes
 * from PostgreSQL into fresh indexes and swaps them in; searches keep answering throughout.
 */
import 'reflect-metadata';
import { SearchIndexRegistry } from '@app/search';
import cliProgress from 'cli-progress';
import { createWorkerContext, parseArgs } from './worker-context.js';

const { names, flags } = parseArgs();
if ((names.length === 0) === !flags.has('--all')) {
  process.stderr.write('usage: npm run reindex -- <index> [<index>...] | --all\n');
  process.exit(64);
}

const context = await createWorkerContext();
try {
  const registry = context.app.get(SearchIndexRegistry);
  const chosen = flags.has('--all') ? registry.names() : names;
  for (const name of chosen) registry.get(name); // unknown names fail before any work
  if (chosen.length === 0) process.stdout.write('no search indexes are declared\n');
  for (const name of chosen) {
    const bar = new cliProgress.SingleBar(
      { format: `${name.padEnd(16)} [{bar}] {value}/{total} documents | {duration_formatted}` },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1, 0);
    const result = await registry.reindex(name, ({ indexed, total }) => {
      bar.setTotal(Math.max(total ?? indexed, indexed, 1));
      bar.update(indexed);
    });
    bar.stop();
    process.stdout.write(
      `${result.uid}: ${result.documents} documents, ${result.caughtUp} changed during the build and caught up\n`,
    );
  }
} catch (error) {
  process.stderr.write(
    `reindex failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  await context.close();
}
