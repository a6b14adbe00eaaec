import { UserDirectoryModule } from '@app/identity';
import { MailModule } from '@app/mail';
import { Module } from '@nestjs/common';
import { NotificationDigestsModule } from './notification-digests.module.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

/**
 * `NotificationsService.notify(manager, …)` without routes or guards: what a worker job needs
 * (it loads no accounts or JWT settings). The API's {@link NotificationsModule} builds on it.
 */
@Module({
  imports: [MailModule, UserDirectoryModule, NotificationDigestsModule],
  providers: [NotificationsRepository, NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsCoreModule {}
