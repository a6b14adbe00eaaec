import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DocumentsFetchError, DocumentsFetcher } from './documents-fetch.js';

interface Seen {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  remotePort?: number;
}

/** The fetcher against a local server standing in for the engine: what it sends, what it reads. */
describe('DocumentsFetcher', () => {
  let server: Server;
  let host: string;
  let answer: (res: ServerResponse) => void = () => undefined;
  const seen: Seen[] = [];
  const fetchers: DocumentsFetcher[] = [];
  const fetcher = (timeoutMs?: number) => {
    const f = new DocumentsFetcher({ meiliHost: host, meiliMasterKey: 'k'.repeat(16) }, timeoutMs);
    fetchers.push(f);
    return f;
  };
  const query = { filter: 'country = "RS"', fields: ['id', 'country'], limit: 50, offset: 100 };

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          headers: req.headers,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          remotePort: req.socket.remotePort,
        });
        answer(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    seen.length = 0;
    for (const f of fetchers.splice(0)) f.close();
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const page = (results: unknown[]) => (res: ServerResponse) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ results, total: 321, offset: 100, limit: 50 }));
  };

  it('posts the filter, fields and page to the documents-fetch route of the index, as the client does', async () => {
    answer = page([{ id: 'a', country: 'RS' }]);
    const got = await fetcher().fetchPage<{ id: string }>('tb_profiles', query);
    expect(got).toEqual({
      results: [{ id: 'a', country: 'RS' }],
      total: 321,
      offset: 100,
      limit: 50,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0].method).toBe('POST');
    expect(seen[0].url).toBe('/indexes/tb_profiles/documents/fetch');
    expect(seen[0].body).toEqual(query);
    expect(seen[0].headers.authorization).toBe(`Bearer ${'k'.repeat(16)}`);
    expect(seen[0].headers['content-type']).toBe('application/json');
    // compressed answers are ~30× slower from Meilisearch on loopback (docs/architecture.md)
    expect(seen[0].headers['accept-encoding']).toBe('identity');
  });

  it('keeps the connection open between requests', async () => {
    answer = page([]);
    const f = fetcher();
    await f.fetchPage('p', query);
    await f.fetchPage('p', query);
    await f.fetchPage('p', query);
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.remotePort)).size).toBe(1);
  });

  it('decodes a character whose bytes arrive in two chunks', async () => {
    const body = Buffer.from(
      JSON.stringify({ results: [{ id: 'Đorđe Šćepanović' }], total: 1, offset: 0, limit: 1 }),
    );
    const split = body.indexOf(Buffer.from('Đ')) + 1; // between the two bytes of "Đ"
    answer = (res) => {
      res.setHeader('content-type', 'application/json');
      res.write(body.subarray(0, split));
      setTimeout(() => res.end(body.subarray(split)), 20);
    };
    const got = await fetcher().fetchPage<{ id: string }>('p', query);
    expect(got.results[0].id).toBe('Đorđe Šćepanović');
  });

  it("rejects with the engine's status, code and message when it refuses the request", async () => {
    answer = (res) => {
      res.statusCode = 400;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          message: 'Attribute `salary` is not filterable.',
          code: 'invalid_document_filter',
          type: 'invalid_request',
        }),
      );
    };
    const error = await fetcher()
      .fetchPage('p', query)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentsFetchError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_document_filter' });
    expect((error as Error).message).toContain('Attribute `salary` is not filterable.');
  });

  it('rejects an answer that is not JSON, naming the status', async () => {
    answer = (res) => {
      res.statusCode = 502;
      res.end('<html>bad gateway</html>');
    };
    const error = await fetcher()
      .fetchPage('p', query)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentsFetchError);
    expect(error).toMatchObject({ status: 502 });
    expect((error as Error).message).toContain('unreadable answer (502)');
  });

  it('gives up when no answer comes in time', async () => {
    answer = () => undefined; // never answers
    const started = Date.now();
    const error = await fetcher(200)
      .fetchPage('p', query)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentsFetchError);
    expect((error as Error).message).toContain('no answer in 200 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('rejects when the engine cannot be reached', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const f = new DocumentsFetcher({
      meiliHost: `http://127.0.0.1:${closedPort}`,
      meiliMasterKey: undefined,
    });
    fetchers.push(f);
    const error = await f.fetchPage('p', query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentsFetchError);
    expect((error as DocumentsFetchError).status).toBeUndefined();
    expect((error as Error).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses to start without a host', () => {
    expect(() => new DocumentsFetcher({ meiliHost: undefined, meiliMasterKey: undefined })).toThrow(
      /MEILI_HOST/,
    );
  });
});
