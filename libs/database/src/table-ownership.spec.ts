import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Each lib owns the tables its `src/owned-tables.ts` lists: only that lib's code names them in SQL
 * or declares an entity over them. Another lib reads them through the owner's exported functions.
 * docs/data-model.md ("Owners") shows the same map.
 */
const root = process.cwd();
const libsDir = join(root, 'libs');
const migrationsDir = join(libsDir, 'database', 'src', 'migrations');

/**
 * Cross-lib SQL that predates the rule, to be moved behind the owners' read functions. This list
 * may only shrink: the test fails on a new crossing and on an entry that no longer crosses.
 */
const KNOWN_CROSSINGS: Record<string, string[]> = {
  matching: ['opportunities', 'profile_inclusion'],
  notifications: ['users'],
  reporting: [
    'certificates',
    'cohorts',
    'courses',
    'enrolments',
    'matches',
    'opportunities',
    'profile_inclusion',
    'profiles',
    'programme_partners',
    'programmes',
    'surveys',
    'users',
  ],
  surveys: ['enrolments', 'matches', 'profiles', 'users'],
  training: ['organisations', 'profiles', 'skills', 'users'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === migrationsDir ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') && name !== 'owned-tables.ts'
      ? [path]
      : [];
  });
}

function libs(): string[] {
  return readdirSync(libsDir).filter((name) => statSync(join(libsDir, name, 'src')).isDirectory());
}

function declaredList(text: string, name: string): string[] {
  const list = new RegExp(`${name} = \\[([\\s\\S]*?)\\]`).exec(text)?.[1] ?? '';
  return [...list.matchAll(/'(\w+)'/g)].map((m) => m[1]);
}

/**
 * lib → the tables and views its owned-tables.ts declares (`OWNED_TABLES`, `SHARED_VIEWS`), and
 * the shared views: views an owner declares over its own tables for other libs to read.
 */
function declaredOwners(): { owners: Map<string, string[]>; sharedViews: Set<string> } {
  const owners = new Map<string, string[]>();
  const sharedViews = new Set<string>();
  for (const lib of libs()) {
    let text: string;
    try {
      text = readFileSync(join(libsDir, lib, 'src', 'owned-tables.ts'), 'utf8');
    } catch {
      continue;
    }
    const views = declaredList(text, 'SHARED_VIEWS');
    views.forEach((view) => sharedViews.add(view));
    owners.set(lib, [...declaredList(text, 'OWNED_TABLES'), ...views]);
  }
  return { owners, sharedViews };
}

function migratedTables(): Set<string> {
  return new Set(
    readdirSync(migrationsDir)
      .filter((f) => /^\d+-.+\.ts$/.test(f))
      .flatMap((f) =>
        [
          ...readFileSync(join(migrationsDir, f), 'utf8').matchAll(
            /CREATE (?:TABLE|(?:MATERIALIZED )?VIEW) (?:IF NOT EXISTS )?(\w+)/g,
          ),
        ].map((m) => m[1]),
      ),
  );
}

const SQL_REFERENCE = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+"?([a-z_][a-z0-9_]*)/g;
const KYSELY_REFERENCE =
  /\b(?:selectFrom|insertInto|updateTable|deleteFrom|mergeInto|(?:inner|left|right|full|cross)Join(?:Lateral)?)\(\s*\[?\s*'([a-z_][a-z0-9_]*)/g;
const ENTITY_DECLARATION = /@Entity\(\s*(?:\{\s*name:\s*)?'(\w+)'/g;

/** lib → table → the files naming it. */
function referencedTables(lib: string, tables: Set<string>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sourceFiles(join(libsDir, lib, 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of [SQL_REFERENCE, KYSELY_REFERENCE, ENTITY_DECLARATION]) {
      for (const m of text.matchAll(pattern)) {
        if (!tables.has(m[1])) continue;
        const files = found.get(m[1]) ?? [];
        const at = relative(root, file);
        if (!files.includes(at)) files.push(at);
        found.set(m[1], files);
      }
    }
  }
  return found;
}

describe('table ownership', () => {
  const { owners, sharedViews } = declaredOwners();
  const ownerOf = new Map([...owners].flatMap(([lib, tables]) => tables.map((t) => [t, lib])));
  const tables = migratedTables();

  it('gives every migrated table exactly one owning lib', () => {
    const declared = [...owners.values()].flat();
    expect(declared.length).toBe(new Set(declared).size);
    expect([...new Set(declared)].sort()).toEqual([...tables].sort());
  });

  it('shows the same owners in docs/data-model.md', () => {
    const doc = readFileSync(join(root, 'docs', 'data-model.md'), 'utf8');
    const section = /## Owners\n([\s\S]*?)(?:\n## |$)/.exec(doc)?.[1] ?? '';
    const documented = new Map<string, string[]>();
    for (const m of section.matchAll(/^\| `([\w-]+)` +\| (.+?) +\|$/gm)) {
      documented.set(
        m[1],
        [...m[2].matchAll(/`(\w+)`/g)].map((t) => t[1]),
      );
    }
    expect(documented.size).toBeGreaterThan(0);
    for (const [lib, owned] of owners) {
      expect({ lib, tables: [...(documented.get(lib) ?? [])].sort() }).toEqual({
        lib,
        tables: [...owned].sort(),
      });
    }
  });

  it('lets no lib name a table it does not own, beyond the shrinking list of old crossings', () => {
    for (const lib of libs()) {
      const crossings = [...referencedTables(lib, tables)]
        .filter(([table]) => ownerOf.get(table) !== lib && !sharedViews.has(table))
        .map(([table, files]) => ({ table, files }));
      const known = KNOWN_CROSSINGS[lib] ?? [];
      const unexpected = crossings.filter((c) => !known.includes(c.table));
      expect({ lib, unexpected }).toEqual({ lib, unexpected: [] });
      const gone = known.filter((t) => !crossings.some((c) => c.table === t));
      expect({ lib, noLongerCrossing: gone }).toEqual({ lib, noLongerCrossing: [] });
    }
  });
});
