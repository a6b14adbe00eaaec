import { DomainError } from '@app/http';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { IS_PUBLIC } from '../decorators.js';
import { UnauthenticatedError } from '../identity.errors.js';

/**
 * Global guard: every route needs a valid access token unless it is marked `@Public()`.
 * Registered as APP_GUARD by IdentityModule.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext): Promise<boolean> | boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic === true) return true;
    return super.canActivate(context) as Promise<boolean>;
  }

  override handleRequest<TUser>(err: unknown, user: TUser, info: unknown): TUser {
    if (err instanceof DomainError) throw err;
    if (err !== null && err !== undefined) throw new UnauthenticatedError();
    if (!user) {
      // passport-jwt reports why in `info`: a missing header, an expired or a bad token.
      const reason = info instanceof Error ? info : undefined;
      throw new UnauthenticatedError(
        reason?.name === 'TokenExpiredError'
          ? 'The access token has expired; refresh it'
          : reason === undefined || reason.message === 'No auth token'
            ? 'Sign in with a bearer access token to do this'
            : 'The access token is not valid',
      );
    }
    return user;
  }
}
