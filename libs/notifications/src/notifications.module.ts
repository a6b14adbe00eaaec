import { AccountSecurityHooks, IdentityModule } from '@app/identity';
import { Module, type OnModuleInit } from '@nestjs/common';
import { NotificationsWriterModule } from './notifications-writer.module.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/**
 * In-product notifications and their e-mail. Domain libs import it for
 * `NotificationsService.notify(manager, …)`; it imports no domain lib (identity only for guards
 * and its security hook).
 */
@Module({
  imports: [IdentityModule, NotificationsWriterModule],
  controllers: [NotificationsController],
  exports: [NotificationsWriterModule],
})
export class NotificationsModule implements OnModuleInit {
  constructor(
    private readonly securityHooks: AccountSecurityHooks,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.securityHooks.onSecurityEvent((manager, event) =>
      this.notifications.notify(manager, {
        userId: event.userId,
        kind: 'account.security',
        data: { event: event.event },
        // The reset e-mail itself tells of a reset request.
        email: event.event !== 'password.reset_requested',
      }),
    );
  }
}
