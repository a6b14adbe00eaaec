import { Module } from '@nestjs/common';
import { MailOutbox } from './mail-outbox.js';
import { MailOutboxRepository } from './mail-outbox.repository.js';
import { MailRelay } from './mail-relay.js';
import { MailTransport } from './mail-transport.js';

/**
 * Outgoing e-mail: the outbox writer other libs call inside their transactions, and the relay
 * the worker runs. Imports no domain lib (identity and notifications use it).
 */
@Module({
  providers: [MailOutboxRepository, MailOutbox, MailTransport, MailRelay],
  exports: [MailOutbox, MailRelay],
})
export class MailModule {}
