import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
/** Different characters (letter case ignored) a password must use: `aaaaaaaaaA` has one. */
export const PASSWORD_MIN_DISTINCT = 5;

/**
 * Refused besides the shipped list: the product's name, and common passwords of 10 or more
 * characters that its top 10,000 (mostly shorter ones) lacks.
 */
const EXTRA_COMMON = [
  'talentbridge',
  'talent bridge',
  'talent-bridge',
  '12345678910',
  'abcd123456',
  'abc1234567',
  'a123456789',
  'qwerty12345',
  'qwerty123456',
  'password1234',
  'passw0rd123',
  'administrator',
  'zaq12wsxcde',
  'trustno1234',
];

/**
 * Characters that show nothing: controls, format characters (zero-width space and joiners, bidi
 * marks, soft hyphen, tags) and the other default-ignorable code points (variation selectors,
 * Hangul fillers). They are not counted, so they cannot pad a short password.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;

const CHARACTER_CLASSES = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/** Digits, punctuation, symbols and spaces at either end: `Monkey2026!!` → `monkey`. */
const EDGES = /^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu;
/** The usual look-alike substitutions, undone (`p@ssw0rd` → `password`); `1` stands for i or l. */
const LOOK_ALIKES: Record<string, string>[] = [
  { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'i' },
  { '0': 'o', '1': 'l', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', $: 's', '!': 'l' },
];
/** Shorter cores (`abc` of `abc123!x`) are too likely to be part of a good passphrase. */
const MIN_CORE_LENGTH = 4;

let commonPasswords: ReadonlySet<string> | undefined;

/**
 * The 10,000 most common passwords (`data/common-passwords.txt`, lower-cased, NFKC) plus
 * {@link EXTRA_COMMON}. Found beside the sources and, when running from `dist/`, in the repository's
 * `libs/identity/data`; read once, on first use (~10 ms, ~1 MB of memory).
 */
function common(): ReadonlySet<string> {
  if (commonPasswords !== undefined) return commonPasswords;
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, '..', 'data'),
    join(here, '..', '..', '..', '..', 'libs', 'identity', 'data'),
    join(process.cwd(), 'libs', 'identity', 'data'),
  ].map((dir) => join(dir, 'common-passwords.txt'));
  const file = candidates.find((path) => existsSync(path));
  if (file === undefined)
    throw new Error(`common-passwords.txt not found: ${candidates.join(', ')}`);
  const words = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  commonPasswords = new Set([...words, ...EXTRA_COMMON]);
  return commonPasswords;
}

/** What the rules look at: NFKC (full-width and compatibility forms folded), nothing invisible. */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC').replace(INVISIBLE, '');
}

/** The common password `lowered` is a small variation of, if any (edges added, look-alikes). */
function commonVariation(lowered: string, list: ReadonlySet<string>): boolean {
  const core = lowered.replace(EDGES, '');
  const candidates = [
    core,
    ...LOOK_ALIKES.map((map) => [...core].map((c) => map[c] ?? c).join('')),
  ];
  for (const candidate of candidates) {
    const stripped = candidate.replace(EDGES, '');
    for (const word of new Set([candidate, stripped])) {
      if ([...word].length >= MIN_CORE_LENGTH && list.has(word)) return true;
    }
  }
  return false;
}

/**
 * Checks a new password; returns the problems (empty when acceptable). The rules look at the
 * password in NFKC form without invisible characters: 10 to 200 characters, at least 5 different
 * ones, at least two kinds (lower-case, upper-case, digits, others), not the e-mail address or its
 * local part, not one of the 10,000 most common passwords nor one of them with digits or symbols
 * added at either end or with look-alike characters (`P@ssw0rd2026`). The password itself is
 * stored (hashed) exactly as typed.
 */
export function checkPassword(password: string, context: { email?: string } = {}): string[] {
  const problems: string[] = [];
  const effective = normalisePassword(password);
  const length = [...effective].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  }
  // The raw length bounds the hashing work, so invisible characters count here.
  if ([...password].length > PASSWORD_MAX_LENGTH) {
    problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  }
  if (CHARACTER_CLASSES.filter((c) => c.test(effective)).length < 2) {
    problems.push(
      'must mix at least two kinds of characters (lower-case, upper-case, digits, others)',
    );
  }
  const lowered = effective.toLowerCase();
  if (new Set(lowered).size < PASSWORD_MIN_DISTINCT) {
    problems.push(`must use at least ${PASSWORD_MIN_DISTINCT} different characters`);
  }
  const email = context.email?.trim().toLowerCase();
  if (email !== undefined && email !== '') {
    const localPart = email.split('@')[0];
    if (lowered === email || lowered === localPart) {
      problems.push('must not be your e-mail address');
    }
  }
  const list = common();
  if (list.has(lowered)) {
    problems.push('is one of the most common passwords');
  } else if (commonVariation(lowered, list)) {
    problems.push('is a common password with a few characters added or changed');
  }
  return problems;
}
