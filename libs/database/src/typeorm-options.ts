import type { AppConfig } from '@app/config';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations/index.js';
import { SafeTypeOrmLogger } from './typeorm-logger.js';

/** Connections per process when DATABASE_POOL_SIZE is unset and PostgreSQL runs elsewhere. */
export const DEFAULT_POOL_SIZE = 10;

/**
 * The single source of TypeORM options, used by the Nest apps, the migration command and the
 * TypeORM CLI data source alike, so they cannot drift apart. Schema changes only ever come from
 * checked-in migrations: `synchronize` stays off everywhere.
 */
export function buildTypeOrmOptions(
  config: Pick<AppConfig, 'databaseUrl' | 'nodeEnv'> & Partial<Pick<AppConfig, 'databasePoolSize'>>,
): DataSourceOptions {
  if (config.databaseUrl === undefined) {
    throw new Error('DATABASE_URL is not set: start through `npm start` or set it explicitly');
  }
  return {
    type: 'postgres',
    url: config.databaseUrl,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    entities: [],
    logging: ['error', 'warn', 'migration'],
    logger: new SafeTypeOrmLogger(),
    maxQueryExecutionTime: 1_000,
    extra: {
      max: config.databasePoolSize ?? DEFAULT_POOL_SIZE,
      application_name: `talentbridge-${process.env.TALENTBRIDGE_PROCESS ?? 'app'}`,
    },
  };
}
