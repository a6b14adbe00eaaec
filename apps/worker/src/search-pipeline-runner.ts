import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  errorMessage,
  formatRelayStats,
  OutboxListener,
  OutboxRelay,
  SEARCH_SYNC_KIND,
  SearchIndexRegistry,
} from '@app/search';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';

/**
 * Runs the outbox relay loop and the periodic drift check (with repair) in the worker. Both
 * start after the registry has prepared the indexes and stop gracefully on shutdown: the batch
 * in hand is finished, the rest stays in the outbox for the next worker.
 */
@Injectable()
export class SearchPipelineRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SearchPipeline');
  private readonly stop = new AbortController();
  private running: Promise<unknown>[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly relay: OutboxRelay,
    private readonly registry: SearchIndexRegistry,
    private readonly notifications: OutboxListener,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.workerRelayEnabled) {
      this.running.push(
        this.relay.runLoop(this.stop.signal, {
          wakeUp: () => this.notifications.next(SEARCH_SYNC_KIND),
        }),
      );
      this.logger.log('Outbox relay started');
      this.running.push(this.statsLoop());
    }
    if (this.config.searchDriftIntervalMinutes > 0) {
      this.running.push(this.driftLoop(this.config.searchDriftIntervalMinutes * 60_000));
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await Promise.allSettled(this.running);
    this.running = [];
    if (this.config.workerRelayEnabled) this.logStats();
  }

  /** Every minute in which the relay claimed something, its batch sizes so far (and at stop). */
  private async statsLoop(): Promise<void> {
    let logged = 0;
    while (!(await sleep(STATS_EVERY_MS, this.stop.signal))) {
      const passes = this.relay.statsSummary().passes;
      if (passes > logged) {
        logged = passes;
        this.logStats();
      }
    }
  }

  private logStats(): void {
    this.logger.log(
      `Outbox relay batches since start: ${formatRelayStats(this.relay.statsSummary())}`,
    );
  }

  private async driftLoop(intervalMs: number): Promise<void> {
    while (!(await sleep(intervalMs, this.stop.signal))) {
      for (const name of this.registry.names()) {
        if (this.stop.signal.aborted) return;
        try {
          const report = await this.registry.checkDrift(name, { repair: true });
          if (report.missing + report.stale + report.extra > 0) {
            this.logger.warn(
              `Search drift repaired in ${name}: ${report.missing} missing, ` +
                `${report.stale} stale, ${report.extra} extra`,
            );
          }
        } catch (error) {
          this.logger.error(`Drift check of ${name} failed: ${errorMessage(error)}`);
        }
      }
    }
  }
}

const STATS_EVERY_MS = 60_000;

/** Sleeps; resolves true when aborted. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(false);
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
