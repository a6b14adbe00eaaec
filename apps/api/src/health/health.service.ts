import { TransactionRunner, typedQueries } from '@app/database';
import { Injectable, Logger } from '@nestjs/common';
import { Meilisearch } from 'meilisearch';
import { sql } from 'kysely';

export type DependencyName = 'postgres' | 'meilisearch';

export interface DependencyCheck {
  status: 'up' | 'down';
  latencyMs: number;
  /** `timed out` or `unreachable`: the cause names internal addresses, so it is only logged. */
  error?: string;
}

const CHECK_TIMEOUT_MS = 2_000;

/** Asks each dependency a trivial question with a short timeout. */
@Injectable()
export class HealthService {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly meili: Meilisearch,
  ) {}

  async check(): Promise<Record<DependencyName, DependencyCheck>> {
    const [postgres, meilisearch] = await Promise.all([
      this.probe('postgres', async () => {
        await sql`SELECT 1`.execute(typedQueries(this.transactions.manager));
      }),
      this.probe('meilisearch', async () => {
        const health = await this.meili.health();
        if (health.status !== 'available') throw new Error(`status ${health.status}`);
      }),
    ]);
    return { postgres, meilisearch };
  }

  private async probe(
    name: DependencyName,
    question: () => Promise<void>,
  ): Promise<DependencyCheck> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        question(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new ProbeTimeout()), CHECK_TIMEOUT_MS);
        }),
      ]);
      return { status: 'up', latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      this.logger.debug({ err: error }, `${name} is down`);
      return {
        status: 'down',
        latencyMs: Math.round(performance.now() - started),
        error: error instanceof ProbeTimeout ? 'timed out' : 'unreachable',
      };
    } finally {
      clearTimeout(timer);
    }
  }
}

class ProbeTimeout extends Error {}
