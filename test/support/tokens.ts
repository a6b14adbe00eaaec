import { createHmac } from 'node:crypto';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Builds a JWT by hand, so tests control every header and claim (and the key). */
export function signJwt(
  claims: Record<string, unknown>,
  secret: string,
  header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' },
): string {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  if (header.alg === 'none') return `${unsigned}.`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** Claims of a well-formed access token for `sub`, valid for a minute unless overridden. */
export function accessClaims(
  sub: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub,
    role: 'trainee',
    org: null,
    iat: now,
    exp: now + 60,
    iss: 'talentbridge',
    aud: 'talentbridge-api',
    ...overrides,
  };
}
