import type { AppConfig } from '@app/config';
import { availableParallelism } from 'node:os';
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
 * Connections per process for a PostgreSQL that shares this machine's cores with the API, the
 * worker and Meilisearch: the usual starting point of cores × 2 + 1. More connections than
 * PostgreSQL can run at once only preempt one another (docs/operations.md).
 */
export function colocatedPoolSize(cores = availableParallelism()): number {
  return cores * 2 + 1;
}

/**
 * Starts embedded PostgreSQL and/or Meilisearch for whatever the configuration does not point
 * at (DATABASE_URL / MEILI_HOST). Data lives under DATA_DIR and is reused by the next start.
 * Each server is supervised: a crash is reported to `onEvent` with the server's last output and
 * the server is started again on the same port and data (`log` gets every line it writes).
 * An embedded PostgreSQL runs on this machine, so unless DATABASE_POOL_SIZE says otherwise the
 * processes started with `env` size their pools with {@link colocatedPoolSize}.
 */
export async function startEmbeddedServices(
  config: AppConfig,
  log: (line: string) => void = () => undefined,
  onEvent: (message: string) => void = (message) => void process.stderr.write(`${message}\n`),
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
        onEvent,
      });
      env.DATABASE_URL = postgres.url;
      if (config.databasePoolSize === undefined) {
        env.DATABASE_POOL_SIZE = String(colocatedPoolSize());
      }
    }
    if (config.meiliHost === undefined) {
      meilisearch = await startEmbeddedMeilisearch({
        dir: join(config.dataDir, 'meilisearch'),
        port: config.embeddedMeiliPort,
        masterKey: config.meiliMasterKey,
        bin: config.meiliBin,
        indexingThreads: config.embeddedMeiliIndexingThreads,
        indexingMemoryMib: config.embeddedMeiliIndexingMemoryMib,
        log: (line) => log(`[meilisearch] ${line}`),
        onEvent,
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
