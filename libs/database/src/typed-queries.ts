import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
  type RawBuilder,
  sql,
} from 'kysely';
import type { EntityManager, QueryRunner } from 'typeorm';
import type { DB } from './schema.generated.js';

/** The schema as the migrations leave it (libs/database/src/schema.generated.ts, `npm run db:types`). */
export type Database = DB;
export type TypedQueries = Kysely<Database>;

const STATEMENTS_WITH_ROW_COUNT = /^\s*(insert|update|delete|merge)\b/i;

/** One Kysely connection over a TypeORM query runner: the caller's transaction or a pooled one. */
class QueryRunnerConnection implements DatabaseConnection {
  constructor(private readonly runner: QueryRunner) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // TypeORM's structured result keeps its error type (QueryFailedError) and its slow-query log.
    const result = (await this.runner.query(compiled.sql, [...compiled.parameters], true)) as {
      records: R[];
      affected?: number;
    };
    return {
      rows: result.records ?? [],
      numAffectedRows: STATEMENTS_WITH_ROW_COUNT.test(compiled.sql)
        ? BigInt(result.affected ?? 0)
        : undefined,
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on this connection');
  }
}

/**
 * Runs Kysely's statements through an `EntityManager`: inside its transaction when it has one (so
 * the statements see its writes and locks and commit with it), otherwise on a pooled connection
 * held for one statement. Transactions start only through `TransactionRunner`.
 */
class EntityManagerDriver implements Driver {
  private readonly borrowed = new WeakMap<DatabaseConnection, QueryRunner>();

  constructor(private readonly manager: EntityManager) {}

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const shared = this.manager.queryRunner;
    if (shared !== undefined && !shared.isReleased) return new QueryRunnerConnection(shared);
    const runner = this.manager.connection.createQueryRunner();
    const connection = new QueryRunnerConnection(runner);
    this.borrowed.set(connection, runner);
    return connection;
  }

  async beginTransaction(): Promise<void> {
    throw new Error('start transactions with TransactionRunner.run, not through Kysely');
  }

  async commitTransaction(): Promise<void> {
    throw new Error('start transactions with TransactionRunner.run, not through Kysely');
  }

  async rollbackTransaction(): Promise<void> {
    throw new Error('start transactions with TransactionRunner.run, not through Kysely');
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const runner = this.borrowed.get(connection);
    if (runner === undefined) return;
    this.borrowed.delete(connection);
    await runner.release();
  }

  async destroy(): Promise<void> {}
}

class EntityManagerDialect implements Dialect {
  constructor(private readonly manager: EntityManager) {}
  createAdapter = () => new PostgresAdapter();
  createDriver = () => new EntityManagerDriver(this.manager);
  createQueryCompiler = () => new PostgresQueryCompiler();
  createIntrospector = (db: Kysely<unknown>) => new PostgresIntrospector(db);
}

const perManager = new WeakMap<EntityManager, TypedQueries>();

/**
 * The typed query builder over `manager` (rows typed from the migrated schema, no casts). Cheap:
 * one instance per manager, kept as long as the manager lives.
 */
export function typedQueries(manager: EntityManager): TypedQueries {
  let db = perManager.get(manager);
  if (db === undefined) {
    db = new Kysely<Database>({ dialect: new EntityManagerDialect(manager) });
    perManager.set(manager, db);
  }
  return db;
}

/**
 * A text column whose CHECK constraint allows only `allowed`, as its union type. The generated
 * row types cannot know a CHECK constraint; this checks instead of casting, so a value the code
 * does not know (a migration ahead of the code) fails loudly where it is read.
 */
export function checkedText<T extends string>(
  allowed: readonly T[],
  value: string,
  column: string,
): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined)
    throw new Error(`${column} holds "${value}", which this code does not know`);
  return found;
}

/**
 * `= ANY($1::uuid[])`: one parameter for the whole list, however long (an `in` list spends one
 * parameter per value and gives PostgreSQL a new statement text per length).
 */
export function anyUuid(values: readonly string[]): RawBuilder<string> {
  return sql<string>`ANY(${values}::uuid[])`;
}

/** `= ANY($1::text[])`, as {@link anyUuid}. */
export function anyText(values: readonly (string | null)[]): RawBuilder<string> {
  return sql<string>`ANY(${values}::text[])`;
}
