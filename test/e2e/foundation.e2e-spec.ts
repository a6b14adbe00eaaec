import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('foundation (HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('GET /health/live answers without asking dependencies', async () => {
    const res = await t.http.get('/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /health/ready names both dependencies as up', async () => {
    const res = await t.http.get('/health/ready').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.checks.postgres.status).toBe('up');
    expect(res.body.checks.meilisearch.status).toBe('up');
  });

  it.each(['/nope', '/api/nope', '/api/geo/nowhere'])(
    'an unknown route %s is a 404 problem+json',
    async (path) => {
      const res = await t.http.get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, title: 'Not Found', instance: path });
      expect(typeof res.body.type).toBe('string');
      expect(typeof res.body.detail).toBe('string');
    },
  );

  it('a validation failure is a 400 problem+json naming each field', async () => {
    const res = await t.http.get('/api/geo/cities?country=Serbia&limit=500').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['country', 'limit']));
  });

  it('an unknown query parameter is refused by name', async () => {
    const res = await t.http.get('/api/geo/cities?country=RS&evil=1').expect(400);
    expect(res.body.errors).toEqual([{ field: 'evil', message: 'property evil should not exist' }]);
  });

  it('finds towns with coordinates, ignoring diacritics', async () => {
    const res = await t.http.get('/api/geo/cities?country=rs&q=novi%20becej').expect(200);
    expect(res.body[0]).toMatchObject({ name: 'Novi Bečej', country: 'RS' });
    expect(res.body[0].lat).toBeCloseTo(45.6, 1);
  });

  it('echoes a well-formed X-Request-Id and invents one otherwise', async () => {
    const given = await t.http.get('/health/live').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const invented = await t.http.get('/health/live').set('X-Request-Id', 'bad id with spaces');
    expect(invented.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers', async () => {
    const res = await t.http.get('/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/health/ready']));
  });

  it('a malformed JSON body is a 400 problem+json naming the body', async () => {
    const res = await t.http
      .post('/api/nope')
      .set('Content-Type', 'application/json')
      .send('{"broken":');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'body', message: 'must be valid JSON' }]);
  });

  it('a body over the limit is a 413 problem+json', async () => {
    const res = await t.http
      .post('/api/nope')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ field: 'body', message: 'is too large' }]);
  });
});
