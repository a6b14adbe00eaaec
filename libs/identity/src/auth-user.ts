import type { Role } from './roles.js';

/** The signed-in caller, as every guarded handler sees it (`@CurrentUser()`). */
export interface AuthUser {
  id: string;
  email: string;
  role: Role;
  /** The organisation the caller belongs to; null for trainees and admins. */
  organisationId: string | null;
}
