import { UserDirectoryModule } from '@app/identity';
import { MatchingModule } from '@app/matching';
import { NotificationsModule } from '@app/notifications';
import { OpportunitiesModule } from '@app/opportunities';
import { ProfilesModule } from '@app/profiles';
import { SurveysCoreModule } from '@app/surveys';
import { WebhooksModule } from '@app/webhooks';
import { Module } from '@nestjs/common';
import { ApplicationsController } from './applications.controller.js';
import { MatchRecords } from './match-records.js';
import { MatchesController } from './matches.controller.js';
import { MatchesRepository } from './matches.repository.js';
import { MatchesService } from './matches.service.js';

/** Matches between profiles and work requests or listings, their workflow and audit trail. */
@Module({
  imports: [
    OpportunitiesModule,
    ProfilesModule,
    WebhooksModule,
    NotificationsModule,
    SurveysCoreModule,
    MatchingModule,
    UserDirectoryModule,
  ],
  controllers: [MatchesController, ApplicationsController],
  providers: [MatchesRepository, MatchRecords, MatchesService],
})
export class BrokeringModule {}
