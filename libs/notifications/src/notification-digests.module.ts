import { UserDirectoryModule } from '@app/identity';
import { MailModule } from '@app/mail';
import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from './clock.js';
import { DigestRepository } from './digest.repository.js';
import { DigestService } from './digest.service.js';

/**
 * The digest job and the clock, without HTTP or accounts: the worker loads it (it needs no JWT
 * settings); NotificationsModule imports it for the clock.
 */
@Module({
  imports: [MailModule, UserDirectoryModule],
  providers: [{ provide: CLOCK, useValue: systemClock }, DigestRepository, DigestService],
  exports: [CLOCK, DigestService],
})
export class NotificationDigestsModule {}
