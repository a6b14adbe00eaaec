import type { AuthUser } from '@app/identity';
import type { ProgrammeForReport } from './indicators.repository.js';
import { ReportForbiddenError } from './reporting.errors.js';

/** Admins read every programme; brokers those their organisation is a partner of. */
export function assertMayReadReports(
  user: AuthUser,
  programme: Pick<ProgrammeForReport, 'partners'>,
): void {
  if (user.role === 'admin') return;
  if (
    user.role === 'broker' &&
    user.organisationId !== null &&
    programme.partners.includes(user.organisationId)
  ) {
    return;
  }
  throw new ReportForbiddenError();
}
