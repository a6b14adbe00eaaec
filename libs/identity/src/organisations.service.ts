import { TransactionRunner } from '@app/database';
import { ForbiddenError, InputValidationError, NotFoundError, type FieldError } from '@app/http';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { AuthUser } from './auth-user.js';
import type { OrganisationRecord, UserRecord } from './identity-records.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { assertOrganisationMember } from './ownership.js';
import { PasswordHasher } from './password-hasher.js';
import { checkPassword } from './password-policy.js';
import { MEMBER_ROLE_BY_ORGANISATION_TYPE, type OrganisationType, type Role } from './roles.js';
import { UsersRepository } from './users.repository.js';

export interface NewMember {
  email: string;
  displayName: string;
  role: Role;
  password?: string;
}

export interface CreatedMember {
  user: UserRecord;
  /** Set only when the password was generated: shown once, never stored in clear. */
  generatedPassword?: string;
  /** True when the new member became the organisation's owner (it had none). */
  isOwner: boolean;
}

/** Organisations and the people in them. */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationsRepository,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly transactions: TransactionRunner,
  ) {}

  create(input: {
    name: string;
    type: OrganisationType;
    country: string;
  }): Promise<OrganisationRecord> {
    return this.transactions.run((manager) => this.organisations.insert(manager, input));
  }

  /** The organisation, for an admin or one of its members. */
  async findForMember(caller: AuthUser, id: string): Promise<OrganisationRecord> {
    assertOrganisationMember(caller, id, { allowAdmin: true });
    const organisation = await this.organisations.findById(id);
    if (organisation === null) throw new NotFoundError('Organisation');
    return organisation;
  }

  async listMembers(caller: AuthUser, id: string): Promise<UserRecord[]> {
    await this.findForMember(caller, id);
    return this.users.findActiveByOrganisation(id);
  }

  /**
   * Creates a person in the organisation: by an admin or by the organisation's owner. The role
   * must be the one of the organisation's type. The first member of an organisation without an
   * owner (one created by an admin) becomes its owner.
   */
  async addMember(
    caller: AuthUser,
    organisationId: string,
    input: NewMember,
  ): Promise<CreatedMember> {
    const organisation = await this.organisations.findById(organisationId);
    if (organisation === null) throw new NotFoundError('Organisation');
    if (caller.role !== 'admin' && organisation.ownerUserId !== caller.id) {
      throw new ForbiddenError('Only an admin or the owner of this organisation can add members');
    }
    const errors: FieldError[] = [];
    const expectedRole = MEMBER_ROLE_BY_ORGANISATION_TYPE[organisation.type];
    if (input.role !== expectedRole) {
      errors.push({
        field: 'role',
        message: `must be ${expectedRole} for an organisation of type ${organisation.type}`,
      });
    }
    if (input.password !== undefined) {
      for (const message of checkPassword(input.password, { email: input.email })) {
        errors.push({ field: 'password', message });
      }
    }
    if (errors.length > 0) throw new InputValidationError(errors);

    const generatedPassword =
      input.password === undefined ? generatePassword(input.email) : undefined;
    const passwordHash = await this.hasher.hash(input.password ?? (generatedPassword as string));
    return this.transactions.run(async (manager) => {
      const locked = await this.organisations.lockById(manager, organisationId);
      if (locked === null) throw new NotFoundError('Organisation');
      const user = await this.users.insert(manager, {
        email: input.email,
        passwordHash,
        displayName: input.displayName,
        role: input.role,
        organisationId,
      });
      const isOwner = locked.ownerUserId === null;
      if (isOwner) await this.organisations.setOwner(manager, organisationId, user.id);
      return { user, generatedPassword, isOwner };
    });
  }
}

/** 144 random bits, base64url (24 characters), drawn again in the rare case the policy refuses it. */
function generatePassword(email: string): string {
  for (;;) {
    const candidate = randomBytes(18).toString('base64url');
    if (checkPassword(candidate, { email }).length === 0) return candidate;
  }
}
