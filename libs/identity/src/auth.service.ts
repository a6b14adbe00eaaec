import { TransactionRunner } from '@app/database';
import { InputValidationError } from '@app/http';
import { Injectable } from '@nestjs/common';
import { AccountRecoveryService } from './account-recovery.service.js';
import { AccountSecurityHooks } from './account-security-hooks.js';
import type { SessionCaller } from './auth-user.js';
import type { UserRecord } from './identity-records.js';
import {
  InvalidCredentialsError,
  TooManyLoginAttemptsError,
  TooManyRegistrationsError,
  UnauthenticatedError,
} from './identity.errors.js';
import { LoginAttemptLimiter } from './login-attempt-limiter.js';
import { OrganisationsRepository } from './organisations.repository.js';
import { PasswordHasher } from './password-hasher.js';
import { checkPassword } from './password-policy.js';
import { RegistrationHooks } from './registration-hooks.js';
import { RegistrationLimiter } from './registration-limiter.js';
import { SessionTokensService, type TokenPair } from './session-tokens.service.js';
import { UsersRepository } from './users.repository.js';

export interface Registration {
  email: string;
  password: string;
  displayName: string;
  accountType: 'trainee' | 'company';
  organisationName?: string;
  organisationCountry?: string;
  locale?: string;
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

export interface Session {
  user: UserRecord;
  tokens: TokenPair;
}

/** Sign-up, sign-in, token refresh, sign-out and password change. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: SessionTokensService,
    private readonly hooks: RegistrationHooks,
    private readonly transactions: TransactionRunner,
    private readonly registrationLimiter: RegistrationLimiter,
    private readonly loginLimiter: LoginAttemptLimiter,
    private readonly recovery: AccountRecoveryService,
    private readonly securityHooks: AccountSecurityHooks,
  ) {}

  /**
   * Creates the account (and, for a company, its organisation with the user as owner) in one
   * transaction. The password is hashed before the e-mail is checked, so a taken address costs
   * as much time as a free one. Registrations are limited per client IP and e-mail domain:
   * refused bodies are not counted, attempts with a taken address are (they probe for accounts).
   */
  async register(input: Registration, clientIp: string): Promise<Session> {
    const retryAfter = this.registrationLimiter.retryAfterSeconds(clientIp, input.email);
    if (retryAfter > 0) throw new TooManyRegistrationsError(retryAfter);
    const problems = checkPassword(input.password, { email: input.email });
    const errors = problems.map((message) => ({ field: 'password', message }));
    if (input.accountType === 'company' && input.organisationName === undefined) {
      errors.push({ field: 'organisationName', message: 'is required for a company account' });
    }
    if (input.accountType === 'trainee' && input.organisationName !== undefined) {
      errors.push({ field: 'organisationName', message: 'is only for company accounts' });
    }
    if (input.accountType === 'trainee' && input.organisationCountry !== undefined) {
      errors.push({ field: 'organisationCountry', message: 'is only for company accounts' });
    }
    if (errors.length > 0) throw new InputValidationError(errors);

    this.registrationLimiter.record(clientIp, input.email);
    const passwordHash = await this.hasher.hash(input.password);
    return this.transactions.run(async (manager) => {
      let organisationId: string | null = null;
      if (input.accountType === 'company') {
        const organisation = await this.organisations.insert(manager, {
          type: 'company',
          name: input.organisationName as string,
          country: input.organisationCountry ?? null,
        });
        organisationId = organisation.id;
      }
      const user = await this.users.insert(manager, {
        email: input.email,
        passwordHash,
        displayName: input.displayName,
        role: input.accountType,
        organisationId,
        locale: input.locale,
      });
      if (organisationId !== null) {
        await this.organisations.setOwner(manager, organisationId, user.id);
      } else {
        await this.hooks.runTraineeRegistered(manager, {
          id: user.id,
          email: user.email,
          displayName: input.displayName,
          role: user.role,
        });
      }
      await this.recovery.sendVerification(manager, user);
      return { user, tokens: await this.tokens.startSession(manager, user) };
    });
  }

  /**
   * The user with this e-mail and password, or {@link InvalidCredentialsError}. Unknown and
   * erased accounts verify a throw-away hash, so they take as long as a wrong password.
   */
  async verifyCredentials(email: string, password: string): Promise<UserRecord> {
    const user = await this.users.findActiveByEmail(email);
    const valid = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (user === null || !valid) throw new InvalidCredentialsError();
    return user;
  }

  async startSession(user: UserRecord): Promise<Session> {
    return this.transactions.run(async (manager) => ({
      user,
      tokens: await this.tokens.startSession(manager, user),
    }));
  }

  refresh(refreshToken: string): Promise<Session> {
    return this.tokens.rotate(refreshToken);
  }

  /** Ends the session of this refresh token (its access tokens stop working at once). */
  logout(userId: string, refreshToken: string): Promise<void> {
    return this.tokens.revokeSessionOf(userId, refreshToken);
  }

  /**
   * Sets a new password after checking the current one, and ends every other session of the
   * user; the caller's session goes on. Wrong current passwords count as failed sign-ins of the
   * account and the client IP (the same secret is guessed), so the sign-in limit covers both.
   */
  async changePassword(
    caller: SessionCaller,
    input: PasswordChange,
    clientIp: string,
  ): Promise<void> {
    const retryAfter = this.loginLimiter.retryAfterSeconds(clientIp, caller.email);
    if (retryAfter > 0) throw new TooManyLoginAttemptsError(retryAfter);
    const user = await this.users.findActiveById(caller.id);
    if (user === null) throw new UnauthenticatedError('The account no longer exists');

    const errors = checkPassword(input.newPassword, { email: user.email }).map((message) => ({
      field: 'newPassword',
      message,
    }));
    if (!(await this.hasher.verify(user.passwordHash, input.currentPassword))) {
      this.loginLimiter.recordFailure(clientIp, caller.email);
      throw new InputValidationError([
        { field: 'currentPassword', message: 'is not the current password' },
        ...errors,
      ]);
    }
    if (input.newPassword === input.currentPassword) {
      errors.push({ field: 'newPassword', message: 'must differ from the current password' });
    }
    if (errors.length > 0) throw new InputValidationError(errors);

    const passwordHash = await this.hasher.hash(input.newPassword);
    await this.transactions.run(async (manager) => {
      await this.users.setPasswordHash(manager, user.id, passwordHash);
      await this.tokens.revokeAllForUser(user.id, { keep: caller.sessionId, manager });
      await this.securityHooks.run(manager, { userId: user.id, event: 'password.changed' });
    });
  }
}
