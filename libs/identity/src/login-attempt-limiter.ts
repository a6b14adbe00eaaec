import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { SlidingWindowCounter } from './sliding-window-counter.js';

/**
 * Counts failed password checks per client IP and per e-mail address in a sliding window:
 * failed sign-ins and wrong current passwords at a password change alike, since both guess the
 * same secret. Successful attempts are not counted. Kept in this process's memory (several API
 * instances each keep their own counts; see docs/identity.md).
 */
@Injectable()
export class LoginAttemptLimiter implements OnModuleDestroy {
  private readonly failures: SlidingWindowCounter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.failures = new SlidingWindowCounter(config.loginThrottle.windowSeconds * 1000);
  }

  onModuleDestroy(): void {
    this.failures.stop();
  }

  /** Seconds until another attempt is allowed for this IP and e-mail; 0 when allowed now. */
  retryAfterSeconds(ip: string, email: string, now = Date.now()): number {
    const { perIp, perEmail } = this.config.loginThrottle;
    return Math.max(
      this.failures.retryAfterSeconds(`ip:${ip}`, perIp, now),
      this.failures.retryAfterSeconds(`email:${email.toLowerCase()}`, perEmail, now),
    );
  }

  recordFailure(ip: string, email: string, now = Date.now()): void {
    this.failures.record(`ip:${ip}`, now);
    this.failures.record(`email:${email.toLowerCase()}`, now);
  }
}
