import { Kysely, PostgresDialect as KyselyPostgresDialect } from 'kysely';
import { PostgresDialect, generate } from 'kysely-codegen';
import pg from 'pg';

/** Where the row types of the migrated schema live (see docs/architecture.md, "Reaching the database"). */
export const SCHEMA_TYPES_FILE = 'libs/database/src/schema.generated.ts';

/**
 * The TypeScript row types of every table in `databaseUrl` (migrated), as kysely-codegen writes
 * them: column names as in SQL (snake_case), values as `pg` returns them (numeric and bigint as
 * strings, timestamps and dates as `Date`, jsonb parsed). TypeORM's own bookkeeping is left out.
 */
export async function generateSchemaTypes(databaseUrl: string): Promise<string> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const db = new Kysely<unknown>({ dialect: new KyselyPostgresDialect({ pool }) });
  try {
    const source = await generate({
      // kysely-codegen is CommonJS and sees kysely's CommonJS typings; the instance is the same.
      db: db as never,
      dialect: new PostgresDialect(),
      excludePattern: 'public.typeorm_*',
      outFile: null,
      print: false,
      logger: undefined,
      typeOnlyImports: true,
    });
    return source;
  } finally {
    await db.destroy();
  }
}
