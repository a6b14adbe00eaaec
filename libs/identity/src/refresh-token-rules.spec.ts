import { describe, expect, it } from '@jest/globals';
import {
  decideRefresh,
  generateRefreshToken,
  hashRefreshToken,
  type RefreshTokenState,
} from './refresh-token-rules.js';

const now = new Date('2026-11-27T12:00:00Z');
const later = new Date('2026-12-27T12:00:00Z');
const earlier = new Date('2026-11-27T11:00:00Z');
const fresh: RefreshTokenState = { usedAt: null, revokedAt: null, expiresAt: later };

describe('refresh-token family rules', () => {
  it('rotates a valid, unused token', () => {
    expect(decideRefresh(fresh, now)).toBe('rotate');
  });

  it('refuses an unknown token', () => {
    expect(decideRefresh(null, now)).toBe('unknown');
  });

  it('treats a spent token presented again as reuse', () => {
    expect(decideRefresh({ ...fresh, usedAt: earlier }, now)).toBe('reuse_detected');
  });

  it('treats a spent token as reuse even after it expired', () => {
    expect(decideRefresh({ ...fresh, usedAt: earlier, expiresAt: earlier }, now)).toBe(
      'reuse_detected',
    );
  });

  it('refuses any token of a revoked family, used or not', () => {
    expect(decideRefresh({ ...fresh, revokedAt: earlier }, now)).toBe('revoked');
    expect(decideRefresh({ ...fresh, revokedAt: earlier, usedAt: earlier }, now)).toBe('revoked');
  });

  it('refuses an expired token, also at the exact expiry instant', () => {
    expect(decideRefresh({ ...fresh, expiresAt: earlier }, now)).toBe('expired');
    expect(decideRefresh({ ...fresh, expiresAt: now }, now)).toBe('expired');
  });

  it('generates 32 random bytes as base64url and stores only their SHA-256', () => {
    const a = generateRefreshToken();
    const b = generateRefreshToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(hashRefreshToken(a)).toHaveLength(32);
    expect(hashRefreshToken(a).equals(hashRefreshToken(a))).toBe(true);
    expect(hashRefreshToken(a).equals(hashRefreshToken(b))).toBe(false);
  });
});
