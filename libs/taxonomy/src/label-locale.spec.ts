import { describe, expect, it } from '@jest/globals';
import { localeOfTag, pickLocale } from './label-locale.js';

describe('pickLocale', () => {
  it('prefers lang over the header', () => {
    expect(pickLocale('mk', 'sq')).toBe('mk');
  });

  it('reads Accept-Language by quality and skips languages without labels', () => {
    expect(pickLocale(undefined, 'de, sq;q=0.9, en;q=0.8')).toBe('sq');
    expect(pickLocale(undefined, 'en;q=0.5, sr-Latn-RS;q=0.9')).toBe('sr');
    expect(pickLocale(undefined, 'fr, de;q=0.5')).toBe('en');
    expect(pickLocale(undefined, 'sq;q=0, mk')).toBe('mk');
    expect(pickLocale(undefined, undefined)).toBe('en');
  });

  it("falls back to the caller's own locale when the header names none of ours", () => {
    expect(pickLocale(undefined, undefined, 'sq')).toBe('sq');
    expect(pickLocale(undefined, 'fr, de;q=0.5', 'mk')).toBe('mk');
    expect(pickLocale(undefined, 'en', 'sq')).toBe('en');
    expect(pickLocale('bs', 'sq', 'mk')).toBe('bs');
  });

  it('maps scripts and neighbouring languages to the product locales', () => {
    expect(localeOfTag('sr-Cyrl-RS')).toBe('sr-Cyrl');
    expect(localeOfTag('sr')).toBe('sr');
    expect(localeOfTag('cnr')).toBe('sr');
    expect(localeOfTag('hr-HR')).toBe('bs');
    expect(localeOfTag('sq-XK')).toBe('sq');
    expect(localeOfTag('x-klingon')).toBeUndefined();
  });
});
