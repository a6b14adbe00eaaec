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

/** The claims of a JWT, read without verifying it (to copy `sid` or `exp` into hand-made ones). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

/** The session (refresh-token family) an access token belongs to. */
export function sessionIdOf(accessToken: string): string {
  const { sid } = claimsOf(accessToken);
  if (typeof sid !== 'string') throw new Error('access token without a session id');
  return sid;
}
