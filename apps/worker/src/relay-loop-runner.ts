import type { Logger, BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';

/**
 * Runs one outbox consumer's loop next to the search relay (same switch, WORKER_RELAY_ENABLED)
 * and stops it gracefully: the rows in hand are finished, the rest wait in the outbox.
 */
export abstract class RelayLoopRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly stop = new AbortController();
  private running: Promise<void> | undefined;

  protected abstract readonly logger: Logger;
  protected abstract readonly enabled: boolean;
  protected abstract runLoop(signal: AbortSignal): Promise<void>;
  protected abstract startedMessage(): string;

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.running = this.runLoop(this.stop.signal);
    this.logger.log(this.startedMessage());
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
  }
}
