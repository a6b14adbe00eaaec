import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Meilisearch } from 'meilisearch';
import { DataSource } from 'typeorm';

export type DependencyName = 'postgres' | 'meilisearch';

export interface DependencyCheck {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

const CHECK_TIMEOUT_MS = 2_000;

/** Asks each dependency a trivial question with a short timeout. */
@Injectable()
export class HealthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly meili: Meilisearch,
  ) {}

  async check(): Promise<Record<DependencyName, DependencyCheck>> {
    const [postgres, meilisearch] = await Promise.all([
      this.probe(async () => {
        await this.dataSource.query('SELECT 1');
      }),
      this.probe(async () => {
        const health = await this.meili.health();
        if (health.status !== 'available') throw new Error(`status ${health.status}`);
      }),
    ]);
    return { postgres, meilisearch };
  }

  private async probe(question: () => Promise<void>): Promise<DependencyCheck> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        question(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
        }),
      ]);
      return { status: 'up', latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return {
        status: 'down',
        latencyMs: Math.round(performance.now() - started),
        error: error instanceof Error ? error.message : String(error),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}
