import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { SlidingWindowCounter } from './sliding-window-counter.js';

/**
 * Counts password-reset requests per e-mail address and per client IP in a sliding window
 * (`PASSWORD_RESET_THROTTLE_*`). Unknown addresses are counted exactly like known ones, so the
 * limit tells nothing about which addresses have accounts.
 */
@Injectable()
export class PasswordResetLimiter implements OnModuleDestroy {
  private readonly requests: SlidingWindowCounter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.requests = new SlidingWindowCounter(config.passwordResetThrottle.windowSeconds * 1000);
  }

  onModuleDestroy(): void {
    this.requests.stop();
  }

  retryAfterSeconds(ip: string, email: string, now = Date.now()): number {
    const { perIp, perEmail } = this.config.passwordResetThrottle;
    return Math.max(
      this.requests.retryAfterSeconds(`ip:${ip}`, perIp, now),
      this.requests.retryAfterSeconds(`email:${email.toLowerCase()}`, perEmail, now),
    );
  }

  record(ip: string, email: string, now = Date.now()): void {
    this.requests.record(`ip:${ip}`, now);
    this.requests.record(`email:${email.toLowerCase()}`, now);
  }
}
