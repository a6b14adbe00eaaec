import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export const SKILLS_INDEX = 'skills';

/** Announces changed skills to the search pipeline inside the writer's transaction. */
@Injectable()
export class SkillIndexSync {
  async enqueue(_manager: EntityManager, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
  }
}
