import { bs } from './i18n/bs.js';
import { en, type CatalogueKey } from './i18n/en.js';
import { mk } from './i18n/mk.js';
import { sq } from './i18n/sq.js';
import { srCyrl } from './i18n/sr-Cyrl.js';
import { sr } from './i18n/sr.js';
import type { Locale } from './locales.js';

export type { CatalogueKey };

/** One catalogue per locale (libs/mail/src/i18n/<locale>.ts). */
export const CATALOGUES: Readonly<Record<Locale, Readonly<Record<CatalogueKey, string>>>> = {
  en,
  sq,
  sr,
  'sr-Cyrl': srCyrl,
  mk,
  bs,
};

/** The `{name}` placeholders of a text, sorted. */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

/**
 * The text of `key` in `locale` with `{placeholders}` filled in (plain text: the HTML renderer
 * escapes it). A missing parameter is left visible rather than silently dropped.
 */
export function translate(
  locale: Locale,
  key: CatalogueKey,
  params: Readonly<Record<string, string>> = {},
): string {
  const text = CATALOGUES[locale][key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
