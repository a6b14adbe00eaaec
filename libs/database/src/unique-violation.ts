/** PostgreSQL's SQLSTATE for a unique or exclusion index refusing a row. */
const UNIQUE_VIOLATION = '23505';

/**
 * True when `error` is PostgreSQL refusing a duplicate through the unique index or constraint
 * named `constraint` (any unique index when omitted). Works on TypeORM's `QueryFailedError`
 * (the code sits on `driverError`) and on pg's own error.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const driverError = (error as { driverError?: unknown }).driverError ?? error;
  if (typeof driverError !== 'object' || driverError === null) return false;
  const { code, constraint: refused } = driverError as { code?: unknown; constraint?: unknown };
  return code === UNIQUE_VIOLATION && (constraint === undefined || refused === constraint);
}
