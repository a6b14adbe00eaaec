export const ROLES = ['trainee', 'company', 'broker', 'trainer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ORGANISATION_TYPES = ['company', 'membership_org', 'training_provider'] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** The one role people of each kind of organisation have. */
export const MEMBER_ROLE_BY_ORGANISATION_TYPE: Readonly<Record<OrganisationType, Role>> = {
  company: 'company',
  membership_org: 'broker',
  training_provider: 'trainer',
};

/** Roles held by people who belong to an organisation. */
export const ORGANISATION_ROLES: readonly Role[] = Object.values(MEMBER_ROLE_BY_ORGANISATION_TYPE);
