import { APP_CONFIG, type AppConfig } from '@app/config';
import { isUuid } from '@app/http';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy, type SecretOrKeyProvider } from 'passport-jwt';
import type { SessionCaller } from '../auth-user.js';
import { UnauthenticatedError } from '../identity.errors.js';
import {
  JWT_ALGORITHM,
  JWT_AUDIENCE,
  JWT_CLOCK_TOLERANCE_SECONDS,
  JWT_ISSUER,
  requireJwtSecret,
} from '../jwt-settings.js';
import { SessionsRepository } from '../sessions.repository.js';

/**
 * Hands jsonwebtoken a KeyObject made once. Given a string, it tries (and fails) to parse it as a
 * public key on every verification, which costs more than the HMAC itself. (The typings still say
 * string | Buffer; jsonwebtoken 9 takes KeyObjects.)
 */
function secretKeyProvider(secret: string): SecretOrKeyProvider {
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  return (_request, _rawToken, done) => done(null, key as unknown as Buffer);
}

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * What jsonwebtoken leaves unchecked: it accepts a token without `exp` (valid forever) or `iat`.
 * Ours always carry both, `exp - iat` is the configured lifetime, and `iat` is not in the future.
 */
export function claimsProblem(
  claims: Record<string, unknown>,
  accessTtlSeconds: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): string | null {
  if (!isTime(claims.exp)) return 'The access token has no expiry';
  if (!isTime(claims.iat)) return 'The access token has no issue time';
  if (claims.iat > nowSeconds + JWT_CLOCK_TOLERANCE_SECONDS) {
    return 'The access token was issued in the future';
  }
  if (claims.exp - claims.iat > accessTtlSeconds) {
    return 'The access token lives longer than access tokens may';
  }
  if (typeof claims.sub !== 'string' || !isUuid(claims.sub)) return 'The access token is not valid';
  if (typeof claims.sid !== 'string' || !isUuid(claims.sid)) {
    return 'The access token belongs to no session; sign in again';
  }
  return null;
}

/**
 * Verifies the bearer token (HS256 only, issuer and audience checked, expiry required and
 * enforced) and then looks up its session and user, so logout, a password change, a reused
 * refresh token, an erased account or a changed role take effect at once. No cache: that would
 * let an ended session work on other API processes until it expired (docs/identity.md).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly accessTtlSeconds: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: SessionsRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: secretKeyProvider(requireJwtSecret(config)),
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
    this.accessTtlSeconds = config.jwtAccessTtlSeconds;
  }

  async validate(claims: Record<string, unknown>): Promise<SessionCaller> {
    const problem = claimsProblem(claims, this.accessTtlSeconds);
    if (problem !== null) throw new UnauthenticatedError(problem);
    const sessionId = claims.sid as string;
    const user = await this.sessions.findCallerOfOpenSession(sessionId, claims.sub as string);
    if (user === null) {
      throw new UnauthenticatedError('The session has ended or the account no longer exists');
    }
    return { ...user, sessionId };
  }
}
