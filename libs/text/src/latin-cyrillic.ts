import { CYRILLIC_LATIN } from './cyrillic-latin.table.js';

/** Which Cyrillic alphabet to write: Serbian (also Montenegrin, Bosnian) or Macedonian. */
export type CyrillicAlphabet = 'sr' | 'mk';

/**
 * Latin → Cyrillic pairs, longest Latin spelling first: the inverse of the CLDR table the
 * folding uses (lj → љ, nj → њ, dž → џ, đ → ђ, …), plus Macedonian's own letters.
 */
function pairsFor(alphabet: CyrillicAlphabet): [string, string][] {
  const pairs = Object.entries(CYRILLIC_LATIN)
    .filter(([cyr]) => alphabet === 'mk' || cyr !== 'ѕ')
    .map(([cyr, lat]): [string, string] => [lat, cyr]);
  if (alphabet === 'mk') {
    // Macedonian has no ђ/ћ; its ѓ/ќ are written ǵ/ḱ or gj/kj in Latin.
    const withoutSerbian = pairs.filter(([, cyr]) => cyr !== 'ђ' && cyr !== 'ћ');
    withoutSerbian.push(['ǵ', 'ѓ'], ['ḱ', 'ќ'], ['gj', 'ѓ'], ['kj', 'ќ'], ['đ', 'ѓ'], ['ć', 'ќ']);
    return withoutSerbian.sort((a, b) => b[0].length - a[0].length);
  }
  return pairs.sort((a, b) => b[0].length - a[0].length);
}

const PAIRS: Record<CyrillicAlphabet, [string, string][]> = {
  sr: pairsFor('sr'),
  mk: pairsFor('mk'),
};

/** Acronyms of the languages' own words, written in Cyrillic like the words (ИКТ, ИТ). */
const NATIVE_ACRONYMS = new Set(['IKT', 'IT']);

/**
 * A word that stays in Latin in Cyrillic text: brand and technology names (letters Serbian and
 * Macedonian do not have: q, w, x, y), acronyms (two capitals or more), anything with digits.
 */
function keepsLatin(word: string): boolean {
  if (NATIVE_ACRONYMS.has(word)) return false;
  return /[qwxyQWXY0-9]/.test(word) || (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

function transliterateWord(word: string, pairs: [string, string][]): string {
  let out = '';
  let i = 0;
  const lower = word.toLowerCase();
  while (i < word.length) {
    const pair = pairs.find(([lat]) => lower.startsWith(lat, i));
    if (pair === undefined) {
      out += word[i];
      i += 1;
      continue;
    }
    const [lat, cyr] = pair;
    const upper = word[i] !== lower[i];
    out += upper ? cyr.toUpperCase() : cyr;
    i += lat.length;
  }
  return out;
}

/**
 * Serbian or Macedonian Latin → Cyrillic (the inverse of the CLDR/BGN table used for folding),
 * keeping case. Words that are brand names or acronyms stay in Latin, as Serbian and Macedonian
 * Cyrillic texts write them (`Python`, `SQL`, `Excel`). The digraphs lj, nj, dž are always read
 * as one letter, which is right for the words this is used on (town names and skill labels; a
 * reviewer fixes the rare `konjunktura`).
 */
export function latinToCyrillic(
  text: string,
  alphabet: CyrillicAlphabet = 'sr',
  /** Words to leave in Latin besides the rule's (e.g. the words of an English product name). */
  keep: Iterable<string> = [],
): string {
  const pairs = PAIRS[alphabet];
  const kept = new Set(keep);
  return text
    .normalize('NFC')
    .split(/(\s+|[-/(),.;:]+)/u)
    .map((part) =>
      kept.has(part) || keepsLatin(part) || /^\P{L}*$/u.test(part)
        ? part
        : transliterateWord(part, pairs),
    )
    .join('');
}
