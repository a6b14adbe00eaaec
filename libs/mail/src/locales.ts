/** The languages Talentbridge writes to people in (a user's `locale`). */
export const LOCALES = ['en', 'sq', 'sr', 'sr-Cyrl', 'mk', 'bs'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
