import { TransactionRunner, typedQueries } from '@app/database';
import { Injectable } from '@nestjs/common';
import { sql } from 'kysely';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Which settings each live Meilisearch index was built with (`search_index_state`). */
@Injectable()
export class SearchIndexStateRepository {
  constructor(
    private readonly transactions: TransactionRunner,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  private get db() {
    return typedQueries(this.transactions.manager);
  }

  async findSettingsHash(uid: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('search_index_state')
      .select('settings_hash')
      .where('uid', '=', uid)
      .executeTakeFirst();
    return row?.settings_hash;
  }

  async recordBuild(uid: string, settingsHash: string, documents: number): Promise<void> {
    await this.db
      .insertInto('search_index_state')
      .values({ uid, settings_hash: settingsHash, documents, built_at: sql<Date>`now()` })
      .onConflict((oc) =>
        oc.column('uid').doUpdateSet((eb) => ({
          settings_hash: eb.ref('excluded.settings_hash'),
          documents: eb.ref('excluded.documents'),
          built_at: eb.ref('excluded.built_at'),
        })),
      )
      .execute();
  }

  /**
   * Runs `work` while holding a PostgreSQL advisory lock named `key` on a dedicated connection,
   * so an API and a worker booting together (or a reindex command) never build one index twice.
   */
  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    // A session lock needs one connection for lock and unlock: a query runner's own manager.
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const db = typedQueries(runner.manager);
    try {
      await sql`SELECT pg_advisory_lock(hashtext(${key}))`.execute(db);
      try {
        return await work();
      } finally {
        await sql`SELECT pg_advisory_unlock(hashtext(${key}))`.execute(db);
      }
    } finally {
      await runner.release();
    }
  }
}
