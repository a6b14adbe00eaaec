import { APP_CONFIG, type AppConfig } from '@app/config';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';

/** Bound on remembered keys, so a flood of made-up e-mail addresses cannot exhaust memory. */
const MAX_KEYS = 100_000;

/**
 * Counts failed sign-in attempts per client IP and per e-mail address in a sliding window, in
 * this process's memory (several API instances each keep their own counts; see
 * docs/identity.md). Successful attempts are not counted.
 */
@Injectable()
export class LoginAttemptLimiter implements OnModuleDestroy {
  private readonly failures = new Map<string, number[]>();
  private readonly windowMs: number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.windowMs = config.loginThrottle.windowSeconds * 1000;
    this.sweeper = setInterval(() => this.sweep(Date.now()), this.windowMs);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  /** Seconds until another attempt is allowed for this IP and e-mail; 0 when allowed now. */
  retryAfterSeconds(ip: string, email: string, now = Date.now()): number {
    const { perIp, perEmail } = this.config.loginThrottle;
    return Math.max(
      this.waitFor(`ip:${ip}`, perIp, now),
      this.waitFor(`email:${email.toLowerCase()}`, perEmail, now),
    );
  }

  recordFailure(ip: string, email: string, now = Date.now()): void {
    for (const key of [`ip:${ip}`, `email:${email.toLowerCase()}`]) {
      const times = this.recent(key, now);
      times.push(now);
      this.failures.delete(key); // re-insert: the Map's order is then least recently failed first
      this.failures.set(key, times);
    }
    while (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value as string;
      this.failures.delete(oldest);
    }
  }

  private waitFor(key: string, limit: number, now: number): number {
    const times = this.recent(key, now);
    if (times.length < limit) return 0;
    const freedAt = times[times.length - limit] + this.windowMs;
    return Math.max(1, Math.ceil((freedAt - now) / 1000));
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (times.length === 0) this.failures.delete(key);
    else this.failures.set(key, times);
    return times;
  }

  private sweep(now: number): void {
    for (const key of [...this.failures.keys()]) this.recent(key, now);
  }
}
