export * from './dto/webhook.dto.js';
export * from './target-address.js';
export * from './webhook-dispatcher.js';
export * from './webhook-events.js';
export * from './webhook-publisher.js';
export * from './webhook-signature.js';
export * from './webhooks.module.js';
