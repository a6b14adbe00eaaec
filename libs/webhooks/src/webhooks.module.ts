import { Module } from '@nestjs/common';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookPublisher } from './webhook-publisher.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Organisations' webhook registrations, the publisher domain libs call inside their
 * transactions, and the dispatcher the worker runs. Imports no domain lib.
 */
@Module({
  controllers: [WebhooksController],
  providers: [WebhooksRepository, WebhooksService, WebhookPublisher, WebhookDispatcher],
  exports: [WebhookPublisher, WebhookDispatcher],
})
export class WebhooksModule {}
