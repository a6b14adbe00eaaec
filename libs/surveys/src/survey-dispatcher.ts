import { TransactionRunner } from '@app/database';
import { MailOutbox } from '@app/mail';
import { NotificationsService } from '@app/notifications';
import { ProfileOwners } from '@app/profiles';
import { Injectable, Logger } from '@nestjs/common';
import { SurveyClock } from './survey-clock.js';
import { newSurveyToken } from './survey-token.js';
import { EXPIRES_AFTER_MS, REMINDER_AFTER_MS, SURVEY_LINK_PATH } from './survey-values.js';
import { SurveysRepository, type ClaimedSurvey } from './surveys.repository.js';
import type { EntityManager } from 'typeorm';

/** Surveys handled per transaction. */
const BATCH = 50;
/** Pause between passes that found nothing to do. */
const IDLE_MS = 5_000;

/**
 * The worker's survey job: makes due surveys live (a fresh single-use token, whose hash only is
 * stored; the `survey.due` notification and its e-mail with the link, in one transaction) and
 * sends the one reminder. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so any number of
 * workers may run it and each survey is sent and reminded exactly once.
 */
@Injectable()
export class SurveyDispatcher {
  private readonly logger = new Logger('Surveys');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly surveys: SurveysRepository,
    private readonly profiles: ProfileOwners,
    private readonly notifications: NotificationsService,
    private readonly mail: MailOutbox,
    private readonly clock: SurveyClock,
  ) {}

  /** One pass until nothing is due: how many surveys were sent and reminded. */
  async runOnce(): Promise<{ sent: number; reminded: number }> {
    let sent = 0;
    let reminded = 0;
    for (;;) {
      const n = await this.sendDueBatch();
      sent += n;
      if (n < BATCH) break;
    }
    for (;;) {
      const n = await this.remindBatch();
      reminded += n;
      if (n < BATCH) break;
    }
    return { sent, reminded };
  }

  async runLoop(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const { sent, reminded } = await this.runOnce();
        if (sent + reminded > 0) this.logger.log({ sent, reminded }, 'Follow-up surveys sent');
      } catch (error) {
        this.logger.error({ err: error }, 'Follow-up survey pass failed');
      }
      await sleep(IDLE_MS, signal);
    }
  }

  private sendDueBatch(): Promise<number> {
    return this.tx.run(async (manager) => {
      const now = this.clock.now();
      const due = await this.withPeople(manager, await this.surveys.claimDue(manager, now, BATCH));
      for (const survey of due) {
        if (survey.userId === null) {
          await this.surveys.withdraw(manager, survey.id, now);
          continue;
        }
        const { token, hash } = newSurveyToken();
        await this.surveys.markSent(manager, survey.id, {
          tokenHash: hash,
          sentAt: now,
          expiresAt: new Date(now.getTime() + EXPIRES_AFTER_MS),
        });
        await this.notifications.notify(manager, {
          userId: survey.userId,
          kind: 'survey.due',
          data: { surveyId: survey.id, followUp: survey.followUp },
          link: '/api/profiles/me/surveys',
          mail: { template: 'surveyDue', actionUrl: this.mail.link(SURVEY_LINK_PATH, token) },
        });
      }
      return due.length;
    });
  }

  private remindBatch(): Promise<number> {
    return this.tx.run(async (manager) => {
      const now = this.clock.now();
      const open = await this.withPeople(
        manager,
        await this.surveys.claimReminders(
          manager,
          new Date(now.getTime() - REMINDER_AFTER_MS),
          now,
          BATCH,
        ),
      );
      for (const survey of open) {
        // the reminder is decided once, mailed or not (erased account, e-mail turned off)
        const { token, hash } = newSurveyToken();
        const mailed =
          survey.userId !== null &&
          (await this.notifications.emailFollowUp(manager, {
            userId: survey.userId,
            kind: 'survey.due',
            mail: {
              template: 'surveyReminder',
              actionUrl: this.mail.link(SURVEY_LINK_PATH, token),
            },
          }));
        await this.surveys.markReminded(manager, survey.id, {
          tokenHash: mailed ? hash : null,
          remindedAt: now,
        });
      }
      return open.length;
    });
  }

  /** Each claimed survey with the account of its profile (null once the person is erased). */
  private async withPeople(
    manager: EntityManager,
    claimed: ClaimedSurvey[],
  ): Promise<(ClaimedSurvey & { userId: string | null })[]> {
    const accounts = await this.profiles.accountsOf(
      claimed.map((s) => s.profileId),
      manager,
    );
    return claimed.map((s) => ({ ...s, userId: accounts.get(s.profileId) ?? null }));
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
