import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxRepository, SEARCH_SYNC_KIND } from './outbox.repository.js';

/**
 * Records outbox rows inside the caller's transaction: the change and its announcement commit
 * or roll back together, so search can lag a write but never miss one.
 */
@Injectable()
export class OutboxWriter {
  constructor(private readonly outbox: OutboxRepository) {}

  /**
   * Asks the relay to re-read these documents of index `index` (its logical name, e.g.
   * `skills`) and write or delete them in Meilisearch. Ids only: the relay loads the current
   * state when it runs, so repeated changes coalesce and an old change never wins.
   */
  async enqueueSearchSync(manager: EntityManager, index: string, ids: string[]): Promise<void> {
    await this.outbox.insertRows(manager, SEARCH_SYNC_KIND, index, [...new Set(ids)]);
  }

  /**
   * A row of any other kind (e.g. a webhook delivery). `key` groups rows that may be coalesced;
   * `target` says where it goes when the kind needs that.
   */
  async enqueue(
    manager: EntityManager,
    kind: string,
    key: string,
    payload: unknown,
    target = '',
  ): Promise<void> {
    await this.outbox.insertRows(manager, kind, target, [key], payload);
  }
}
