import { APP_CONFIG, type AppConfig } from '@app/config';
import { SavedSearchAlerts } from '@app/saved-searches';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { RelayLoopRunner } from './relay-loop-runner.js';

/** The saved-search alerts loop in the worker (a pass every SAVED_SEARCH_ALERT_INTERVAL_SECONDS). */
@Injectable()
export class SavedSearchAlertsRunner extends RelayLoopRunner {
  protected readonly logger = new Logger('SavedSearchAlerts');
  protected readonly enabled: boolean;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alerts: SavedSearchAlerts,
  ) {
    super();
    this.enabled = config.workerRelayEnabled;
  }

  protected runLoop(signal: AbortSignal): Promise<void> {
    return this.alerts.runLoop(signal);
  }

  protected startedMessage(): string {
    return `Saved-search alerts started (every ${this.config.savedSearchAlerts.intervalSeconds} s)`;
  }
}
