import { foldKey } from '@app/text';
import { stemEnglish } from './english-stemmer.js';

/** One word of the text: where it is, its folded form (@app/text) and its English stem. */
export interface TextToken {
  start: number;
  end: number;
  folded: string;
  stem: string;
}

/** Word characters as @app/text folds them: letters, marks, digits, and + # (C++, C#). */
const WORD = /[\p{L}\p{M}\p{N}+#]+/gu;

/**
 * Function words and job-ad filler that never carry a skill by themselves. Kept short: the
 * term weights learned from postings (see extraction-model.ts) handle the rest.
 */
export const STOPWORDS = new Set(
  (
    'a an and are as at be been being but by can could do does for from had has have he her his i ' +
    'if in into is it its me my no nor not of on or our ours she so than that the their them then ' +
    'there these they this those to too us was we were what when where which while who whom why ' +
    'will with would you your yours etc e g eg ie i e via per within across also any all both each ' +
    'other such own same very just should must may might shall about above after again against ' +
    'before below between during out over under up down off once only more most some few how ' +
    'plus including include includes well like'
  ).split(' '),
);

const foldCache = new Map<string, string>();
const FOLD_CACHE_MAX = 50_000;

/** foldKey of one word, memoised (the same words recur in every posting). */
function foldWord(word: string): string {
  const hit = foldCache.get(word);
  if (hit !== undefined) return hit;
  const folded = foldKey(word);
  if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
  foldCache.set(word, folded);
  return folded;
}

const stemCache = new Map<string, string>();
const STEM_CACHE_MAX = 200_000;

/** A folded word's English stem, memoised (vocabularies repeat). */
export function stemFolded(folded: string): string {
  const hit = stemCache.get(folded);
  if (hit !== undefined) return hit;
  const stem = stemEnglish(folded);
  if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
  stemCache.set(folded, stem);
  return stem;
}

/** The words of `text` with their offsets (UTF-16 code units, as JavaScript strings index). */
export function tokenize(text: string): TextToken[] {
  const out: TextToken[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const folded = foldWord(m[0]);
    if (folded === '') continue;
    // Folding keeps one word one word except for rare ligatures; keep the first part then.
    const first = folded.split(' ')[0];
    out.push({ start, end: start + m[0].length, folded: first, stem: stemFolded(first) });
  }
  return out;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
const ASCII_SEPARATORS = /[^a-z0-9+#]+/;

/**
 * Words of a label or description, folded exactly as @app/text `foldKey` folds them (so a label
 * and its mention meet), with a fast path for plain ASCII, where folding is lower-casing and the
 * dj/gj/kj shortening.
 */
export function labelWords(label: string): string[] {
  if (isAscii(label)) {
    return label
      .toLowerCase()
      .split(ASCII_SEPARATORS)
      .filter((w) => w !== '')
      .map((w) => w.replace(/([dgk])j+/g, '$1'));
  }
  const folded = foldKey(label);
  return folded === '' ? [] : folded.split(' ');
}

/**
 * Splits text into sentence-like units (lines, and sentences ending in . ! ? ;), as token index
 * ranges. Skills are scored per unit, so a long posting is many short queries, not one bag of
 * words where unrelated lines add up to a false match.
 */
export function sentenceRanges(text: string, tokens: TextToken[]): [number, number][] {
  const ranges: [number, number][] = [];
  let from = 0;
  for (let i = 0; i < tokens.length; i += 1) {
    const next = tokens[i + 1];
    if (next === undefined) break;
    const gap = text.slice(tokens[i].end, next.start);
    if (/[\n\r•·●▪;!?]|\.\s|\.$|:\s*$/.test(gap) || i - from >= 60) {
      ranges.push([from, i + 1]);
      from = i + 1;
    }
  }
  if (from < tokens.length) ranges.push([from, tokens.length]);
  return ranges;
}
