import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { API_NODE_FLAGS, WORKER_NODE_FLAGS } from './process-flags.js';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

/** The API and worker run with the same Node flags however they are started. */
describe('process flags', () => {
  it('package.json starts the API and the worker with them', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts['start:api']).toBe(
      ['node', ...API_NODE_FLAGS, 'dist/apps/api/src/main.js'].join(' '),
    );
    expect(scripts['start:worker']).toBe(
      ['node', ...WORKER_NODE_FLAGS, 'dist/apps/worker/src/main.js'].join(' '),
    );
  });

  it('the image runs the API with them, and compose runs the worker with its own', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(read('Dockerfile'))?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual([
      'node',
      ...API_NODE_FLAGS,
      'dist/apps/api/src/main.js',
    ]);
    const compose = read('docker-compose.yml');
    const worker = /command: (\[.*worker\/src\/main\.js'\])/.exec(compose)?.[1];
    expect(JSON.parse((worker ?? 'null').replaceAll("'", '"'))).toEqual([
      'node',
      ...WORKER_NODE_FLAGS,
      'dist/apps/worker/src/main.js',
    ]);
  });
});
