import type { AppConfig } from '@app/config';
import { join } from 'node:path';
import {
  startEmbeddedMeilisearch,
  type EmbeddedMeilisearchHandle,
} from './embedded-meilisearch.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.js';

export interface EmbeddedServices {
  /** Environment for child processes: the servers to use, embedded or given. */
  env: Record<string, string>;
  postgres?: EmbeddedPostgresHandle;
  meilisearch?: EmbeddedMeilisearchHandle;
  stop(): Promise<void>;
}

/**
 * Starts embedded PostgreSQL and/or Meilisearch for whatever the configuration does not point
 * at (DATABASE_URL / MEILI_HOST). Data lives under DATA_DIR and is reused by the next start.
 */
export async function startEmbeddedServices(
  config: AppConfig,
  log: (line: string) => void = () => undefined,
): Promise<EmbeddedServices> {
  const env: Record<string, string> = {};
  let postgres: EmbeddedPostgresHandle | undefined;
  let meilisearch: EmbeddedMeilisearchHandle | undefined;
  const stop = async (): Promise<void> => {
    await Promise.allSettled([meilisearch?.stop(), postgres?.stop()]);
  };
  try {
    if (config.databaseUrl === undefined) {
      postgres = await startEmbeddedPostgres({
        dir: join(config.dataDir, 'postgres'),
        port: config.embeddedPostgresPort,
        log: (line) => log(`[postgres] ${line}`),
      });
      env.DATABASE_URL = postgres.url;
    }
    if (config.meiliHost === undefined) {
      meilisearch = await startEmbeddedMeilisearch({
        dir: join(config.dataDir, 'meilisearch'),
        port: config.embeddedMeiliPort,
        masterKey: config.meiliMasterKey,
        bin: config.meiliBin,
        log: (line) => log(`[meilisearch] ${line}`),
      });
      env.MEILI_HOST = meilisearch.host;
      env.MEILI_MASTER_KEY = meilisearch.masterKey;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { env, postgres, meilisearch, stop };
}
