import { loadConfigOrExit } from '@app/config';
import { startEmbeddedServices } from '@app/embedded';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../../worker/src/worker.module.js';

export interface WorkerContext {
  app: INestApplicationContext;
  close(): Promise<void>;
}

/**
 * The worker's module graph for a one-off command: same libs and index definitions, but no
 * relay loop and no periodic drift check (a running worker does those). Starts embedded
 * PostgreSQL / Meilisearch, like `npm run migration:run`, when DATABASE_URL / MEILI_HOST are unset.
 */
export async function createWorkerContext(): Promise<WorkerContext> {
  process.env.TALENTBRIDGE_PROCESS ??= 'cli';
  const services = await startEmbeddedServices(loadConfigOrExit());
  Object.assign(process.env, services.env, {
    WORKER_RELAY_ENABLED: 'false',
    SEARCH_DRIFT_INTERVAL_MINUTES: '0',
  });
  try {
    const app = await NestFactory.createApplicationContext(WorkerModule, {
      logger: ['error', 'warn'],
    });
    await app.init();
    return {
      app,
      async close() {
        await app.close();
        await services.stop();
      },
    };
  } catch (error) {
    await services.stop();
    throw error;
  }
}
