import { IdentityModule } from '@app/identity';
import { Module } from '@nestjs/common';
import { WebhookDispatcher } from './webhook-dispatcher.js';
import { WebhookPublisher } from './webhook-publisher.js';
import { WebhooksController } from './webhooks.controller.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * The publisher domain libs call inside their transactions and the dispatcher the worker runs:
 * no routes, no accounts, so the worker and domain libs load it without identity.
 */
@Module({
  providers: [WebhooksRepository, WebhookPublisher, WebhookDispatcher],
  exports: [WebhooksRepository, WebhookPublisher, WebhookDispatcher],
})
export class WebhooksModule {}

/** Organisations' webhook registrations over HTTP (the API loads it). */
@Module({
  imports: [WebhooksModule, IdentityModule],
  controllers: [WebhooksController],
  providers: [WebhooksService],
})
export class WebhooksApiModule {}
