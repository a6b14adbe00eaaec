import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@app/config';
import { LoginAttemptLimiter } from './login-attempt-limiter.js';

const limiter = (perEmail: number, perIp: number) =>
  new LoginAttemptLimiter(
    loadConfig({
      NODE_ENV: 'test',
      LOGIN_THROTTLE_PER_EMAIL: String(perEmail),
      LOGIN_THROTTLE_PER_IP: String(perIp),
      LOGIN_THROTTLE_WINDOW_SECONDS: '60',
    }),
  );

describe('LoginAttemptLimiter', () => {
  const t0 = 1_000_000_000;

  it('allows attempts until an e-mail reaches its limit, in any letter case', () => {
    const l = limiter(3, 100);
    for (let i = 0; i < 3; i += 1) {
      expect(l.retryAfterSeconds('1.1.1.1', 'a@x.org', t0 + i)).toBe(0);
      l.recordFailure('1.1.1.1', 'A@x.org', t0 + i);
    }
    expect(l.retryAfterSeconds('2.2.2.2', 'a@X.org', t0 + 10)).toBe(60);
    expect(l.retryAfterSeconds('2.2.2.2', 'b@x.org', t0 + 10)).toBe(0);
    l.onModuleDestroy();
  });

  it('slides: the oldest failure leaving the window frees one attempt', () => {
    const l = limiter(2, 100);
    l.recordFailure('ip', 'a@x.org', t0);
    l.recordFailure('ip', 'a@x.org', t0 + 30_000);
    expect(l.retryAfterSeconds('ip', 'a@x.org', t0 + 30_001)).toBe(30);
    expect(l.retryAfterSeconds('ip', 'a@x.org', t0 + 60_001)).toBe(0);
    l.onModuleDestroy();
  });

  it('limits an IP across e-mail addresses', () => {
    const l = limiter(100, 2);
    l.recordFailure('9.9.9.9', 'a@x.org', t0);
    l.recordFailure('9.9.9.9', 'b@x.org', t0);
    expect(l.retryAfterSeconds('9.9.9.9', 'c@x.org', t0 + 1)).toBeGreaterThan(0);
    expect(l.retryAfterSeconds('8.8.8.8', 'c@x.org', t0 + 1)).toBe(0);
    l.onModuleDestroy();
  });
});
