import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export type AccountSecurityEvent =
  'password.changed' | 'password.reset_requested' | 'password.reset' | 'email.verified';

export type AccountSecurityHook = (
  manager: EntityManager,
  event: { userId: string; event: AccountSecurityEvent },
) => Promise<void>;

/**
 * Lets other modules record something inside the transaction of a security change (e.g. the
 * notifications lib writes an `account.security` notification) without identity depending on
 * them. A hook that throws rolls the change back.
 */
@Injectable()
export class AccountSecurityHooks {
  private readonly hooks: AccountSecurityHook[] = [];

  onSecurityEvent(hook: AccountSecurityHook): void {
    this.hooks.push(hook);
  }

  async run(
    manager: EntityManager,
    event: { userId: string; event: AccountSecurityEvent },
  ): Promise<void> {
    for (const hook of this.hooks) await hook(manager, event);
  }
}
