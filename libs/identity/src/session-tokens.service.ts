import { APP_CONFIG, type AppConfig } from '@app/config';
import { TransactionRunner } from '@app/database';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { UserEntity } from './entities/user.entity.js';
import { InvalidRefreshTokenError } from './identity.errors.js';
import type { AccessTokenClaims } from './jwt-settings.js';
import { decideRefresh, generateRefreshToken, hashRefreshToken } from './refresh-token-rules.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { UsersRepository } from './users.repository.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Lifetime of the access token in seconds. */
  expiresIn: number;
}

/** Issues access tokens (JWT) and rotates refresh tokens (opaque, one family per sign-in). */
@Injectable()
export class SessionTokensService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly users: UsersRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  /** A new pair starting a new family (sign-up, sign-in). */
  async startSession(manager: EntityManager, user: UserEntity): Promise<TokenPair> {
    return this.issue(manager, user, randomUUID());
  }

  /**
   * Exchanges a refresh token for a new pair of the same family. A spent token revokes its
   * whole family; that revocation commits even though the caller gets a 401.
   */
  async rotate(refreshToken: string): Promise<{ user: UserEntity; tokens: TokenPair }> {
    const outcome = await this.transactions.run(async (manager) => {
      const now = new Date();
      const token = await this.refreshTokens.lockByHash(manager, hashRefreshToken(refreshToken));
      const decision = decideRefresh(token, now);
      if (token === null || decision !== 'rotate') {
        if (token !== null && decision === 'reuse_detected') {
          await this.refreshTokens.revokeFamily(manager, token.familyId, now);
        }
        return null;
      }
      const user = await this.users.findActiveById(token.userId);
      if (user === null) return null;
      await this.refreshTokens.markUsed(manager, token.id, now);
      return { user, tokens: await this.issue(manager, user, token.familyId) };
    });
    if (outcome === null) throw new InvalidRefreshTokenError();
    return outcome;
  }

  /** Revokes the family of `refreshToken` if it belongs to `userId`; otherwise does nothing. */
  async revokeFamilyOf(userId: string, refreshToken: string): Promise<void> {
    const token = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (token === null || token.userId !== userId) return;
    await this.transactions.run((manager) =>
      this.refreshTokens.revokeFamily(manager, token.familyId, new Date()),
    );
  }

  private async issue(
    manager: EntityManager,
    user: UserEntity,
    familyId: string,
  ): Promise<TokenPair> {
    const claims: Omit<AccessTokenClaims, 'sub'> = { role: user.role, org: user.organisationId };
    const accessToken = await this.jwt.signAsync(claims, { subject: user.id });
    const refreshToken = generateRefreshToken();
    await this.refreshTokens.insert(manager, {
      userId: user.id,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: new Date(Date.now() + this.config.jwtRefreshTtlSeconds * 1000),
    });
    return { accessToken, refreshToken, expiresIn: this.config.jwtAccessTtlSeconds };
  }
}
