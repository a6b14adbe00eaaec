/**
 * `npm run drift -- <index>|--all [--repair]`: compares ids and versions in PostgreSQL and
 * Meilisearch. Exit code 0: no drift (or all of it repaired); 2: drift found and not repaired.
 */
import 'reflect-metadata';
import { SearchIndexRegistry } from '@app/search';
import { createWorkerContext, parseArgs } from './worker-context.js';

const { names, flags } = parseArgs();
if ((names.length === 0) === !flags.has('--all')) {
  process.stderr.write('usage: npm run drift -- <index> [<index>...] | --all [--repair]\n');
  process.exit(64);
}
const repair = flags.has('--repair');

const context = await createWorkerContext();
try {
  const registry = context.app.get(SearchIndexRegistry);
  const chosen = flags.has('--all') ? registry.names() : names;
  for (const name of chosen) registry.get(name);
  if (chosen.length === 0) process.stdout.write('no search indexes are declared\n');
  let unrepaired = 0;
  for (const name of chosen) {
    const r = await registry.checkDrift(name, { repair });
    const drift = r.missing + r.stale + r.extra;
    if (!repair) unrepaired += drift;
    process.stdout.write(
      `${name}: ${r.expected} in PostgreSQL, ${r.indexed} in Meilisearch; ` +
        `missing ${r.missing}, stale ${r.stale}, extra ${r.extra}` +
        (repair ? `; repaired ${r.repaired}\n` : '\n'),
    );
  }
  if (unrepaired > 0) process.exitCode = 2;
} catch (error) {
  process.stderr.write(
    `drift check failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  await context.close();
}
