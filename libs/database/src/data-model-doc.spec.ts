import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const migrationsDir = join(root, 'libs', 'database', 'src', 'migrations');

/** Every table any migration creates. */
function migratedTables(): string[] {
  return readdirSync(migrationsDir)
    .filter((f) => /^\d+-.+\.ts$/.test(f))
    .flatMap((f) =>
      [
        ...readFileSync(join(migrationsDir, f), 'utf8').matchAll(
          /CREATE TABLE (?:IF NOT EXISTS )?(\w+)/g,
        ),
      ].map((m) => m[1]),
    );
}

/** The entities of the erDiagram in docs/data-model.md. */
function diagramEntities(): string[] {
  const doc = readFileSync(join(root, 'docs', 'data-model.md'), 'utf8');
  const diagram = /```mermaid\nerDiagram\n([\s\S]*?)```/.exec(doc)?.[1] ?? '';
  return [...diagram.matchAll(/^ {4}(\w+) \{$/gm)].map((m) => m[1]);
}

describe('docs/data-model.md', () => {
  it('shows every table the migrations create, and no table they do not', () => {
    const tables = migratedTables();
    expect(tables.length).toBeGreaterThan(20);
    expect([...diagramEntities()].sort()).toEqual([...new Set(tables)].sort());
  });
});
