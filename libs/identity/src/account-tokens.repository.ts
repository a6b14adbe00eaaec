import { typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { sql } from 'kysely';
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
    await typedQueries(manager)
      .insertInto('account_tokens')
      .values({
        user_id: token.userId,
        purpose: token.purpose,
        token_hash: token.hash,
        expires_at: sql<Date>`now() + make_interval(secs => ${token.ttlSeconds})`,
      })
      .execute();
  }

  /** The unused, unexpired token with this hash and purpose, of an account that is not erased. */
  async findOpen(
    purpose: AccountTokenPurpose,
    hash: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<OpenAccountToken | undefined> {
    const query = typedQueries(manager)
      .selectFrom('account_tokens as t')
      .innerJoin('users as u', (join) =>
        join.onRef('u.id', '=', 't.user_id').on('u.erased_at', 'is', null),
      )
      .select(['t.id', 't.user_id as userId'])
      .where('t.token_hash', '=', hash)
      .where('t.purpose', '=', purpose)
      .where('t.used_at', 'is', null)
      .where('t.expires_at', '>', sql<Date>`now()`);
    return (lock ? query.forUpdate('t') : query).executeTakeFirst();
  }

  /**
   * Looks a hash up without using it: the work a reset request for an unknown address does, so
   * that it costs the same as one for an account.
   */
  async probe(manager: EntityManager, hash: string): Promise<void> {
    await typedQueries(manager)
      .selectFrom('account_tokens')
      .select(sql<number>`1`.as('one'))
      .where('token_hash', '=', hash)
      .execute();
  }

  /** Uses up every open token of this purpose of the user (the presented one included). */
  async useAllOf(
    manager: EntityManager,
    userId: string,
    purpose: AccountTokenPurpose,
  ): Promise<void> {
    await typedQueries(manager)
      .updateTable('account_tokens')
      .set({ used_at: sql<Date>`now()` })
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute();
  }

  async markEmailVerified(manager: EntityManager, userId: string): Promise<void> {
    await typedQueries(manager)
      .updateTable('users')
      .set({ email_verified_at: sql<Date>`coalesce(email_verified_at, now())` })
      .where('id', '=', userId)
      .execute();
  }
}
