import { APP_CONFIG, type AppConfig } from '@app/config';
import { DigestService } from '@app/notifications';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { RelayLoopRunner } from './relay-loop-runner.js';

/** Daily and weekly digest e-mail, checked once a minute, next to the relays. */
@Injectable()
export class DigestRunner extends RelayLoopRunner {
  protected readonly logger = new Logger('Digests');
  protected readonly enabled: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly digests: DigestService,
  ) {
    super();
    this.enabled = config.workerRelayEnabled;
  }

  protected runLoop(signal: AbortSignal): Promise<void> {
    return this.digests.runLoop(signal);
  }

  protected startedMessage(): string {
    return 'Digest job started (08:00 in each person’s timezone)';
  }
}
