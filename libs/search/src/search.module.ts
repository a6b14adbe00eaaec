import { APP_CONFIG, type AppConfig } from '@app/config';
import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Meilisearch } from 'meilisearch';
import { DocumentsFetcher } from './documents-fetch.js';
import { createMeiliClient } from './meili-client.js';
import { OutboxRelay } from './outbox-relay.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxWriter } from './outbox-writer.js';
import { SearchDocumentSync } from './search-document-sync.js';
import { SearchIndexStateRepository } from './search-index-state.repository.js';
import { SearchIndexRegistry } from './search-index.registry.js';

/**
 * The Meilisearch client and the lean documents fetch matching reads with, the outbox (writer
 * and relay) and the index registry. Global, so a domain lib can inject `OutboxWriter` and
 * declare `@RegisterSearchIndex()` providers without importing anything.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: Meilisearch,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createMeiliClient(config),
    },
    {
      provide: DocumentsFetcher,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new DocumentsFetcher(config),
    },
    OutboxRepository,
    OutboxWriter,
    OutboxRelay,
    SearchDocumentSync,
    SearchIndexStateRepository,
    SearchIndexRegistry,
  ],
  exports: [
    Meilisearch,
    DocumentsFetcher,
    OutboxRepository,
    OutboxWriter,
    OutboxRelay,
    SearchIndexRegistry,
  ],
})
export class SearchModule {}
