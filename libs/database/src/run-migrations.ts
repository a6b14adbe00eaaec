import type { AppConfig } from '@app/config';
import { DataSource } from 'typeorm';
import { buildTypeOrmOptions } from './typeorm-options.js';

/** Applies pending migrations; returns the names of the ones it ran. */
export async function runMigrations(
  config: Pick<AppConfig, 'databaseUrl' | 'nodeEnv'>,
): Promise<string[]> {
  const dataSource = new DataSource({ ...buildTypeOrmOptions(config), logging: ['error'] });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
