import { bs } from './bs.js';
import { en } from './en.js';
import type { CertificatePageMessages } from './messages.js';
import { mk } from './mk.js';
import { sq } from './sq.js';
import { srCyrl } from './sr-cyrl.js';
import { sr } from './sr.js';

export const PAGE_LOCALES = ['en', 'sq', 'sr', 'sr-Cyrl', 'mk', 'bs'] as const;
export type PageLocale = (typeof PAGE_LOCALES)[number];

export const CERTIFICATE_PAGE_MESSAGES: Record<PageLocale, CertificatePageMessages> = {
  en,
  sq,
  sr,
  'sr-Cyrl': srCyrl,
  mk,
  bs,
};

/**
 * One language tag to one of our locales, or undefined. Serbian without a script is Latin (as in
 * the product's `sr`); `sr-Cyrl-RS`, `sr-RS-Cyrl`-style tags with a Cyrillic subtag are Cyrillic.
 * Croatian and Montenegrin readers get Bosnian/Serbian Latin, the closest strings we have.
 */
export function toPageLocale(tag: string): PageLocale | undefined {
  const parts = tag.trim().toLowerCase().split(/[-_]/);
  switch (parts[0]) {
    case 'en':
    case 'sq':
    case 'mk':
    case 'bs':
      return parts[0];
    case 'sr':
      return parts.includes('cyrl') ? 'sr-Cyrl' : 'sr';
    case 'hr':
      return 'bs';
    case 'cnr':
    case 'sh':
      return 'sr';
    default:
      return undefined;
  }
}

/**
 * `?lang=` when it names a locale we have, else the best of `Accept-Language` (by q-value, then
 * order), else English.
 */
export function negotiatePageLocale(
  lang: string | undefined,
  acceptLanguage: string | undefined,
): PageLocale {
  const asked = lang === undefined ? undefined : toPageLocale(lang);
  if (asked !== undefined) return asked;
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.tag !== '' && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const range of ranges) {
    const locale = toPageLocale(range.tag);
    if (locale !== undefined) return locale;
  }
  return 'en';
}
