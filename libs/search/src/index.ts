export { backoffDelayMs, type BackoffOptions } from './backoff.js';
export * from './documents-fetch.js';
export * from './filter-builder.js';
export * from './meili-client.js';
export * from './meili-tasks.js';
export * from './outbox-drain.js';
export * from './outbox-listener.js';
export * from './outbox-relay.js';
export * from './outbox-writer.js';
export { formatRelayStats, type RelayStatsSummary } from './relay-stats.js';
export {
  OutboxRepository,
  OUTBOX_CHANNEL,
  SEARCH_SYNC_KIND,
  type ClaimedOutboxRow,
} from './outbox.repository.js';
export * from './search-index.js';
export * from './search-index.registry.js';
export * from './search.module.js';
export * from './search-unavailable.js';
export * from './slots.js';
