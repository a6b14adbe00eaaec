import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { UsersRepository } from './users.repository.js';

/** Account life-cycle operations other modules run inside their own transactions. */
@Injectable()
export class UserAccountsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
  ) {}

  /**
   * Erases a user: e-mail replaced by a unique unroutable placeholder, display name and password
   * hash wiped, `erased_at` set, every refresh token revoked. The account can never sign in
   * again and its access tokens stop working at once (the guard looks the user up).
   * Returns false when the user was already erased or does not exist.
   */
  async eraseUser(manager: EntityManager, userId: string): Promise<boolean> {
    const erased = await this.users.erase(manager, userId);
    await this.refreshTokens.revokeAllOfUser(manager, userId, new Date());
    return erased;
  }
}
