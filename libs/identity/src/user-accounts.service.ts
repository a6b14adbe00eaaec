import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SessionTokensService } from './session-tokens.service.js';
import { UsersRepository } from './users.repository.js';

/** Account life-cycle operations other modules run inside their own transactions. */
@Injectable()
export class UserAccountsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionTokensService,
  ) {}

  /**
   * Erases a user: e-mail replaced by a unique unroutable placeholder, display name and password
   * hash wiped, `erased_at` set, every session ended (refresh and access tokens). The account
   * can never sign in again and its access tokens stop working at once.
   * Returns false when the user was already erased or does not exist.
   */
  async eraseUser(manager: EntityManager, userId: string): Promise<boolean> {
    const erased = await this.users.erase(manager, userId);
    await this.sessions.revokeAllForUser(userId, { manager });
    return erased;
  }
}
