import { APP_CONFIG, type AppConfig } from '@app/config';
import { WEBHOOK_DELIVERY_KIND, WebhookDispatcher } from '@app/webhooks';
import { OutboxListener } from '@app/search';
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
    private readonly notifications: OutboxListener,
  ) {
    super();
    this.enabled = config.workerRelayEnabled;
  }

  protected runLoop(signal: AbortSignal): Promise<void> {
    return this.dispatcher.runLoop(signal, {
      wakeUp: () => this.notifications.next(WEBHOOK_DELIVERY_KIND),
    });
  }

  protected startedMessage(): string {
    return 'Webhook dispatcher started';
  }
}
