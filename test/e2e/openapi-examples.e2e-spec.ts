import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The checked-in OpenAPI document (kept equal to the code by `npm run openapi:check`) is what
 * Swagger UI shows: every request body comes with examples, and every route that needs a token
 * says so, so "Authorize" then "Try it out" works.
 */
type Schema = Record<string, unknown> & {
  $ref?: string;
  example?: unknown;
  type?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  oneOf?: Schema[];
};
interface Operation {
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
const doc = JSON.parse(readFileSync(join(process.cwd(), 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> };
};

const resolve = (s: Schema): Schema =>
  s.$ref === undefined ? s : resolve(doc.components.schemas[s.$ref.split('/').pop() as string]);

/** Property paths of `schema` with no example on the property, its type or a containing schema. */
function withoutExample(schema: Schema, path: string, seen: Set<string>): string[] {
  if (schema.example !== undefined) return [];
  if (schema.$ref !== undefined) {
    if (seen.has(schema.$ref)) return [];
    return withoutExample(resolve(schema), path, new Set([...seen, schema.$ref]));
  }
  if (schema.allOf !== undefined) return schema.allOf.flatMap((s) => withoutExample(s, path, seen));
  if (schema.type === 'array' && schema.items !== undefined) {
    return withoutExample(schema.items, `${path}[]`, seen);
  }
  if (schema.properties !== undefined) {
    return Object.entries(schema.properties).flatMap(([name, p]) =>
      withoutExample(p, `${path}.${name}`, seen),
    );
  }
  return [path];
}

const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
);

/**
 * Routes anyone may call (`@Public()`): sign-in, health, the taxonomy, towns, certificates, the
 * e-mailed links (verification, unsubscribe, follow-up surveys).
 */
const PUBLIC = new Set([
  'POST /api/auth/register',
  'POST /api/auth/login',
  'POST /api/auth/refresh',
  'GET /health/live',
  'GET /health/ready',
  'GET /api/geo/cities',
  'GET /api/skills',
  'POST /api/skills/resolve',
  'GET /api/skills/{id}',
  'GET /api/certificates/{code}',
  'GET /api/certificates/{code}/credential',
  'GET /api/issuers/{id}',
  'GET /.well-known/jwks.json',
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/confirm',
  'GET /api/auth/password-reset/confirm',
  'POST /api/auth/verify-email',
  'GET /api/auth/verify-email',
  'POST /api/notifications/unsubscribe',
  'GET /api/notifications/unsubscribe',
  'GET /api/surveys/{token}',
  'POST /api/surveys/{token}',
  'GET /api/surveys/respond',
  'POST /api/surveys/respond',
]);

describe('OpenAPI document', () => {
  it('has an example for every property of every request body', () => {
    const bodies = operations.flatMap(({ name, op }) =>
      Object.values(op.requestBody?.content ?? {}).flatMap((c) =>
        c.schema === undefined ? [] : [{ name, schema: c.schema }],
      ),
    );
    expect(bodies.length).toBeGreaterThan(20);
    expect(bodies.flatMap(({ name, schema }) => withoutExample(schema, name, new Set()))).toEqual(
      [],
    );
  });

  it('declares bearer authentication on every route that is not public', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const unsecured = operations
      .filter(({ op }) => !(op.security ?? []).some((s) => 'bearer' in s))
      .map(({ name }) => name);
    expect(unsecured.sort()).toEqual([...PUBLIC].sort());
  });
});
