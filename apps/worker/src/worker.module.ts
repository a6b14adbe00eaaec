import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { LoggingModule } from '@app/http';
import { ProfilesIndexModule } from '@app/profiles';
import { SearchModule } from '@app/search';
import { TaxonomyModule } from '@app/taxonomy';
import { OpportunitiesModule } from '@app/opportunities';
import { WebhooksModule } from '@app/webhooks';
import { MailModule } from '@app/mail';
import { NotificationDigestsModule } from '@app/notifications';
import { Module } from '@nestjs/common';
import { SearchPipelineRunner } from './search-pipeline-runner.js';
import { DigestRunner } from './digest-runner.js';
import { MailRelayRunner } from './mail-relay-runner.js';
import { WebhookDispatchRunner } from './webhook-dispatch-runner.js';
import { WorkerLifecycle } from './worker-lifecycle.js';

/**
 * The same libs as the API, without HTTP: background jobs run here (search indexes, webhook
 * deliveries, e-mail and digests included).
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
    MailModule,
    NotificationDigestsModule,
  ],
  providers: [
    WorkerLifecycle,
    SearchPipelineRunner,
    WebhookDispatchRunner,
    MailRelayRunner,
    DigestRunner,
  ],
})
export class WorkerModule {}
