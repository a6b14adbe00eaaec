import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { loadConfig } from '@app/config';
import { colocatedPoolSize, startEmbeddedServices, type EmbeddedServices } from '@app/embedded';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

// initdb and a first start of PostgreSQL take seconds on a loaded machine
jest.setTimeout(180_000);

describe('startEmbeddedServices', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'talentbridge-embedded-'));
  chmodSync(dataDir, 0o711); // as root, PostgreSQL's own account must pass through it
  const started: EmbeddedServices[] = [];
  const start = async (extra: Record<string, string>) => {
    const services = await startEmbeddedServices(
      loadConfig({
        DATA_DIR: dataDir,
        // the test's Meilisearch: only PostgreSQL is started here
        MEILI_HOST: process.env.MEILI_HOST as string,
        MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY as string,
        ...extra,
      }),
    );
    started.push(services);
    return services;
  };

  afterAll(async () => {
    for (const s of started) await s.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sizes the pools of the processes it serves to this machine, unless told otherwise', async () => {
    expect(colocatedPoolSize(2)).toBe(5);
    expect(colocatedPoolSize(8)).toBe(17);

    const first = await start({});
    expect(first.env.DATABASE_POOL_SIZE).toBe(String(colocatedPoolSize()));
    expect(first.env.MEILI_HOST).toBeUndefined(); // given, so not started
    const client = new pg.Client({ connectionString: first.env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ one: number }>('SELECT 1 AS one');
    await client.end();
    expect(rows).toEqual([{ one: 1 }]);
    await first.stop();

    const given = await start({ DATABASE_POOL_SIZE: '3' });
    expect(given.env.DATABASE_URL).toMatch(/^postgres(ql)?:/);
    expect(given.env.DATABASE_POOL_SIZE).toBeUndefined(); // the process reads its own setting
  });
});
