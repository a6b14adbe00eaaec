import { OutboxWriter } from '@app/search';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export const SKILLS_INDEX = 'skills';

/** Announces changed skills to the search pipeline (outbox) inside the writer's transaction. */
@Injectable()
export class SkillIndexSync {
  constructor(private readonly outbox: OutboxWriter) {}

  async enqueue(manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.outbox.enqueueSearchSync(manager, SKILLS_INDEX, ids);
  }
}
