import { APP_CONFIG, type AppConfig } from '@app/config';
import { WebhookDispatcher } from '@app/webhooks';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';

/**
 * Runs the webhook dispatcher next to the search relay (same switch, WORKER_RELAY_ENABLED) and
 * stops it gracefully: the deliveries in hand are finished, the rest wait in the outbox.
 */
@Injectable()
export class WebhookDispatchRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly stop = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.workerRelayEnabled) return;
    this.running = this.dispatcher.runLoop(this.stop.signal);
    this.logger.log('Webhook dispatcher started');
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }
}
