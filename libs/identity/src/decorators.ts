import {
  SetMetadata,
  createParamDecorator,
  type CustomDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import type { AuthUser, SessionCaller } from './auth-user.js';
import type { Role } from './roles.js';

export const IS_PUBLIC = 'identity:isPublic';
export const REQUIRED_ROLES = 'identity:roles';

/** The route (or every route of the controller) can be called without an access token. */
export const Public = (): CustomDecorator<string> => SetMetadata(IS_PUBLIC, true);

/** Only callers holding one of these roles get through (403 otherwise). */
export const Roles = (...roles: Role[]): CustomDecorator<string> =>
  SetMetadata(REQUIRED_ROLES, roles);

/** The signed-in caller put on the request by the global JWT guard. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser => {
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (user === undefined) {
      // Only reachable on a @Public() route: a programming error, not a client error.
      throw new Error('@CurrentUser() used on a route without authentication');
    }
    return user;
  },
);

/** The session of the caller's access token (a password change keeps it open). */
export const CurrentSessionId = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => {
    const user = context.switchToHttp().getRequest<{ user?: SessionCaller }>().user;
    if (user === undefined) {
      throw new Error('@CurrentSessionId() used on a route without authentication');
    }
    return user.sessionId;
  },
);
