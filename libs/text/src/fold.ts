import { CYRILLIC_LATIN, CYRILLIC_LATIN_CONTEXTUAL } from './cyrillic-latin.table.js';

/**
 * Cyrillic letters outside Serbian/Macedonian (Montenegrin marks come as combining accents and
 * need nothing extra), transliterated the common way so that any Cyrillic text folds to ASCII.
 */
const OTHER_CYRILLIC: Readonly<Record<string, string>> = {
  й: 'j',
  я: 'ja',
  ю: 'ju',
  ё: 'jo',
  э: 'e',
  ы: 'y',
  щ: 'šč',
  ъ: '',
  ь: '',
  і: 'i',
  ї: 'ji',
  є: 'je',
  ґ: 'g',
};

/** Latin letters that Unicode does not decompose into a base letter plus a mark. */
const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  đ: 'dj',
  ǵ: 'gj',
  ḱ: 'kj',
  ł: 'l',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ħ: 'h',
  þ: 'th',
  ð: 'd',
};

const FRONT_VOWELS = new Set(['е', 'и', 'ѐ', 'ѝ']);
/** Token characters: letters, marks, digits, and `+`/`#` so that C++ and C# survive. */
const SEPARATORS = /[^\p{L}\p{M}\p{N}+#]+/u;

/** Which spelling of Macedonian ѓ/ќ to produce: the people's ǵ/ḱ or the BGN đ/ć (g/k before е/и). */
type MacedonianStyle = 'acute' | 'bgn';

function transliterateChar(ch: string, next: string | undefined, style: MacedonianStyle): string {
  const contextual = CYRILLIC_LATIN_CONTEXTUAL[ch];
  if (contextual !== undefined) {
    if (style === 'acute') return ch === 'ѓ' ? 'ǵ' : 'ḱ';
    return next !== undefined && FRONT_VOWELS.has(next)
      ? contextual.beforeFrontVowel
      : contextual.otherwise;
  }
  const direct = CYRILLIC_LATIN[ch] ?? OTHER_CYRILLIC[ch];
  if (direct !== undefined) return direct;
  // ѝ, ѐ and other accented letters: transliterate the base letter, keep the accent.
  const [base, ...marks] = ch.normalize('NFD');
  const baseLatin = CYRILLIC_LATIN[base] ?? OTHER_CYRILLIC[base];
  return baseLatin === undefined ? ch : baseLatin + marks.join('');
}

const CYRILLIC = /[\u0400-\u04ff]/u;
const PLAIN_ASCII = /^[a-z0-9+#]*$/;

function transliterate(lower: string, style: MacedonianStyle): string {
  // Most text (every Latin token) has nothing to transliterate; skip the per-letter work.
  if (!CYRILLIC.test(lower)) return lower;
  const chars = [...lower];
  return chars.map((ch, i) => transliterateChar(ch, chars[i + 1], style)).join('');
}

/**
 * Serbian/Macedonian/Montenegrin Cyrillic → Latin by the BGN rules of Unicode CLDR
 * (lower-cased; Latin and other scripts pass through). Example: `Петровић` → `petrović`.
 */
export function transliterateCyrillic(text: string): string {
  return transliterate(text.normalize('NFC').toLowerCase(), 'bgn').normalize('NFC');
}

/** Lower-case Latin with diacritics → ASCII, spelling đ/ǵ/ḱ the long way (dj, gj, kj). */
function toAsciiLong(latin: string): string {
  if (PLAIN_ASCII.test(latin)) return latin;
  return [...latin.normalize('NFC')]
    .map((ch) => LATIN_SPECIAL[ch] ?? ch)
    .join('')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
}

/**
 * The short spelling every variant shares: dj → d, gj → g, kj → k (people type Đorđe as Djordje
 * or Dorde, Ǵorǵi as Gjorgji or Gorgi). One pass removes every j after d/g/k, so it is idempotent.
 */
function toShort(ascii: string): string {
  return ascii.replace(/([dgk])j+/g, '$1');
}

function tokens(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(SEPARATORS)
    .filter((t) => t !== '');
}

/** Every spelling of one token worth indexing: long and short ASCII, for ǵ and BGN readings. */
function tokenVariants(token: string): string[] {
  const acute = toAsciiLong(transliterate(token, 'acute'));
  const bgn = toAsciiLong(transliterate(token, 'bgn'));
  return [acute, toShort(acute), bgn, toShort(bgn)].filter((t) => t !== '');
}

function joinUnique(words: string[]): string {
  return [...new Set(words)].join(' ');
}

/**
 * Content for a hidden searchable field: every token in all the spellings people type
 * (Cyrillic transliterated, diacritics dropped, đ as dj and d, ǵ as gj and g), lower-case,
 * space separated, without duplicates. Pair with {@link foldQuery}.
 */
export function foldForIndex(text: string): string {
  return joinUnique(tokens(text).flatMap(tokenVariants));
}

/**
 * A query folded to the one spelling that every indexed variant set contains (the short ASCII
 * form), so `foldQuery(q)` tokens ⊆ `foldForIndex(doc)` tokens whenever the two are spellings of
 * the same words.
 */
export function foldQuery(text: string): string {
  return joinUnique(tokens(text).map((t) => toShort(toAsciiLong(transliterate(t, 'acute')))));
}

/** One folded key for exact lookups of a whole label (aliases, names): every token, in order. */
export function foldKey(text: string): string {
  return tokens(text)
    .map((t) => toShort(toAsciiLong(transliterate(t, 'acute'))))
    .join(' ');
}
