import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@app/config';
import { RegistrationLimiter } from './registration-limiter.js';

const limiter = (perIp: number, perDomain: number) =>
  new RegistrationLimiter(
    loadConfig({
      NODE_ENV: 'test',
      REGISTRATION_THROTTLE_PER_IP: String(perIp),
      REGISTRATION_THROTTLE_PER_DOMAIN: String(perDomain),
      REGISTRATION_THROTTLE_WINDOW_SECONDS: '3600',
    }),
  );

describe('RegistrationLimiter', () => {
  const t0 = 1_000_000_000;

  it('limits one IP across domains, and frees a slot when the oldest leaves the window', () => {
    const l = limiter(2, 100);
    l.record('1.1.1.1', 'a@one.example', t0);
    l.record('1.1.1.1', 'b@two.example', t0 + 60_000);
    expect(l.retryAfterSeconds('1.1.1.1', 'c@three.example', t0 + 60_000)).toBe(3540);
    expect(l.retryAfterSeconds('2.2.2.2', 'c@three.example', t0 + 60_000)).toBe(0);
    expect(l.retryAfterSeconds('1.1.1.1', 'c@three.example', t0 + 3_600_001)).toBe(0);
    l.onModuleDestroy();
  });

  it('limits one e-mail domain across IPs, in any letter case', () => {
    const l = limiter(100, 2);
    l.record('1.1.1.1', 'a@Academy.example', t0);
    l.record('2.2.2.2', 'b@academy.EXAMPLE', t0);
    expect(l.retryAfterSeconds('3.3.3.3', 'c@academy.example', t0 + 1)).toBeGreaterThan(0);
    expect(l.retryAfterSeconds('3.3.3.3', 'c@other.example', t0 + 1)).toBe(0);
    l.onModuleDestroy();
  });
});
