import { checkedText, type Database } from '@app/database';
import type { Selectable } from 'kysely';
import { ORGANISATION_TYPES, ROLES, type OrganisationType, type Role } from './roles.js';

/** A row of `users` as identity reads it. The password hash never leaves this lib. */
export interface UserRecord {
  readonly id: string;
  /** Unique case-insensitively (citext); a placeholder under `.invalid` once erased. */
  readonly email: string;
  /** argon2id PHC string; null once erased. */
  readonly passwordHash: string | null;
  readonly displayName: string | null;
  readonly role: Role;
  readonly organisationId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** The recipient's language for e-mail (en, sq, sr, sr-Cyrl, mk, bs). */
  readonly locale: string;
  /** IANA timezone: digests arrive at 08:00 local time (default Europe/Belgrade). */
  readonly timezone: string;
  /** When the address was confirmed through the e-mailed link; null until then. */
  readonly emailVerifiedAt: Date | null;
  readonly erasedAt: Date | null;
}

/** A row of `organisations`. */
export interface OrganisationRecord {
  readonly id: string;
  readonly type: OrganisationType;
  readonly name: string;
  /** ISO 3166-1 alpha-2; null for a company registered without one. */
  readonly country: string | null;
  /** The person who may add members; null until the first member of an admin-made org exists. */
  readonly ownerUserId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export function toUserRecord(row: Selectable<Database['users']>): UserRecord {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    displayName: row.display_name,
    role: checkedText(ROLES, row.role, 'users.role'),
    organisationId: row.organisation_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    locale: row.locale,
    timezone: row.timezone,
    emailVerifiedAt: row.email_verified_at,
    erasedAt: row.erased_at,
  };
}

export function toOrganisationRecord(
  row: Selectable<Database['organisations']>,
): OrganisationRecord {
  return {
    id: row.id,
    type: checkedText(ORGANISATION_TYPES, row.type, 'organisations.type'),
    name: row.name,
    country: row.country,
    ownerUserId: row.owner_user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
