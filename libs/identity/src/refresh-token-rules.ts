import { createHash, randomBytes } from 'node:crypto';

/** What presenting a refresh token leads to. */
export type RefreshDecision =
  /** valid: mark it used and hand out a new one of the same family */
  | 'rotate'
  /** already used once: somebody holds a copy, so the whole family is revoked */
  | 'reuse_detected'
  /** its family was revoked (logout, reuse, erasure) */
  | 'revoked'
  | 'expired'
  | 'unknown';

export interface RefreshTokenState {
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

/**
 * The refresh-token family rules. A revoked family stays revoked; a spent token presented again
 * is treated as theft even after it expired, because only a copy can be presented twice.
 */
export function decideRefresh(token: RefreshTokenState | null, now: Date): RefreshDecision {
  if (token === null) return 'unknown';
  if (token.revokedAt !== null) return 'revoked';
  if (token.usedAt !== null) return 'reuse_detected';
  if (token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'rotate';
}

/** A new opaque refresh token: 32 random bytes, base64url. */
export function generateRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only this digest is stored; a fast hash suffices for 256 random bits. */
export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}
