import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const INFO = 'talentbridge credential signing key v1';

/** A 256-bit key derived from the process secret; only for sealing the signing key at rest. */
function sealingKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), INFO, 32));
}

/** AES-256-GCM; `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export function sealPrivateKey(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(secret), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', ...[iv, cipher.getAuthTag(), body].map((p) => p.toString('base64url'))].join('.');
}

/** The sealed key back, or an error when the secret is not the one that sealed it. */
export function unsealPrivateKey(sealed: string, secret: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || body === undefined) {
    throw new Error('unknown sealed key format');
  }
  const decipher = createDecipheriv(
    'aes-256-gcm',
    sealingKey(secret),
    Buffer.from(iv, 'base64url'),
  );
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(body, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}
