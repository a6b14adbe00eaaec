import { Logger } from '@nestjs/common';
import pg from 'pg';

/**
 * LISTENs on the `outbox` channel (notified by every outbox insert at commit) so an idle relay
 * wakes up at once instead of at its next poll. Purely an optimisation: if the connection fails
 * the relay keeps polling.
 */
export class OutboxNotifications {
  private readonly logger = new Logger('OutboxNotifications');
  private client: pg.Client | undefined;
  private waiters: (() => void)[] = [];

  async start(databaseUrl: string): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl });
    client.on('notification', () => this.wakeAll());
    client.on('error', (error) => {
      this.logger.warn(`LISTEN connection lost (${error.message}); polling only`);
      this.client = undefined;
    });
    try {
      await client.connect();
      await client.query('LISTEN outbox');
      this.client = client;
    } catch (error) {
      this.logger.warn(`LISTEN unavailable (${(error as Error).message}); polling only`);
      await client.end().catch(() => undefined);
    }
  }

  /** Resolves at the next notification (never, if not listening: the poll timer wins). */
  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  async stop(): Promise<void> {
    this.wakeAll();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
