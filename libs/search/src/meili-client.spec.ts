import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMeiliClient } from './meili-client.js';

/**
 * Meilisearch answers ~30× slower when asked for compressed responses (DEPENDENCIES.md): the
 * client must keep asking for identity encoding on every request, searches above all.
 */
describe('createMeiliClient', () => {
  let server: Server;
  let host: string;
  const seen: { method?: string; url?: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ method: req.method, url: req.url, headers: req.headers });
      req.resume();
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        if (req.url?.endsWith('/search')) {
          res.end(
            JSON.stringify({
              hits: [],
              query: 'x',
              processingTimeMs: 0,
              limit: 20,
              offset: 0,
              estimatedTotalHits: 0,
            }),
          );
        } else if (req.url?.endsWith('/documents')) {
          res.statusCode = 202;
          res.end(
            JSON.stringify({
              taskUid: 1,
              indexUid: 'i',
              status: 'enqueued',
              type: 'documentAdditionOrUpdate',
              enqueuedAt: new Date().toISOString(),
            }),
          );
        } else {
          res.end(JSON.stringify({ status: 'available' }));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('asks for identity encoding on searches, writes and health checks', async () => {
    const client = createMeiliClient({ meiliHost: host, meiliMasterKey: 'k'.repeat(16) });
    await client.index('people').search('anyone', { limit: 5 });
    await client.multiSearch({ queries: [{ indexUid: 'people', q: 'x' }] }).catch(() => undefined);
    await client.index('people').addDocuments([{ id: '1' }]);
    await client.health();
    const search = seen.find((r) => r.url === '/indexes/people/search');
    expect(search?.method).toBe('POST');
    expect(search?.headers['accept-encoding']).toBe('identity');
    expect(search?.headers.authorization).toBe(`Bearer ${'k'.repeat(16)}`);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const request of seen) expect(request.headers['accept-encoding']).toBe('identity');
  });

  it('refuses to start without a host', () => {
    expect(() => createMeiliClient({ meiliHost: undefined, meiliMasterKey: undefined })).toThrow(
      /MEILI_HOST/,
    );
  });
});
