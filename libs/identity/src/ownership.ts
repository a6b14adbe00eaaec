import { ForbiddenError } from '@app/http';
import type { AuthUser } from './auth-user.js';

/**
 * Object-level access checks. Repositories of organisation-owned data take the organisation id
 * as a required parameter, and services obtain it from here, so forgetting the owner is not the
 * easy path: `repo.findRequestsOf(scopeToOrganisation(user))`.
 */

/** The caller's organisation id; throws {@link ForbiddenError} for anyone without one. */
export function scopeToOrganisation(user: AuthUser): string {
  if (user.organisationId === null) {
    throw new ForbiddenError('Only members of an organisation can do this');
  }
  return user.organisationId;
}

/**
 * Passes when the caller belongs to `organisationId` (or is an admin, when `allowAdmin`);
 * throws {@link ForbiddenError} otherwise.
 */
export function assertOrganisationMember(
  user: AuthUser,
  organisationId: string,
  options: { allowAdmin?: boolean } = {},
): void {
  if (options.allowAdmin === true && user.role === 'admin') return;
  if (user.organisationId === null || user.organisationId !== organisationId) {
    throw new ForbiddenError('You do not belong to this organisation');
  }
}

/** Passes when the caller is `userId` themself (or an admin, when `allowAdmin`). */
export function assertSelf(
  user: AuthUser,
  userId: string,
  options: { allowAdmin?: boolean } = {},
): void {
  if (options.allowAdmin === true && user.role === 'admin') return;
  if (user.id !== userId) throw new ForbiddenError();
}

export function isAdmin(user: AuthUser): boolean {
  return user.role === 'admin';
}
