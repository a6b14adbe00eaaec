import { ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { GeoPreloadModule } from '@app/geo';
import { ProfilesModule } from '@app/profiles';
import { TaxonomyModule } from '@app/taxonomy';
import { LoggingModule } from '@app/http';
import { IdentityModule } from '@app/identity';
import { SearchModule } from '@app/search';
import { ListingFlagsModule, OpportunitiesModule } from '@app/opportunities';
import { MatchingModule } from '@app/matching';
import { ReportingModule } from '@app/reporting';
import { TrainingModule } from '@app/training';
import { WebhooksApiModule } from '@app/webhooks';
import { MailModule } from '@app/mail';
import { NotificationsModule } from '@app/notifications';
import { BrokeringModule } from '@app/brokering';
import { SavedSearchesModule } from '@app/saved-searches';
import { SurveysModule } from '@app/surveys';
import { Module } from '@nestjs/common';
import { HealthModule } from './health/health.module.js';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule,
    SearchModule,
    IdentityModule,
    HealthModule,
    GeoPreloadModule,
    TaxonomyModule,
    ProfilesModule,
    OpportunitiesModule,
    ListingFlagsModule,
    MatchingModule,
    TrainingModule,
    WebhooksApiModule,
    MailModule,
    NotificationsModule,
    BrokeringModule,
    SurveysModule,
    ReportingModule,
    SavedSearchesModule,
  ],
})
export class AppModule {}
