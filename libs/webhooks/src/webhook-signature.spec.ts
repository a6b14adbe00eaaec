import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import {
  generateWebhookSecret,
  signatureHeader,
  signatureOf,
  verifySignatureHeader,
} from './webhook-signature.js';

describe('webhook signatures', () => {
  const secret = 'whsec_test-secret';
  const body = '{"id":"d1","event":"match.hired","data":{"matchId":"m1"}}';
  const now = new Date('2026-11-27T12:00:00Z');
  const t = Math.floor(now.getTime() / 1000);

  it('is the hex HMAC-SHA256 of "<t>.<body>", as a receiver computes it', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signatureOf(secret, t, body)).toBe(expected);
    expect(signatureHeader(secret, body, now)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies its own header and refuses any change to body, secret or timestamp', () => {
    const header = signatureHeader(secret, body, now);
    expect(verifySignatureHeader(secret, header, body, { now })).toBe(true);
    expect(verifySignatureHeader(secret, header, `${body} `, { now })).toBe(false);
    expect(verifySignatureHeader('whsec_other', header, body, { now })).toBe(false);
    const shifted = header.replace(`t=${t}`, `t=${t + 1}`);
    expect(verifySignatureHeader(secret, shifted, body, { now })).toBe(false);
  });

  it('refuses stale timestamps (replays) and malformed headers', () => {
    const old = signatureHeader(secret, body, new Date(now.getTime() - 301_000));
    expect(verifySignatureHeader(secret, old, body, { now })).toBe(false);
    expect(verifySignatureHeader(secret, old, body, { now, toleranceSeconds: 600 })).toBe(true);
    for (const header of ['', 't=abc,v1=00', `t=${t}`, `v1=${'0'.repeat(64)}`, 'garbage']) {
      expect(verifySignatureHeader(secret, header, body, { now })).toBe(false);
    }
  });

  it('generates distinct 256-bit secrets', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
