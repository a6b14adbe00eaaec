/**
 * Rebuilds `data/common-passwords.txt`: the 10,000 most common passwords, most common first, from
 * the frequency-ranked list in `@zxcvbn-ts/language-common` (MIT; Dropbox's zxcvbn lists). The
 * package is not a dependency: unpack it somewhere and pass its `src/passwords.json`.
 *
 *   npm pack @zxcvbn-ts/language-common@4.1.3 && tar xzf zxcvbn-ts-language-common-4.1.3.tgz
 *   npx tsx libs/identity/scripts/build-common-passwords.ts package/src/passwords.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COUNT = 10_000;
const source = process.argv[2];
if (source === undefined) {
  process.stderr.write('usage: build-common-passwords.ts <path to passwords.json>\n');
  process.exit(64);
}
const ranked = JSON.parse(readFileSync(source, 'utf8')) as unknown;
if (!Array.isArray(ranked) || !ranked.every((p) => typeof p === 'string')) {
  throw new Error(`${source} is not a JSON array of strings`);
}
const seen = new Set<string>();
for (const password of ranked as string[]) {
  const key = password.normalize('NFKC').toLowerCase();
  if (key === '' || key.includes('\n')) continue;
  seen.add(key);
  if (seen.size === COUNT) break;
}
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'data', 'common-passwords.txt');
writeFileSync(target, `${[...seen].join('\n')}\n`);
process.stdout.write(`wrote ${seen.size} passwords to ${target}\n`);
