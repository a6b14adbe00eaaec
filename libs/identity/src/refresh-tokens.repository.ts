import { typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface NewRefreshToken {
  userId: string;
  familyId: string;
  tokenHash: Buffer;
  expiresAt: Date;
}

/** One issued refresh token. Only the SHA-256 of the token is stored. */
export interface RefreshTokenRecord {
  readonly id: string;
  readonly userId: string;
  /** Every token rotated from one sign-in shares the family id (the session's id). */
  readonly familyId: string;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly revokedAt: Date | null;
}

/**
 * SQL for `refresh_tokens`; tokens are only ever looked up by their SHA-256. They are revoked with
 * their session (SessionsRepository).
 */
@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, token: NewRefreshToken): Promise<void> {
    await typedQueries(manager)
      .insertInto('refresh_tokens')
      .values({
        user_id: token.userId,
        family_id: token.familyId,
        token_hash: token.tokenHash,
        expires_at: token.expiresAt,
      })
      .execute();
  }

  /** Reads without locking; through `manager` when inside a transaction (no second connection). */
  findByHash(
    tokenHash: Buffer,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RefreshTokenRecord | null> {
    return this.findOne(manager, tokenHash, false);
  }

  /** Reads the token and locks it, so two concurrent refreshes with it are serialised. */
  lockByHash(manager: EntityManager, tokenHash: Buffer): Promise<RefreshTokenRecord | null> {
    return this.findOne(manager, tokenHash, true);
  }

  async markUsed(manager: EntityManager, id: string, at: Date): Promise<void> {
    await typedQueries(manager)
      .updateTable('refresh_tokens')
      .set({ used_at: at })
      .where('id', '=', id)
      .execute();
  }

  private async findOne(
    manager: EntityManager,
    tokenHash: Buffer,
    lock: boolean,
  ): Promise<RefreshTokenRecord | null> {
    const query = typedQueries(manager)
      .selectFrom('refresh_tokens')
      .select([
        'id',
        'user_id as userId',
        'family_id as familyId',
        'expires_at as expiresAt',
        'used_at as usedAt',
        'revoked_at as revokedAt',
      ])
      .where('token_hash', '=', tokenHash);
    const row = await (lock ? query.forUpdate() : query).executeTakeFirst();
    return row ?? null;
  }
}
