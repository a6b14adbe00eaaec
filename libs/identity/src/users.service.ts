import { Injectable } from '@nestjs/common';
import { toUserResponse } from './dto/user.dto.js';
import type { UserRecord } from './identity-records.js';
import type { Role } from './roles.js';
import { UsersRepository } from './users.repository.js';

/** What other modules may know about any user: no e-mail, no password hash. */
export interface UserSummary {
  id: string;
  /** null once the person erased their account */
  displayName: string | null;
  role: Role;
  organisationId: string | null;
  erased: boolean;
}

/** The account as its owner sees it (GET /api/me, data export). */
export interface UserAccount {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organisationId: string | null;
  emailVerifiedAt: Date | null;
  locale: string;
  timezone: string;
  createdAt: Date;
}

/** Handed to registration hooks. */
export interface RegisteredUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

export function toUserSummary(user: UserRecord): UserSummary {
  return {
    id: user.id,
    displayName: user.displayName,
    role: user.role,
    organisationId: user.organisationId,
    erased: user.erasedAt !== null,
  };
}

export function toUserAccount(user: UserRecord): UserAccount {
  return {
    ...toUserResponse(user),
    emailVerifiedAt: user.emailVerifiedAt,
    createdAt: user.createdAt,
  };
}

/** Read access to users for other modules. */
@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  async findById(id: string): Promise<UserSummary | null> {
    const [user] = await this.users.findByIds([id]);
    return user === undefined ? null : toUserSummary(user);
  }

  /** The users among `ids` that exist (erased ones included, flagged), in no particular order. */
  async findByIds(ids: readonly string[]): Promise<UserSummary[]> {
    return (await this.users.findByIds(ids)).map(toUserSummary);
  }

  /** The own account of a signed-in, not erased user. */
  async findAccount(id: string): Promise<UserAccount | null> {
    const user = await this.users.findActiveById(id);
    return user === null ? null : toUserAccount(user);
  }

  /** Changes the own display name, e-mail language and/or timezone. */
  async updateOwnAccount(
    id: string,
    fields: { displayName?: string; locale?: string; timezone?: string },
  ): Promise<UserAccount | null> {
    const user = await this.users.updateProfileFields(id, fields);
    return user === null ? null : toUserAccount(user);
  }

  async findMembersOf(organisationId: string): Promise<UserSummary[]> {
    return (await this.users.findActiveByOrganisation(organisationId)).map(toUserSummary);
  }
}
