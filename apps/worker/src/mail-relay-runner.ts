import { APP_CONFIG, type AppConfig } from '@app/config';
import { MailRelay } from '@app/mail';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';

/**
 * Runs the mail relay next to the search relay (same switch, WORKER_RELAY_ENABLED) and stops it
 * gracefully: the messages in hand are finished, the rest wait in the outbox.
 */
@Injectable()
export class MailRelayRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly stop = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly relay: MailRelay,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.workerRelayEnabled) return;
    this.running = this.relay.runLoop(this.stop.signal);
    this.logger.log(
      this.config.mail.smtpUrl === undefined
        ? 'Mail relay started without SMTP_URL: e-mail waits in the outbox'
        : 'Mail relay started',
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }
}
