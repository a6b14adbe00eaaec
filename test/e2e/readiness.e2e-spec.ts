import { startEmbeddedMeilisearch, type EmbeddedMeilisearchHandle } from '@app/embedded';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** Readiness follows a dependency going away and coming back. */
describe('GET /health/ready when Meilisearch stops', () => {
  const dir = mkdtempSync(join(tmpdir(), 'talentbridge-ready-'));
  let meili: EmbeddedMeilisearchHandle;
  let t: TestApp;

  beforeAll(async () => {
    meili = await startEmbeddedMeilisearch({ dir });
    t = await createTestApp({ MEILI_HOST: meili.host, MEILI_MASTER_KEY: meili.masterKey });
  });

  afterAll(async () => {
    await t.close();
    await meili.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 200, then 503 naming meilisearch, then 200 again after a restart', async () => {
    await t.http.get('/health/ready').expect(200);

    await meili.stop();
    const down = await t.http.get('/health/ready').expect(503);
    expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(down.body.unavailable).toEqual(['meilisearch']);
    expect(down.body.detail).toContain('meilisearch');
    expect(down.body.checks.postgres.status).toBe('up');
    expect(down.body.checks.meilisearch.status).toBe('down');

    meili = await startEmbeddedMeilisearch({ dir, port: meili.port, masterKey: meili.masterKey });
    const up = await t.http.get('/health/ready').expect(200);
    expect(up.body.checks.meilisearch.status).toBe('up');
  });
});
