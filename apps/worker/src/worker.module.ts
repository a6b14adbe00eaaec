import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { LoggingModule } from '@app/http';
import { ProfilesIndexModule } from '@app/profiles';
import { OutboxListener, SearchModule } from '@app/search';
import { TaxonomyModule } from '@app/taxonomy';
import { OpportunitiesModule } from '@app/opportunities';
import { WebhooksModule } from '@app/webhooks';
import { MailModule } from '@app/mail';
import { SurveysCoreModule } from '@app/surveys';
import { NotificationDigestsModule } from '@app/notifications';
import { SavedSearchAlertsModule } from '@app/saved-searches';
import { Module } from '@nestjs/common';
import { SearchPipelineRunner } from './search-pipeline-runner.js';
import { DigestRunner } from './digest-runner.js';
import { MailRelayRunner } from './mail-relay-runner.js';
import { SavedSearchAlertsRunner } from './saved-search-alerts-runner.js';
import { WebhookDispatchRunner } from './webhook-dispatch-runner.js';
import { SurveyDispatchRunner } from './survey-dispatch-runner.js';
import { WorkerLifecycle } from './worker-lifecycle.js';

/**
 * The same libs as the API, without HTTP: background jobs run here (search indexes, webhook
 * deliveries, e-mail, digests, follow-up surveys and saved-search alerts included).
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
    SurveysCoreModule,
    NotificationDigestsModule,
    SavedSearchAlertsModule,
  ],
  providers: [
    WorkerLifecycle,
    OutboxListener,
    SearchPipelineRunner,
    WebhookDispatchRunner,
    MailRelayRunner,
    SurveyDispatchRunner,
    DigestRunner,
    SavedSearchAlertsRunner,
  ],
})
export class WorkerModule {}
