import { APP_CONFIG, type AppConfig } from '@app/config';
import { SurveyDispatcher } from '@app/surveys';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { RelayLoopRunner } from './relay-loop-runner.js';

/** The follow-up survey job's loop in the worker (sends due surveys and reminders). */
@Injectable()
export class SurveyDispatchRunner extends RelayLoopRunner {
  protected readonly logger = new Logger('Surveys');
  protected readonly enabled: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dispatcher: SurveyDispatcher,
  ) {
    super();
    this.enabled = config.workerRelayEnabled;
  }

  protected runLoop(signal: AbortSignal): Promise<void> {
    return this.dispatcher.runLoop(signal);
  }

  protected startedMessage(): string {
    return 'Follow-up survey job started';
  }
}
