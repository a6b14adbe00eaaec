import type { Compilable } from 'kysely';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * A read made on (nearly) every request, that PostgreSQL should parse and plan once per
 * connection instead of once per call: the caller check, the opportunity behind a ranking, the
 * profiles shown. For such statements planning costs more than executing (measured for the
 * 20-profile read: 2.9 ms of server CPU per call unprepared, 1.4 ms prepared; docs/matching.md).
 *
 * The text must not change between calls (one name, one text); parameters carry everything that
 * varies, arrays included (`= ANY($1::uuid[])` rather than a list of placeholders).
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

const names = new Map<string, string>();

/** Declares a prepared statement; a name can stand for one text only (checked at load). */
export function preparedStatement(name: string, text: string): PreparedStatement {
  const known = names.get(name);
  if (known !== undefined && known !== text) {
    throw new Error(`Prepared statement "${name}" is declared twice with different texts`);
  }
  names.set(name, text);
  return { name, text };
}

interface PgQueryable {
  query(config: {
    name: string;
    text: string;
    values: readonly unknown[];
  }): Promise<{ rows: ObjectLiteral[] }>;
}

/**
 * Runs a prepared statement through `manager`: on its transaction's connection when it has one
 * (so it sees the transaction's writes and locks), otherwise on any pooled connection.
 */
export async function queryPrepared<R extends ObjectLiteral>(
  manager: EntityManager,
  statement: PreparedStatement,
  values: readonly unknown[],
): Promise<R[]> {
  const shared = manager.queryRunner;
  const inTransaction = shared !== undefined && !shared.isReleased;
  // QueryRunner.connect() hands out the pg client behind the runner; pg names the statement.
  const runner = inTransaction ? shared : manager.connection.createQueryRunner();
  let rows: ObjectLiteral[];
  try {
    const client = (await runner.connect()) as PgQueryable;
    ({ rows } = await client.query({ name: statement.name, text: statement.text, values }));
  } finally {
    if (!inTransaction) await runner.release();
  }
  return rows as R[];
}

/**
 * Runs a Kysely query as the prepared statement `name`, its rows typed by the query itself. The
 * query is compiled on each call (microseconds) and must compile to the same text every time:
 * build it so only parameters vary (`= any(${ids})` with an array, not a list that grows).
 */
export async function runPrepared<R>(
  manager: EntityManager,
  name: string,
  query: Compilable<R>,
): Promise<R[]> {
  const compiled = query.compile();
  const statement = preparedStatement(name, compiled.sql);
  return queryPrepared<R & ObjectLiteral>(manager, statement, compiled.parameters);
}

/**
 * The select list of an entity's columns under `alias`, each named after its property, then any
 * `extra` expressions named by their keys, for hand-written statements whose rows
 * {@link hydrateEntity} turns back into entities.
 */
export function entityColumns(
  dataSource: DataSource,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
  extra: Record<string, string> = {},
): string {
  return [
    ...dataSource
      .getMetadata(target)
      .columns.map((c) => `"${alias}"."${c.databaseName}" AS "${c.propertyName}"`),
    ...Object.entries(extra).map(([name, sql]) => `${sql} AS "${name}"`),
  ].join(', ');
}

/**
 * An entity from a row selected with {@link entityColumns}, converted exactly as TypeORM
 * converts its own reads (column types and transformers).
 */
export function hydrateEntity<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  row: ObjectLiteral,
): T {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    column.setEntityValue(
      entity,
      dataSource.driver.prepareHydratedValue(row[column.propertyName], column),
    );
  }
  return entity;
}
