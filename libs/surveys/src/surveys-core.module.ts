import { MailModule } from '@app/mail';
import { NotificationsCoreModule } from '@app/notifications';
import { ProfileOwnersModule } from '@app/profiles';
import { Module } from '@nestjs/common';
import { FollowUpSchedule } from './follow-up-schedule.service.js';
import { SurveyClock } from './survey-clock.js';
import { SurveyDispatcher } from './survey-dispatcher.js';
import { SurveysRepository } from './surveys.repository.js';

/**
 * What training and brokering (the schedule in their transactions) and the worker (the
 * dispatcher) need: no routes, no accounts. The API's {@link SurveysModule} adds the routes.
 */
@Module({
  imports: [MailModule, NotificationsCoreModule, ProfileOwnersModule],
  providers: [SurveysRepository, FollowUpSchedule, SurveyDispatcher, SurveyClock],
  exports: [SurveysRepository, FollowUpSchedule, SurveyDispatcher, SurveyClock],
})
export class SurveysCoreModule {}
