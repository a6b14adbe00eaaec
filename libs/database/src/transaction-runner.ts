import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export type IsolationLevel = 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';

/**
 * The one place where transactions start. Repositories accept the `EntityManager` handed to the
 * callback, so rows and their outbox events commit or roll back together.
 */
@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** For a read that is one statement: no transaction, no dedicated connection. */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>, isolation?: IsolationLevel): Promise<T> {
    return isolation === undefined
      ? this.dataSource.transaction(work)
      : this.dataSource.transaction(isolation, work);
  }
}
