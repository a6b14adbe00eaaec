import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SurveysRepository } from './surveys.repository.js';

/**
 * Writes the follow-up surveys of a completed training or a hire inside the caller's
 * transaction (training and brokering call it): the schedule exists if and only if the event
 * commits, once per event and follow-up (a unique index makes a repeat a no-op).
 */
@Injectable()
export class FollowUpSchedule {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly surveys: SurveysRepository,
  ) {}

  /** After `enrolments.finished_at` of a completed enrolment. */
  afterTraining(manager: EntityManager, enrolmentId: string): Promise<number> {
    return this.surveys.scheduleForEnrolment(manager, enrolmentId, this.config.followUpOffsets);
  }

  /** After `matches.hired_at` of a hired match. */
  afterHire(manager: EntityManager, matchId: string): Promise<number> {
    return this.surveys.scheduleForMatch(manager, matchId, this.config.followUpOffsets);
  }
}
