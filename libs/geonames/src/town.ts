/** Countries Talentbridge serves; profiles and requests elsewhere are allowed (diaspora). */
export const BALKAN_COUNTRIES = ['AL', 'BA', 'XK', 'ME', 'MK', 'RS'] as const;
export type BalkanCountry = (typeof BALKAN_COUNTRIES)[number];

/** Locales of the product (shared/API.md v2): English, Albanian, Serbian in both scripts, … */
export const LOCALES = ['en', 'sq', 'sr', 'sr-Cyrl', 'mk', 'bs'] as const;
export type Locale = (typeof LOCALES)[number];

/** A town's name per locale; `en` is always there (GeoNames' own name). */
export type LocalNames = { en: string } & Partial<Record<Locale, string>>;

/** The locale whose name `cityLocalName` shows: the language most people there write. */
export const COUNTRY_LOCALE: Readonly<Record<BalkanCountry, Locale>> = {
  AL: 'sq',
  XK: 'sq',
  RS: 'sr-Cyrl',
  ME: 'sr',
  BA: 'bs',
  MK: 'mk',
};

/** A town as the application uses it: identity, coordinates and the names people read. */
export interface Town {
  /** GeoNames id. */
  id: number;
  /** GeoNames' own (usually English or international) name: the canonical name. */
  name: string;
  country: string;
  population: number;
  lat: number;
  lng: number;
  localNames: LocalNames;
  /** The name in the country's language ({@link COUNTRY_LOCALE}); abroad, the GeoNames name. */
  localName: string;
}

/**
 * A town with every name worth searching (Latin and Cyrillic spellings from GeoNames'
 * `alternatenames`): what the `towns` search index is built from. Not kept in memory.
 */
export interface TownRecord extends Town {
  asciiName: string;
  alternateNames: string[];
  /** GeoNames' modification date as yyyymmdd: grows when GeoNames edits the row. */
  modified: number;
}
