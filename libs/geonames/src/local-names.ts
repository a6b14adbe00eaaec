import { foldKey, latinToCyrillic, transliterateCyrillic } from '@app/text';
import type { BalkanCountry, LocalNames, Locale } from './town.js';

/**
 * Names per locale derived from GeoNames' `alternatenames`, which in `cities500` carry no
 * language tags. The rules (docs/profiles.md "Towns"):
 *
 * - `en`: GeoNames' own name.
 * - `sr-Cyrl` (RS, BA, ME, XK) / `mk` (MK): the Cyrillic alternate written in that alphabet whose
 *   Latin reading (CLDR/BGN) is the town's own name or ASCII name, else any of its Latin
 *   alternates (Урошевац ↔ Uroševac for Ferizaj); failing that (not in XK, where the GeoNames name
 *   is mostly Albanian), the own name written in Cyrillic by rule. Russian or Bulgarian forms
 *   use letters (й, ь, я, …) the alphabet lacks or read differently, so they rarely pass.
 * - `sr` (RS, BA, ME, XK): that Cyrillic name in Latin, spelt as a Latin alternate spells it
 *   (with č, ć, š, ž, đ), else the own name.
 * - `bs` (BA): the Serbian Latin form (town names are spelt alike in Bosnian and Serbian Latin).
 * - `sq` (AL, XK, and Albanian forms elsewhere): the Latin name written with ë or ç that shares
 *   its start with the own name (Prishtinë, Tiranë); in AL and XK, else the own name.
 * - {@link LOCAL_NAME_OVERRIDES} wins over all of this: a few capitals whose GeoNames name is an
 *   exonym with no Cyrillic alternate that reads like it (Belgrade).
 */
export const LOCAL_NAME_OVERRIDES: Readonly<Record<number, Partial<Record<Locale, string>>>> = {
  // Belgrade: the name is English; Белград (Russian/Bulgarian) and Београд both read as names.
  792680: { sr: 'Beograd', 'sr-Cyrl': 'Београд', bs: 'Beograd', sq: 'Beogradi' },
};

const SERBIAN_CYRILLIC = /^[абвгдђежзијклљмнњопрстћуфхцчџш\s.'’()-]+$/iu;
const MACEDONIAN_CYRILLIC = /^[абвгдѓежзѕијклљмнњопрстќуфхцчџш\s.'’()-]+$/iu;
const LATIN = /^[\p{Script=Latin}\p{M}\s.'’()-]+$/u;
const ALBANIAN_LETTERS = /[ëçËÇ]/u;
const LOWER_WORDS = new Set(['na', 'u', 'pri', 'kod', 'nad', 'pod', 'i', 'od', 'e', 'të']);

function titleCase(lower: string): string {
  return lower
    .split(' ')
    .map((w, i) => (i > 0 && LOWER_WORDS.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ');
}

/** The Cyrillic alternate, in that alphabet, that reads as one of `latin` (in that order). */
function cyrillicMatching(
  alternates: string[],
  alphabet: RegExp,
  latin: string[],
): string | undefined {
  const candidates = alternates.filter((n) => alphabet.test(n));
  for (const l of latin) {
    const key = foldKey(l);
    const hit = candidates.find((c) => foldKey(c) === key);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** The Latin reading of a Cyrillic name, spelt as one of the Latin names spells it if any does. */
function latinOf(cyrillic: string, latinNames: string[]): string {
  const reading = transliterateCyrillic(cyrillic);
  return latinNames.find((l) => l.normalize('NFC').toLowerCase() === reading) ?? titleCase(reading);
}

function albanianForm(name: string, latinNames: string[]): string | undefined {
  const start = foldKey(name).slice(0, 4);
  return latinNames.find((l) => ALBANIAN_LETTERS.test(l) && foldKey(l).startsWith(start));
}

export function deriveLocalNames(
  id: number,
  country: string,
  name: string,
  asciiName: string,
  alternates: string[],
): LocalNames {
  const latinNames = [name, ...alternates.filter((n) => LATIN.test(n))];
  const own = [name, asciiName];
  const names: LocalNames = { en: name };
  const c = country as BalkanCountry;
  if (c === 'RS' || c === 'BA' || c === 'ME' || c === 'XK') {
    const cyrillic =
      cyrillicMatching(alternates, SERBIAN_CYRILLIC, own) ??
      cyrillicMatching(alternates, SERBIAN_CYRILLIC, latinNames);
    if (cyrillic !== undefined) {
      names.sr = latinOf(cyrillic, latinNames);
      names['sr-Cyrl'] = cyrillic;
    } else if (c !== 'XK') {
      // In Kosovo the GeoNames name is usually the Albanian one: no Serbian form to derive.
      names.sr = name;
      names['sr-Cyrl'] = latinToCyrillic(name, 'sr');
    }
    if (c === 'BA') names.bs = names.sr;
  }
  if (c === 'MK') {
    names.mk =
      cyrillicMatching(alternates, MACEDONIAN_CYRILLIC, own) ?? latinToCyrillic(name, 'mk');
  }
  const albanian = albanianForm(name, latinNames);
  if (albanian !== undefined) names.sq = albanian;
  else if (c === 'AL' || c === 'XK') names.sq = name;
  return { ...names, ...LOCAL_NAME_OVERRIDES[id] };
}
