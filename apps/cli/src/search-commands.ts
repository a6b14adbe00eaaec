import type { SearchIndexRegistry } from '@app/search';
import cliProgress from 'cli-progress';
import { parseArgs } from './cli-args.js';

/** Where a command writes: standard output and error in the CLI, buffers in tests. */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
}

export const REINDEX_USAGE = 'usage: npm run reindex -- <index> [<index>...] | --all\n';
export const DRIFT_USAGE = 'usage: npm run drift -- <index> [<index>...] | --all [--repair]\n';

/** Exit code 64 (usage) unless the arguments name indexes or say `--all`, not both. */
export function usageExitCode(argv: string[]): number | undefined {
  const { names, flags } = parseArgs(argv);
  return (names.length === 0) === !flags.has('--all') ? 64 : undefined;
}

/** The indexes the arguments choose; an unknown name throws before any work starts. */
function chosenIndexes(registry: SearchIndexRegistry, argv: string[]): string[] {
  const { names, flags } = parseArgs(argv);
  const chosen = flags.has('--all') ? registry.names() : names;
  for (const name of chosen) registry.get(name);
  return chosen;
}

/**
 * `reindex`: rebuilds each chosen index from PostgreSQL into a fresh index and swaps it in.
 * Returns the exit code: 0 done, 1 failed (the message on `err`).
 */
export async function runReindex(
  registry: SearchIndexRegistry,
  argv: string[],
  output: CommandOutput,
  options: { progressBar?: boolean } = {},
): Promise<number> {
  try {
    const chosen = chosenIndexes(registry, argv);
    if (chosen.length === 0) output.out('no search indexes are declared\n');
    for (const name of chosen) {
      const bar = options.progressBar
        ? new cliProgress.SingleBar(
            {
              format: `${name.padEnd(16)} [{bar}] {value}/{total} documents | {duration_formatted}`,
            },
            cliProgress.Presets.shades_classic,
          )
        : undefined;
      bar?.start(1, 0);
      const result = await registry.reindex(name, ({ indexed, total }) => {
        bar?.setTotal(Math.max(total ?? indexed, indexed, 1));
        bar?.update(indexed);
      });
      bar?.stop();
      output.out(
        `${result.uid}: ${result.documents} documents, ${result.caughtUp} changed during the build and caught up\n`,
      );
    }
    return 0;
  } catch (error) {
    output.err(`reindex failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/**
 * `drift`: compares ids and versions in PostgreSQL and Meilisearch for each chosen index, and
 * repairs with `--repair`. Returns the exit code: 0 no drift (or all repaired), 2 drift found and
 * not repaired, 1 failed.
 */
export async function runDrift(
  registry: SearchIndexRegistry,
  argv: string[],
  output: CommandOutput,
): Promise<number> {
  const repair = parseArgs(argv).flags.has('--repair');
  try {
    const chosen = chosenIndexes(registry, argv);
    if (chosen.length === 0) output.out('no search indexes are declared\n');
    let unrepaired = 0;
    for (const name of chosen) {
      const r = await registry.checkDrift(name, { repair });
      if (!repair) unrepaired += r.missing + r.stale + r.extra;
      output.out(
        `${name}: ${r.expected} in PostgreSQL, ${r.indexed} in Meilisearch; ` +
          `missing ${r.missing}, stale ${r.stale}, extra ${r.extra}` +
          (repair ? `; repaired ${r.repaired}\n` : '\n'),
      );
    }
    return unrepaired > 0 ? 2 : 0;
  } catch (error) {
    output.err(`drift check failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** The process's own streams. */
export const STDIO: CommandOutput = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};
