import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Which settings each live Meilisearch index was built with (`search_index_state`). */
@Injectable()
export class SearchIndexStateRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findSettingsHash(uid: string): Promise<string | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT settings_hash FROM search_index_state WHERE uid = $1`,
      [uid],
    )) as { settings_hash: string }[];
    return rows[0]?.settings_hash;
  }

  async recordBuild(uid: string, settingsHash: string, documents: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO search_index_state (uid, settings_hash, documents, built_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (uid) DO UPDATE
         SET settings_hash = EXCLUDED.settings_hash, documents = EXCLUDED.documents,
             built_at = EXCLUDED.built_at`,
      [uid, settingsHash, documents],
    );
  }

  /**
   * Runs `work` while holding a PostgreSQL advisory lock named `key` on a dedicated connection,
   * so an API and a worker booting together (or a reindex command) never build one index twice.
   */
  async withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [key]);
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [key]);
      }
    } finally {
      await runner.release();
    }
  }
}
