import { ForbiddenError } from '@app/http';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser } from '../auth-user.js';
import { REQUIRED_ROLES } from '../decorators.js';
import type { Role } from '../roles.js';

/** Global guard (after the JWT guard): enforces `@Roles(...)` with a 403. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (roles === undefined || roles.length === 0) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (user === undefined || !roles.includes(user.role)) {
      throw new ForbiddenError(`Only ${roles.join(', ')} accounts can do this`);
    }
    return true;
  }
}
