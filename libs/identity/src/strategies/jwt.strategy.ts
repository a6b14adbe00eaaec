import { APP_CONFIG, type AppConfig } from '@app/config';
import { isUuid } from '@app/http';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy, type SecretOrKeyProvider } from 'passport-jwt';
import type { AuthUser } from '../auth-user.js';
import { UnauthenticatedError } from '../identity.errors.js';
import {
  JWT_ALGORITHM,
  JWT_AUDIENCE,
  JWT_ISSUER,
  requireJwtSecret,
  type AccessTokenClaims,
} from '../jwt-settings.js';
import { UsersRepository } from '../users.repository.js';

/**
 * Hands jsonwebtoken a KeyObject made once. Given a string, it tries (and fails) to parse it as a
 * public key on every verification, which costs more than the HMAC itself. (The typings still say
 * string | Buffer; jsonwebtoken 9 takes KeyObjects.)
 */
function secretKeyProvider(secret: string): SecretOrKeyProvider {
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  return (_request, _rawToken, done) => done(null, key as unknown as Buffer);
}

/**
 * Verifies the bearer token (HS256 only, issuer and audience checked, expiry enforced) and then
 * looks the user up, so an erased account or a changed role takes effect at once.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: secretKeyProvider(requireJwtSecret(config)),
      algorithms: [JWT_ALGORITHM],
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
      ignoreExpiration: false,
    });
  }

  async validate(claims: AccessTokenClaims): Promise<AuthUser> {
    const user = isUuid(claims.sub) ? await this.users.findActiveCaller(claims.sub) : null;
    if (user === null) throw new UnauthenticatedError('The account no longer exists');
    return user;
  }
}
