import { APP_CONFIG, type AppConfig } from '@app/config';
import { Global, Module } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import { createMeiliClient } from './meili-client.js';

/** Provides the shared Meilisearch client, injectable by its class. */
@Global()
@Module({
  providers: [
    {
      provide: Meilisearch,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => createMeiliClient(config),
    },
  ],
  exports: [Meilisearch],
})
export class SearchModule {}
