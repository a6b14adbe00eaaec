import { MailModule } from '@app/mail';
import { Module } from '@nestjs/common';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';

/**
 * `NotificationsService.notify(manager, …)` without HTTP or accounts: what a background job (the
 * worker's saved-search alerts) needs to tell someone. {@link NotificationsModule} adds the
 * routes and the account-security hook on top of it.
 */
@Module({
  imports: [MailModule],
  providers: [NotificationsRepository, NotificationsService],
  exports: [NotificationsRepository, NotificationsService],
})
export class NotificationsWriterModule {}
