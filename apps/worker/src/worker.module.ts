import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { LoggingModule } from '@app/http';
import { ProfilesIndexModule } from '@app/profiles';
import { SearchModule } from '@app/search';
import { TaxonomyModule } from '@app/taxonomy';
import { OpportunitiesModule } from '@app/opportunities';
import { WebhooksModule } from '@app/webhooks';
import { Module } from '@nestjs/common';
import { SearchPipelineRunner } from './search-pipeline-runner.js';
import { WebhookDispatchRunner } from './webhook-dispatch-runner.js';
import { WorkerLifecycle } from './worker-lifecycle.js';

/**
 * The same libs as the API, without HTTP: background jobs run here (search indexes and webhook
 * deliveries included).
 */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    SearchModule,
    TaxonomyModule,
    ProfilesIndexModule,
    OpportunitiesModule,
    WebhooksModule,
  ],
  providers: [WorkerLifecycle, SearchPipelineRunner, WebhookDispatchRunner],
})
export class WorkerModule {}
