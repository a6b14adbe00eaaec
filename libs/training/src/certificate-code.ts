import { randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding. */
export function toBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * A public verification code: 160 bits from the operating system's CSPRNG as 32 base32 letters
 * (no padding). Guessing one is hopeless, so the code alone may reveal the certificate.
 */
export function newCertificateCode(): string {
  return toBase32(randomBytes(20));
}

const CODE_SHAPE = /^[A-Z2-7]{32}$/;

/** Codes are case-insensitive for people typing them; stored upper-case. */
export function normaliseCertificateCode(code: string): string | null {
  const upper = code.trim().toUpperCase();
  return CODE_SHAPE.test(upper) ? upper : null;
}
