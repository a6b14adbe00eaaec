import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';

/** Keeps the worker process alive until it is asked to stop, and says so in the log. */
@Injectable()
export class WorkerLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Worker');
  private keepAlive: NodeJS.Timeout | undefined;

  onApplicationBootstrap(): void {
    this.keepAlive = setInterval(() => undefined, 60_000);
    this.logger.log('Worker started');
  }

  onApplicationShutdown(signal?: string): void {
    clearInterval(this.keepAlive);
    this.logger.log(`Worker stopped${signal ? ` (${signal})` : ''}`);
  }
}
