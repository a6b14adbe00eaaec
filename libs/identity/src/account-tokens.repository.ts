import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export type AccountTokenPurpose = 'password_reset' | 'email_verification';

export interface OpenAccountToken {
  id: string;
  userId: string;
}

/** Single-use account tokens, known only by their hash. */
@Injectable()
export class AccountTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    token: { userId: string; purpose: AccountTokenPurpose; hash: string; ttlSeconds: number },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO account_tokens (user_id, purpose, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [token.userId, token.purpose, token.hash, token.ttlSeconds],
    );
  }

  /** The unused, unexpired token with this hash and purpose, of an account that is not erased. */
  async findOpen(
    purpose: AccountTokenPurpose,
    hash: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<OpenAccountToken | undefined> {
    const [row] = (await manager.query(
      `SELECT t.id, t.user_id AS "userId" FROM account_tokens t
         JOIN users u ON u.id = t.user_id AND u.erased_at IS NULL
        WHERE t.token_hash = $1 AND t.purpose = $2 AND t.used_at IS NULL
          AND t.expires_at > now()
        ${lock ? 'FOR UPDATE OF t' : ''}`,
      [hash, purpose],
    )) as OpenAccountToken[];
    return row;
  }

  /** Uses up every open token of this purpose of the user (the presented one included). */
  async useAllOf(
    manager: EntityManager,
    userId: string,
    purpose: AccountTokenPurpose,
  ): Promise<void> {
    await manager.query(
      `UPDATE account_tokens SET used_at = now()
        WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
      [userId, purpose],
    );
  }

  async markEmailVerified(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1`,
      [userId],
    );
  }
}
