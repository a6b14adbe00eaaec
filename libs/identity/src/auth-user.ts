import type { Role } from './roles.js';

/** The signed-in caller, as every guarded handler sees it (`@CurrentUser()`). */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  /** The organisation the caller belongs to; null for trainees and admins. */
  organisationId: string | null;
  /**
   * Whether the account's e-mail address is confirmed (companies publish only then). The JWT
   * guard always sets it; optional so callers made up in code (tests, tools) need not.
   */
  emailVerified?: boolean;
  /**
   * The account's language (`PATCH /api/me`): answers fall back to it when the request names
   * none. Set by the JWT guard; optional for the same reason as `emailVerified`.
   */
  locale?: string;
}

/**
 * What the JWT guard puts on the request: the caller and the session their token belongs to
 * (identity's own routes read it with `@CurrentSessionId()`; other modules see an AuthUser).
 */
export interface SessionCaller extends AuthUser {
  sessionId: string;
}
