import { APP_CONFIG, type AppConfig } from '@app/config';
import { MAIL_SEND_KIND, MailRelay } from '@app/mail';
import { OutboxListener } from '@app/search';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { RelayLoopRunner } from './relay-loop-runner.js';

/** The mail relay's loop in the worker. */
@Injectable()
export class MailRelayRunner extends RelayLoopRunner {
  protected readonly logger = new Logger('Mail');
  protected readonly enabled: boolean;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly relay: MailRelay,
    private readonly notifications: OutboxListener,
  ) {
    super();
    this.enabled = config.workerRelayEnabled;
  }

  protected runLoop(signal: AbortSignal): Promise<void> {
    return this.relay.runLoop(signal, { wakeUp: () => this.notifications.next(MAIL_SEND_KIND) });
  }

  protected startedMessage(): string {
    return this.config.mail.smtpUrl === undefined
      ? 'Mail relay started without SMTP_URL: e-mail waits in the outbox'
      : 'Mail relay started';
  }
}
