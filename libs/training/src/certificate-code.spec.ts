import { describe, expect, it } from '@jest/globals';
import { newCertificateCode, normaliseCertificateCode, toBase32 } from './certificate-code.js';

describe('certificate codes', () => {
  it('encode RFC 4648 base32 test vectors', () => {
    const enc = (s: string) => toBase32(Buffer.from(s));
    expect(enc('')).toBe('');
    expect(enc('f')).toBe('MY');
    expect(enc('fo')).toBe('MZXQ');
    expect(enc('foo')).toBe('MZXW6');
    expect(enc('foob')).toBe('MZXW6YQ');
    expect(enc('fooba')).toBe('MZXW6YTB');
    expect(enc('foobar')).toBe('MZXW6YTBOI');
  });

  it('are 32 base32 letters (160 bits) and do not repeat', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newCertificateCode()));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{32}$/);
  });

  it('use every letter of the alphabet across many codes (no stuck bits)', () => {
    const seen = new Set(Array.from({ length: 200 }, () => newCertificateCode()).join(''));
    expect(seen.size).toBe(32);
  });

  it('normalise case and refuse anything else', () => {
    const code = newCertificateCode();
    expect(normaliseCertificateCode(code.toLowerCase())).toBe(code);
    expect(normaliseCertificateCode(`${code}A`)).toBeNull();
    expect(normaliseCertificateCode('0'.repeat(32))).toBeNull();
    expect(normaliseCertificateCode("x' OR 1=1")).toBeNull();
  });
});
