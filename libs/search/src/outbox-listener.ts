import { APP_CONFIG, type AppConfig } from '@app/config';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import pg from 'pg';
import { OUTBOX_CHANNEL } from './outbox.repository.js';

/**
 * LISTENs on the `outbox` channel (notified by every outbox insert at commit, with the row kind
 * as payload) so an idle drain loop wakes up at once instead of at its next poll: the search
 * relay, the webhook dispatcher and the mail relay each wait for their own kind
 * (`DrainLoopOptions.wakeUp`). One dedicated connection per worker, outside the pool (it is held
 * for the process's life); the worker provides it. Purely an optimisation: if the connection
 * fails (or a transaction-mode pooler drops the notifications) the loops keep polling.
 */
@Injectable()
export class OutboxListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxListener');
  private client: pg.Client | undefined;
  private waiters = new Map<string, (() => void)[]>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.workerRelayEnabled && this.config.databaseUrl !== undefined) {
      await this.start(this.config.databaseUrl);
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async start(databaseUrl: string): Promise<void> {
    const client = new pg.Client({
      connectionString: databaseUrl,
      application_name: `talentbridge-${process.env.TALENTBRIDGE_PROCESS ?? 'worker'}-listen`,
    });
    client.on('notification', (message) => this.wake(message.payload));
    client.on('error', (error) => {
      this.logger.warn(`LISTEN connection lost (${error.message}); polling only`);
      this.client = undefined;
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      this.client = client;
    } catch (error) {
      this.logger.warn(`LISTEN unavailable (${(error as Error).message}); polling only`);
      await client.end().catch(() => undefined);
    }
  }

  /**
   * Resolves at the next notification for `kind` (or one without a kind); never, if not
   * listening: the caller's poll timer wins.
   */
  next(kind: string): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.set(kind, [...(this.waiters.get(kind) ?? []), resolve]);
    });
  }

  async stop(): Promise<void> {
    this.wake(undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** Wakes the waiters of `kind`, or everyone when the notification names none. */
  private wake(kind: string | undefined): void {
    const kinds = kind === undefined || kind === '' ? [...this.waiters.keys()] : [kind];
    for (const k of kinds) {
      const waiters = this.waiters.get(k) ?? [];
      this.waiters.delete(k);
      for (const resolve of waiters) resolve();
    }
  }
}
