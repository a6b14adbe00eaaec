/**
 * Builds data/esco-pillar.seed.json: every ESCO skill the collections seed (skills.seed.json)
 * does not hold, from the full ESCO v1.1.1 skills pillar (© European Union, ESCO). Run after
 * build-seed.ts, whenever either changes:
 *
 *   npx tsx libs/taxonomy/scripts/build-pillar-seed.ts [/path/to/esco]   (default /work/shared/data/esco)
 *
 * A skill the collections (v1.2.0) already hold by URI is left out: the newer release wins. A
 * pillar skill whose preferred label is the name of a collections skill (the `bpo` skills, named
 * by label only, or a namesake concept) is kept with `mergeInto` set: the seeder adds its
 * alternative labels to that skill instead of creating a second one. `skillType` and `reuseLevel` are
 * ESCO's; the extractor uses them as a prior.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldKey } from '@app/text';
import { labelWords, stemFolded, STOPWORDS } from '../src/extraction/extraction-text.js';

/**
 * ESCO lists many alternative labels that differ only in inflection ("perform toxicological
 * study", "… studies"). Only the first label per set of stemmed content words is kept: the
 * extractor stems anyway, and a third fewer rows keeps seeding fast.
 */
function stemKey(label: string): string {
  const words = labelWords(label).filter((w) => !STOPWORDS.has(w));
  return [...new Set(words.map(stemFolded))].sort().join(' ');
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const escoDir = process.argv[2] ?? '/work/shared/data/esco';

const collections = JSON.parse(readFileSync(join(root, 'data/skills.seed.json'), 'utf8')) as {
  skills: { escoUri: string | null; name: string }[];
};
const collectionUris = new Set(collections.skills.map((s) => s.escoUri).filter((u) => u !== null));
// Pillar skills named like a collections skill are merged into it: the bpo skills (no URI), and
// the odd concept whose v1.2.0 namesake has another URI ("use e-services").
const collectionNames = new Map(collections.skills.map((s) => [foldKey(s.name), s.name]));

const rows = parse(readFileSync(join(escoDir, 'skills_en.csv'), 'utf8'), {
  columns: true,
  skip_empty_lines: true,
}) as Record<string, string>[];

const out: string[] = [];
let merged = 0;
for (const row of rows) {
  if (row.status !== 'released' || collectionUris.has(row.conceptUri)) continue;
  const name = row.preferredLabel.trim();
  const seen = new Set([stemKey(name)]);
  const altLabels = row.altLabels
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => {
      const key = stemKey(s);
      if (s === '' || key === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const mergeInto = collectionNames.get(foldKey(name));
  if (mergeInto !== undefined) merged += 1;
  const description = row.description.trim();
  out.push(
    JSON.stringify({
      escoUri: row.conceptUri,
      name,
      ...(mergeInto === undefined ? {} : { mergeInto }),
      skillType: row.skillType === 'knowledge' ? 'knowledge' : 'skill',
      reuseLevel: row.reuseLevel || 'sector-specific',
      description: description === '' ? null : description,
      altLabels,
    }),
  );
}
out.sort();
const labels = out.reduce(
  (n, line) => n + (JSON.parse(line) as { altLabels: string[] }).altLabels.length,
  0,
);
const header = JSON.stringify({
  source: 'ESCO v1.1.1 skills pillar, © European Union, ESCO',
  count: out.length,
  merged,
  altLabels: labels,
});
writeFileSync(
  join(root, 'data/esco-pillar.seed.json'),
  `${header.slice(0, -1)},"skills":[\n${out.join(',\n')}\n]}\n`,
);
console.log(`wrote ${out.length} pillar skills (${merged} merged into collection skills)`);
