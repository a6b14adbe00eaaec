import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { SlidingWindowCounter } from './sliding-window-counter.js';

/**
 * Counts registrations per client IP and per e-mail domain in a sliding window
 * (`REGISTRATION_THROTTLE_*`, generous by default: a training office registers a whole cohort
 * from one address). Kept in this process's memory, like {@link LoginAttemptLimiter}.
 */
@Injectable()
export class RegistrationLimiter implements OnModuleDestroy {
  private readonly registrations: SlidingWindowCounter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.registrations = new SlidingWindowCounter(config.registrationThrottle.windowSeconds * 1000);
  }

  onModuleDestroy(): void {
    this.registrations.stop();
  }

  /** Seconds until this IP may register an account at this address's domain; 0 when now. */
  retryAfterSeconds(ip: string, email: string, now = Date.now()): number {
    const { perIp, perDomain } = this.config.registrationThrottle;
    return Math.max(
      this.registrations.retryAfterSeconds(`ip:${ip}`, perIp, now),
      this.registrations.retryAfterSeconds(`domain:${domainOf(email)}`, perDomain, now),
    );
  }

  record(ip: string, email: string, now = Date.now()): void {
    this.registrations.record(`ip:${ip}`, now);
    this.registrations.record(`domain:${domainOf(email)}`, now);
  }
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}
