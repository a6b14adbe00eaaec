import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type ProfileErasureHook = (manager: EntityManager, profileId: string) => Promise<void>;

/**
 * Lets libs that keep rows about a person (e.g. follow-up surveys) cut them from the person in
 * the erasure transaction, without profiles depending on them. A hook that throws rolls the
 * erasure back.
 */
@Injectable()
export class ProfileErasureHooks {
  private readonly hooks: ProfileErasureHook[] = [];

  onErase(hook: ProfileErasureHook): void {
    this.hooks.push(hook);
  }

  async run(manager: EntityManager, profileId: string): Promise<void> {
    for (const hook of this.hooks) await hook(manager, profileId);
  }
}
