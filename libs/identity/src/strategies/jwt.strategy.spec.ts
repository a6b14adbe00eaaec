import { describe, expect, it } from '@jest/globals';
import { claimsProblem } from './jwt.strategy.js';

describe('access-token claims', () => {
  const now = 1_800_000_000;
  const valid = {
    sub: '3f1c2a4e-8d7b-4c3a-9e2f-1a2b3c4d5e6f',
    sid: '6e5d4c3b-2a1f-4e9d-8c7b-6a5f4e3d2c1b',
    iat: now,
    exp: now + 900,
  };

  it('accepts the claims this API issues', () => {
    expect(claimsProblem(valid, 900, now)).toBeNull();
    expect(claimsProblem({ ...valid, iat: now + 30, exp: now + 930 }, 900, now)).toBeNull();
  });

  it.each([
    ['no exp', { exp: undefined }, 'The access token has no expiry'],
    ['a string exp', { exp: String(now + 900) }, 'The access token has no expiry'],
    ['no iat', { iat: undefined }, 'The access token has no issue time'],
    [
      'iat ahead of the clock',
      { iat: now + 31, exp: now + 931 },
      'The access token was issued in the future',
    ],
    [
      'a longer lifetime',
      { exp: now + 901 },
      'The access token lives longer than access tokens may',
    ],
    ['no session', { sid: undefined }, 'The access token belongs to no session; sign in again'],
    [
      'a session that is no id',
      { sid: 'abc' },
      'The access token belongs to no session; sign in again',
    ],
    ['a subject that is no id', { sub: 'admin' }, 'The access token is not valid'],
  ])('refuses %s', (_case, overrides, problem) => {
    expect(claimsProblem({ ...valid, ...overrides }, 900, now)).toBe(problem);
  });
});
