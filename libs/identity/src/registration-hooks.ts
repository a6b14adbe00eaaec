import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RegisteredUser } from './users.service.js';

export type TraineeRegisteredHook = (manager: EntityManager, user: RegisteredUser) => Promise<void>;

/**
 * Lets other modules act inside the registration transaction without identity depending on
 * them: e.g. profiles registers `onTraineeRegistered(...)` in its `onModuleInit` to create the
 * empty profile. A hook that throws rolls the whole registration back.
 */
@Injectable()
export class RegistrationHooks {
  private readonly traineeRegistered: TraineeRegisteredHook[] = [];

  onTraineeRegistered(hook: TraineeRegisteredHook): void {
    this.traineeRegistered.push(hook);
  }

  /** Runs every trainee hook in registration order, inside the given transaction. */
  async runTraineeRegistered(manager: EntityManager, user: RegisteredUser): Promise<void> {
    for (const hook of this.traineeRegistered) {
      await hook(manager, user);
    }
  }
}
