import { describe, expect, it } from '@jest/globals';
import { DEFAULT_POOL_SIZE, buildTypeOrmOptions } from './typeorm-options.js';

describe('buildTypeOrmOptions', () => {
  const base = { databaseUrl: 'postgres://u:p@db:5432/tb', nodeEnv: 'production' as const };
  const poolOf = (options: ReturnType<typeof buildTypeOrmOptions>) =>
    (options.extra as { max: number }).max;

  it('opens DATABASE_POOL_SIZE connections, 10 when it is unset', () => {
    expect(DEFAULT_POOL_SIZE).toBe(10);
    expect(poolOf(buildTypeOrmOptions(base))).toBe(10);
    expect(poolOf(buildTypeOrmOptions({ ...base, databasePoolSize: undefined }))).toBe(10);
    expect(poolOf(buildTypeOrmOptions({ ...base, databasePoolSize: 5 }))).toBe(5);
  });

  it('never synchronises the schema', () => {
    expect(buildTypeOrmOptions(base)).toMatchObject({ synchronize: false, migrationsRun: false });
  });

  it('refuses to build without DATABASE_URL', () => {
    expect(() => buildTypeOrmOptions({ ...base, databaseUrl: undefined })).toThrow(/DATABASE_URL/);
  });
});
