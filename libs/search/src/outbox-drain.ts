import type { Logger } from '@nestjs/common';
import { backoffDelayMs } from './backoff.js';
import { errorMessage } from './meili-tasks.js';

/** What one claim-and-process pass did: the rows it claimed and its consumer's own counts. */
export type DrainPass<K extends string> = { readonly claimed: number } & Record<K, number>;

export interface DrainLoopOptions {
  /** Sleep between polls when nothing is available (the consumer's default otherwise). */
  idleMs?: number;
  /** Resolves early to end an idle sleep (the LISTEN wake-up of `OutboxListener.next`). */
  wakeUp?: () => Promise<void>;
}

/** One consumer of outbox rows of its kinds: the search relay, the webhook dispatcher, mail. */
export interface OutboxConsumer<K extends string> {
  /** Names the consumer in the log line of a failed pass (`Webhook pass failed …`). */
  readonly label: string;
  readonly logger: Logger;
  /** The counts `drain()` adds up over its passes. */
  readonly counts: readonly K[];
  /** Default sleep between polls when nothing is available. */
  readonly idleMs: number;
  /** Claims a batch of the consumer's rows (leases under SKIP LOCKED) and settles each of them. */
  pass(): Promise<DrainPass<K>>;
  /** Housekeeping before a pass, inside the loop's error handling (the relay's purge). */
  beforePass?(): Promise<void>;
}

/**
 * The one claim-and-drain loop of the outbox's consumers. `drain()` runs passes until one claims
 * nothing (rows waiting for their backoff stay for later); `run()` does so until its signal
 * aborts, sleeping between empty passes until the timer or a wake-up, and backing off while the
 * database fails (the rows are safe where they are). The batch in hand is always finished: a
 * claimed row is settled by the pass that claimed it, so each row is handled once.
 */
export class OutboxDrainLoop<K extends string> {
  constructor(private readonly consumer: OutboxConsumer<K>) {}

  async drain(): Promise<Record<K, number>> {
    const total = Object.fromEntries(this.consumer.counts.map((k) => [k, 0])) as Record<K, number>;
    for (;;) {
      const pass = await this.consumer.pass();
      for (const key of this.consumer.counts) total[key] += pass[key];
      if (pass.claimed === 0) return total;
    }
  }

  async run(signal: AbortSignal, options: DrainLoopOptions = {}): Promise<void> {
    const idleMs = options.idleMs ?? this.consumer.idleMs;
    let errors = 0;
    while (!signal.aborted) {
      try {
        await this.consumer.beforePass?.();
        const { claimed } = await this.consumer.pass();
        errors = 0;
        if (claimed === 0) await idle(idleMs, signal, options.wakeUp);
      } catch (error) {
        // The database itself is failing: wait the backoff out, no wake-up shortens it.
        errors += 1;
        const delay = backoffDelayMs(errors);
        this.consumer.logger.error(
          `${this.consumer.label} pass failed (${errorMessage(error)}); retry in ${delay} ms`,
        );
        await idle(delay, signal);
      }
    }
  }
}

/** Sleeps `ms`, ending early when `signal` aborts or `wakeUp` resolves (the loop's idle wait). */
export function idle(ms: number, signal: AbortSignal, wakeUp?: () => Promise<void>): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    void wakeUp?.().then(done, done);
  });
}
