import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { RefreshTokenEntity } from './entities/refresh-token.entity.js';

export interface NewRefreshToken {
  userId: string;
  familyId: string;
  tokenHash: Buffer;
  expiresAt: Date;
}

/**
 * SQL for `refresh_tokens`; tokens are only ever looked up by their SHA-256. They are revoked with
 * their session (SessionsRepository).
 */
@Injectable()
export class RefreshTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, token: NewRefreshToken): Promise<void> {
    await manager.insert(RefreshTokenEntity, token);
  }

  /** Reads without locking; through `manager` when inside a transaction (no second connection). */
  findByHash(
    tokenHash: Buffer,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RefreshTokenEntity | null> {
    return manager.getRepository(RefreshTokenEntity).findOneBy({ tokenHash });
  }

  /** Reads the token and locks it, so two concurrent refreshes with it are serialised. */
  lockByHash(manager: EntityManager, tokenHash: Buffer): Promise<RefreshTokenEntity | null> {
    return manager
      .getRepository(RefreshTokenEntity)
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.token_hash = :tokenHash', { tokenHash })
      .getOne();
  }

  async markUsed(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.update(RefreshTokenEntity, { id }, { usedAt: at });
  }
}
