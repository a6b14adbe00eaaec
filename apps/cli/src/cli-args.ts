/** Positional arguments and `--flags` of this command. */
export function parseArgs(argv: string[] = process.argv.slice(2)): {
  names: string[];
  flags: Set<string>;
} {
  return {
    names: argv.filter((a) => !a.startsWith('--')),
    flags: new Set(argv.filter((a) => a.startsWith('--'))),
  };
}
