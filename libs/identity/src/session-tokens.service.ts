import { APP_CONFIG, type AppConfig } from '@app/config';
import { TransactionRunner } from '@app/database';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { UserRecord } from './identity-records.js';
import { InvalidRefreshTokenError } from './identity.errors.js';
import type { AccessTokenClaims } from './jwt-settings.js';
import { decideRefresh, generateRefreshToken, hashRefreshToken } from './refresh-token-rules.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { SessionsRepository } from './sessions.repository.js';
import { UsersRepository } from './users.repository.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Lifetime of the access token in seconds. */
  expiresIn: number;
}

/**
 * Sessions and their tokens. A session is one sign-in: its refresh tokens (opaque, rotated, one
 * family) and its access tokens (JWT carrying the session id as `sid`). Ending a session ends
 * both at once: the JWT guard checks the session on every request.
 */
@Injectable()
export class SessionTokensService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly sessions: SessionsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly users: UsersRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  /** A new session and its first pair (sign-up, sign-in). */
  async startSession(manager: EntityManager, user: UserRecord): Promise<TokenPair> {
    const sessionId = randomUUID();
    await this.sessions.insert(manager, { id: sessionId, userId: user.id });
    return this.issue(manager, user, sessionId);
  }

  /**
   * Exchanges a refresh token for a new pair of the same session. A spent token ends its whole
   * session; that revocation commits even though the caller gets a 401.
   */
  async rotate(refreshToken: string): Promise<{ user: UserRecord; tokens: TokenPair }> {
    const tokenHash = hashRefreshToken(refreshToken);
    const outcome = await this.transactions.run(async (manager) => {
      const now = new Date();
      // Session first, then token: the order revocations lock in, so the two cannot deadlock,
      // and a revocation running now either sees the new token or makes this one wait.
      const found = await this.refreshTokens.findByHash(tokenHash, manager);
      if (found === null) return null;
      const session = await this.sessions.lock(manager, found.familyId);
      const token = await this.refreshTokens.lockByHash(manager, tokenHash);
      if (session === null || token === null) return null;
      const decision = decideRefresh(
        { ...token, revokedAt: token.revokedAt ?? session.revokedAt },
        now,
      );
      if (decision === 'reuse_detected') await this.sessions.revoke(manager, session.id, now);
      if (decision !== 'rotate') return null;
      const user = await this.users.findActiveById(token.userId);
      if (user === null) return null;
      await this.refreshTokens.markUsed(manager, token.id, now);
      return { user, tokens: await this.issue(manager, user, session.id) };
    });
    if (outcome === null) throw new InvalidRefreshTokenError();
    return outcome;
  }

  /** Ends the session of `refreshToken` if it belongs to `userId`; otherwise does nothing. */
  async revokeSessionOf(userId: string, refreshToken: string): Promise<void> {
    const token = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (token === null || token.userId !== userId) return;
    await this.transactions.run((manager) =>
      this.sessions.revoke(manager, token.familyId, new Date()),
    );
  }

  /**
   * Ends every session of the user at once: their refresh tokens stop working and so do their
   * access tokens, on every API process, from the next request on. `keep` spares one session
   * (the caller's, after changing their own password). Pass `manager` to do it inside the
   * caller's transaction (e.g. together with setting a new password).
   */
  async revokeAllForUser(
    userId: string,
    options: { keep?: string; manager?: EntityManager } = {},
  ): Promise<void> {
    const revoke = (manager: EntityManager) =>
      this.sessions.revokeAllOfUser(manager, userId, new Date(), options.keep ?? null);
    if (options.manager !== undefined) await revoke(options.manager);
    else await this.transactions.run(revoke);
  }

  private async issue(
    manager: EntityManager,
    user: UserRecord,
    sessionId: string,
  ): Promise<TokenPair> {
    const claims: Omit<AccessTokenClaims, 'sub' | 'iat' | 'exp'> = {
      role: user.role,
      org: user.organisationId,
      sid: sessionId,
    };
    const accessToken = await this.jwt.signAsync(claims, { subject: user.id });
    const refreshToken = generateRefreshToken();
    await this.refreshTokens.insert(manager, {
      userId: user.id,
      familyId: sessionId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: new Date(Date.now() + this.config.jwtRefreshTtlSeconds * 1000),
    });
    return { accessToken, refreshToken, expiresIn: this.config.jwtAccessTtlSeconds };
  }
}
