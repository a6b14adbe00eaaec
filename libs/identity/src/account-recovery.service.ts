import { TransactionRunner } from '@app/database';
import { InputValidationError } from '@app/http';
import { DEFAULT_LOCALE, isLocale, MailOutbox, type Locale, type MailTemplate } from '@app/mail';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AccountSecurityHooks } from './account-security-hooks.js';
import { AccountTokensRepository, type AccountTokenPurpose } from './account-tokens.repository.js';
import type { UserRecord } from './identity-records.js';
import { TooManyPasswordResetsError } from './identity.errors.js';
import { PasswordHasher } from './password-hasher.js';
import { checkPassword } from './password-policy.js';
import { PasswordResetLimiter } from './password-reset-limiter.js';
import { SessionTokensService } from './session-tokens.service.js';
import { UsersRepository } from './users.repository.js';

const RESET_TTL_SECONDS = 60 * 60;
const VERIFICATION_TTL_SECONDS = 7 * 24 * 60 * 60;
/** Where the e-mailed links lead (GET shows a page; the page POSTs to the API). */
export const PASSWORD_RESET_PATH = '/api/auth/password-reset/confirm';
export const VERIFY_EMAIL_PATH = '/api/auth/verify-email';

const INVALID_TOKEN = [{ field: 'token', message: 'is invalid, used or expired' }];

/** Password reset by e-mail and confirmation of the e-mail address. */
@Injectable()
export class AccountRecoveryService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: AccountTokensRepository,
    private readonly sessions: SessionTokensService,
    private readonly hasher: PasswordHasher,
    private readonly mail: MailOutbox,
    private readonly hooks: AccountSecurityHooks,
    private readonly transactions: TransactionRunner,
    private readonly limiter: PasswordResetLimiter,
  ) {}

  /**
   * Mails a single-use reset link to the account with this address, if there is one. The caller
   * learns nothing either way: the same answer, and the same work (a token is made and hashed,
   * one lookup and one transaction run) whether or not the address has an account.
   */
  async requestPasswordReset(email: string, clientIp: string): Promise<void> {
    const retryAfter = this.limiter.retryAfterSeconds(clientIp, email);
    if (retryAfter > 0) throw new TooManyPasswordResetsError(retryAfter);
    this.limiter.record(clientIp, email);
    const { token, hash } = newToken();
    const user = await this.users.findActiveByEmail(email);
    await this.transactions.run(async (manager) => {
      if (user === null || user.passwordHash === null) {
        await this.tokens.probe(manager, hash);
        return;
      }
      await this.issue(manager, user, 'password_reset', token, hash);
      await this.hooks.run(manager, { userId: user.id, event: 'password.reset_requested' });
    });
  }

  /**
   * Sets a new password with a reset token: the token and every other open reset token of the
   * account are used up, and every session ends (refresh and access tokens alike).
   */
  async confirmPasswordReset(token: string, password: string): Promise<void> {
    const hash = hashToken(token);
    const open = await this.tokens.findOpen('password_reset', hash);
    const user = open === undefined ? null : await this.users.findActiveById(open.userId);
    if (open === undefined || user === null) throw new InputValidationError(INVALID_TOKEN);
    const problems = checkPassword(password, { email: user.email });
    if (problems.length > 0) {
      throw new InputValidationError(problems.map((message) => ({ field: 'password', message })));
    }
    const passwordHash = await this.hasher.hash(password);
    await this.transactions.run(async (manager) => {
      // Again under a row lock: two confirmations of one token cannot both pass.
      if ((await this.tokens.findOpen('password_reset', hash, manager, true)) === undefined) {
        throw new InputValidationError(INVALID_TOKEN);
      }
      await this.users.setPasswordHash(manager, user.id, passwordHash);
      await this.tokens.useAllOf(manager, user.id, 'password_reset');
      await this.sessions.revokeAllForUser(user.id, { manager });
      await this.hooks.run(manager, { userId: user.id, event: 'password.reset' });
    });
  }

  /** Confirms the address the verification link was sent to; returns the account's language. */
  async verifyEmail(token: string): Promise<Locale> {
    const hash = hashToken(token);
    const userId = await this.transactions.run(async (manager) => {
      const open = await this.tokens.findOpen('email_verification', hash, manager, true);
      if (open === undefined) throw new InputValidationError(INVALID_TOKEN);
      await this.tokens.markEmailVerified(manager, open.userId);
      await this.tokens.useAllOf(manager, open.userId, 'email_verification');
      return open.userId;
    });
    return localeOf(await this.users.findActiveById(userId));
  }

  /**
   * The language of the account a reset link belongs to, or undefined when the link is
   * unknown, used or expired (nothing is used up: the page posts the token back).
   */
  async resetLinkLocale(token: string): Promise<Locale | undefined> {
    if (token.length === 0 || token.length > 200) return undefined;
    const open = await this.tokens.findOpen('password_reset', hashToken(token));
    if (open === undefined) return undefined;
    const user = await this.users.findActiveById(open.userId);
    return user === null ? undefined : localeOf(user);
  }

  /** Queues the verification link of a new account, inside its registration transaction. */
  async sendVerification(manager: EntityManager, user: UserRecord): Promise<void> {
    const { token, hash } = newToken();
    await this.issue(manager, user, 'email_verification', token, hash);
  }

  private async issue(
    manager: EntityManager,
    user: UserRecord,
    purpose: AccountTokenPurpose,
    token: string,
    hash: string,
  ): Promise<void> {
    const reset = purpose === 'password_reset';
    await this.tokens.insert(manager, {
      userId: user.id,
      purpose,
      hash,
      ttlSeconds: reset ? RESET_TTL_SECONDS : VERIFICATION_TTL_SECONDS,
    });
    const template: MailTemplate = reset ? 'passwordReset' : 'verifyEmail';
    await this.mail.enqueue(manager, {
      to: user.email,
      userId: user.id,
      locale: isLocale(user.locale) ? user.locale : DEFAULT_LOCALE,
      template,
      recipientName: user.displayName,
      actionUrl: this.mail.link(reset ? PASSWORD_RESET_PATH : VERIFY_EMAIL_PATH, token),
    });
  }
}

function localeOf(user: Pick<UserRecord, 'locale'> | null): Locale {
  return user !== null && isLocale(user.locale) ? user.locale : DEFAULT_LOCALE;
}

function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

/** Tokens are 256 random bits: a fast hash is enough (nothing to brute-force). */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
