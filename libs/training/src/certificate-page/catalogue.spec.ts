import { describe, expect, it } from '@jest/globals';
import {
  CERTIFICATE_PAGE_MESSAGES,
  negotiatePageLocale,
  PAGE_LOCALES,
  toPageLocale,
} from './catalogue.js';
import { en } from './en.js';
import { escapeHtml, renderCertificatePage } from './render.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('certificate page catalogue', () => {
  it('every locale defines every key, non-empty, with the same placeholders as English', () => {
    const keys = Object.keys(en).sort();
    for (const locale of PAGE_LOCALES) {
      const messages = CERTIFICATE_PAGE_MESSAGES[locale] as unknown as Record<string, string>;
      expect(Object.keys(messages).sort()).toEqual(keys);
      for (const key of keys) {
        expect(messages[key].trim()).not.toBe('');
        expect(placeholders(messages[key])).toEqual(
          placeholders((en as unknown as Record<string, string>)[key]),
        );
      }
    }
  });

  it('every locale formats dates with the runtime (full ICU)', () => {
    for (const locale of PAGE_LOCALES) {
      const { tag } = CERTIFICATE_PAGE_MESSAGES[locale];
      expect(Intl.DateTimeFormat.supportedLocalesOf([tag])).toEqual([tag]);
    }
  });

  it('maps language tags to locales', () => {
    expect(toPageLocale('sr-Cyrl-RS')).toBe('sr-Cyrl');
    expect(toPageLocale('sr_Latn')).toBe('sr');
    expect(toPageLocale('SR')).toBe('sr');
    expect(toPageLocale('sq-XK')).toBe('sq');
    expect(toPageLocale('hr')).toBe('bs');
    expect(toPageLocale('de')).toBeUndefined();
  });

  it('negotiates ?lang= first, then Accept-Language by weight and order, else English', () => {
    expect(negotiatePageLocale('mk', 'sq')).toBe('mk');
    expect(negotiatePageLocale('zz', 'sq')).toBe('sq');
    expect(negotiatePageLocale(undefined, 'de, bs;q=0.4, mk;q=0.8')).toBe('mk');
    expect(negotiatePageLocale(undefined, 'sq;q=0.5, bs;q=0.5')).toBe('sq');
    expect(negotiatePageLocale(undefined, 'sq;q=0, de')).toBe('en');
    expect(negotiatePageLocale(undefined, 'sq;q=oops')).toBe('en');
    expect(negotiatePageLocale(undefined, undefined)).toBe('en');
  });
});

describe('certificate page rendering', () => {
  it('escapes every piece of user text', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
    const html = renderCertificatePage(
      {
        code: 'ABC',
        holderName: '<script>alert(1)</script>',
        courseTitle: '<b>Course</b>',
        courseHours: 10,
        providerName: '{provider}<i>',
        programme: '"quoted"',
        issuedAt: new Date('2026-05-29T10:00:00Z'),
        revokedAt: null,
        skills: [{ name: '<svg onload=x>', level: 2 }],
      },
      en,
    );
    expect(html).not.toMatch(/<(script|b|i|svg)\b/);
    expect(html).toContain('Issued by {provider}&lt;i&gt;.');
    expect(html).toContain('29 May 2026');
  });
});
