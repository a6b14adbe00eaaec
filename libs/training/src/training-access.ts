import { ForbiddenError } from '@app/http';
import type { AuthUser } from '@app/identity';

/**
 * Whether the caller works for this training provider: a trainer of that organisation, or an
 * admin when `allowAdmin`. Everything a provider owns (courses, cohorts, enrolments,
 * certificates) is checked through here.
 */
export function actsForProvider(
  user: AuthUser,
  providerId: string,
  options: { allowAdmin?: boolean } = {},
): boolean {
  if (user.role === 'admin') return options.allowAdmin === true;
  return user.role === 'trainer' && user.organisationId === providerId;
}

export function assertActsForProvider(
  user: AuthUser,
  providerId: string,
  options: { allowAdmin?: boolean } = {},
): void {
  if (!actsForProvider(user, providerId, options)) {
    throw new ForbiddenError(
      'Only trainers of the training provider that runs this course may do this',
    );
  }
}

/** The provider whose courses a trainer sees; undefined for everyone else (they see all). */
export function providerScopeOf(user: AuthUser): string | undefined {
  return user.role === 'trainer' ? (user.organisationId ?? undefined) : undefined;
}
