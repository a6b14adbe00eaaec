import { createHash, randomBytes } from 'node:crypto';

/** A fresh link secret: 256 random bits, URL-safe. Only its hash is stored. */
export function newSurveyToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSurveyToken(token) };
}

export function hashSurveyToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Anything that could be one of our tokens (43 base64url characters); else no lookup at all. */
export function looksLikeSurveyToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
