import { APP_CONFIG, type AppConfig } from '@app/config';
import { WebhookDispatcher } from '@app/webhooks';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { RelayLoopRunner } from './relay-loop-runner.js';

/** The webhook dispatcher's loop in the worker. */
@Injectable()
export class WebhookDispatchRunner extends RelayLoopRunner {
  protected readonly logger = new Logger('Webhooks');
  protected readonly enabled: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dispatcher: WebhookDispatcher,
  ) {
    super();
    this.enabled = config.workerRelayEnabled;
  }

  protected runLoop(signal: AbortSignal): Promise<void> {
    return this.dispatcher.runLoop(signal);
  }

  protected startedMessage(): string {
    return 'Webhook dispatcher started';
  }
}
