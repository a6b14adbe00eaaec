import type { AppConfig } from '@app/config';

/** Claims every access token carries and every verification checks. */
export const JWT_ISSUER = 'talentbridge';
export const JWT_AUDIENCE = 'talentbridge-api';
/** Pinned on signing and verification: no `none`, no RS/HS confusion. */
export const JWT_ALGORITHM = 'HS256';

/** Seconds a token's `iat` may lie ahead of this server's clock (clocks of API hosts drift). */
export const JWT_CLOCK_TOLERANCE_SECONDS = 30;

export interface AccessTokenClaims {
  sub: string;
  role: string;
  org: string | null;
  /** The session (refresh-token family) the token belongs to; it must still be open. */
  sid: string;
  iat: number;
  exp: number;
}

/** The signing key; fails the start-up (never falls back to a default) when it is missing. */
export function requireJwtSecret(config: Pick<AppConfig, 'jwtSecret'>): string {
  if (config.jwtSecret === undefined) {
    throw new Error(
      'JWT_SECRET is not set: start through `npm start` (which generates one) or set it explicitly',
    );
  }
  return config.jwtSecret;
}
