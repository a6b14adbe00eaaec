import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { loginAdmin, makeBroker, registerTrainee, type SignedIn } from '../support/factories.js';
import {
  bearer,
  makeImportRow,
  resolvedPostings,
  toCsv,
  type ResolvedPosting,
} from '../support/opportunity-factories.js';

/** What the server answered while the client had sent only the start of a body. */
interface EarlyAnswer {
  status: number;
  contentType: string | undefined;
  body: Record<string, unknown>;
  /** Bytes of the body written when the answer arrived. */
  sent: number;
}

const MB = 1024 * 1024;

describe('request bodies: limits, and authentication before bulk bodies are read (HTTP)', () => {
  let t: TestApp;
  let port: number;
  let broker: SignedIn;
  let trainee: SignedIn;
  let postings: ResolvedPosting[];

  /**
   * Announces a body of `length` bytes, sends only its first 64 KB and waits for an answer. A
   * server that reads (and parses) the body before deciding cannot answer: it still waits for
   * the rest. The socket is destroyed afterwards, so the rest is never sent.
   */
  function answerBeforeBodyIsSent(
    path: string,
    headers: Record<string, string>,
    length: number | 'chunked',
  ): Promise<EarlyAnswer> {
    const start = Buffer.from(`[${JSON.stringify({ title: 'x'.repeat(64 * 1024) })}`);
    return new Promise((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        // Without a Content-Length, node sends the body chunked.
        headers: length === 'chunked' ? headers : { ...headers, 'content-length': String(length) },
      });
      const timer = setTimeout(() => {
        req.destroy();
        reject(new Error(`no answer within 5 s while the body was still being sent (${path})`));
      }, 5_000);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'],
            body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
            sent: start.length,
          });
          req.destroy();
        });
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.write(start);
    });
  }

  beforeAll(async () => {
    t = await createTestApp();
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    const admin = await loginAdmin(t);
    [broker, trainee] = await Promise.all([makeBroker(t, admin), registerTrainee(t)]);
    postings = await resolvedPostings(t, admin, 2);
  });

  afterAll(async () => {
    await t.close();
  });

  describe('the listing import', () => {
    it('answers an anonymous 31 MB JSON body with 401 before the body is sent', async () => {
      const answer = await answerBeforeBodyIsSent(
        '/api/listings/import',
        { 'content-type': 'application/json' },
        31 * MB,
      );
      expect(answer.status).toBe(401);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(answer.sent).toBeLessThan(MB);
    });

    it('answers an anonymous chunked body (no length announced) with 401 before it is sent', async () => {
      const answer = await answerBeforeBodyIsSent(
        '/api/listings/import',
        { 'content-type': 'application/json' },
        'chunked',
      );
      expect(answer.status).toBe(401);
    });

    it('answers an anonymous 31 MB CSV body with 401 before the body is sent', async () => {
      const answer = await answerBeforeBodyIsSent(
        '/api/listings/import',
        { 'content-type': 'text/csv' },
        31 * MB,
      );
      expect(answer.status).toBe(401);
    });

    it('answers a bad token with 401 and a trainee with 403, neither reading the body', async () => {
      const bad = await answerBeforeBodyIsSent(
        '/api/listings/import',
        { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
        31 * MB,
      );
      expect(bad.status).toBe(401);
      const wrongRole = await answerBeforeBodyIsSent(
        '/api/listings/import',
        { 'content-type': 'application/json', authorization: `Bearer ${trainee.accessToken}` },
        31 * MB,
      );
      expect(wrongRole.status).toBe(403);
      expect(wrongRole.contentType).toMatch(/^application\/problem\+json/);
    });

    it('answers an anonymous body announced over the bulk limit with 401, not 413', async () => {
      const answer = await answerBeforeBodyIsSent(
        '/api/listings/import',
        { 'content-type': 'application/json' },
        40 * MB,
      );
      expect(answer.status).toBe(401);
    });

    it("answers a broker's body announced over 32 MB with 413 problem+json before it is sent", async () => {
      const answer = await answerBeforeBodyIsSent(
        '/api/listings/import',
        { 'content-type': 'application/json', authorization: `Bearer ${broker.accessToken}` },
        40 * MB,
      );
      expect(answer.status).toBe(413);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(answer.body.errors).toEqual([{ field: 'body', message: 'is too large' }]);
    });

    it("still takes a broker's import larger than the ordinary limit, as JSON and as CSV", async () => {
      const long = 'Long description of the work. '.repeat(600).slice(0, 18_000);
      const rows = Array.from({ length: 70 }, (_, i) =>
        makeImportRow(
          postings[i % postings.length],
          [postings[i % postings.length].known[0].label],
          {
            description: long,
          },
        ),
      );
      const json = JSON.stringify(rows);
      expect(json.length).toBeGreaterThan(MB);
      const res = await t.http
        .post('/api/listings/import')
        .auth(...bearer(broker))
        .set('Content-Type', 'application/json')
        .send(json)
        .expect(200);
      expect(res.body).toMatchObject({ created: 70, updated: 0, errors: [] });

      const csv = toCsv(rows);
      expect(csv.length).toBeGreaterThan(MB);
      const again = await t.http
        .post('/api/listings/import')
        .auth(...bearer(broker))
        .set('Content-Type', 'text/csv')
        .send(csv)
        .expect(200);
      expect(again.body).toMatchObject({ created: 0, updated: 70, errors: [] });
    });

    it('a malformed JSON import from a broker is a 400 naming the body', async () => {
      const res = await t.http
        .post('/api/listings/import')
        .auth(...bearer(broker))
        .set('Content-Type', 'application/json')
        .send('[{"title":');
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'body', message: 'must be valid JSON' }]);
    });
  });

  describe('ordinary routes', () => {
    it('an over-limit body to an ordinary route is a 413 problem+json', async () => {
      const res = await t.http
        .put('/api/profiles/me')
        .auth(...bearer(trainee))
        .set('If-Match', '"1"')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ bio: 'x'.repeat(2 * MB) }));
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'body', message: 'is too large' }]);
    });

    it('an anonymous body announced over the ordinary limit is refused before it is sent', async () => {
      const answer = await answerBeforeBodyIsSent(
        '/api/auth/register',
        { 'content-type': 'application/json' },
        31 * MB,
      );
      expect(answer.status).toBe(413);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
    });
  });
});
