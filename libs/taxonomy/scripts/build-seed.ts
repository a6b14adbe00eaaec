/**
 * Builds data/skills.seed.json, the compact taxonomy the application seeds from, out of the ESCO
 * v1.2.0 CSVs (© European Union, ESCO). Run once after changing the rule or the ESCO release:
 *
 *   npx tsx libs/taxonomy/scripts/build-seed.ts [/path/to/esco]   (default /work/shared/data/esco)
 *
 * Categories: the digital skills collection → `digital`, language skills → `language`,
 * transversal skills → `transversal` (a skill in several collections keeps the first of that
 * order). `bpo`: the essential skills of the business-process occupations in
 * occupation_skill_pairs_ict_bpo.csv, i.e. ISCO unit groups {@link BPO_ISCO_UNITS} (office and
 * data-entry clerks, secretaries, typists, contact-centre and customer-service clerks,
 * bookkeeping, finance and payroll clerks), that no collection already holds. That file names
 * skills by label only, so `bpo` skills have no ESCO URI and are keyed by their folded name.
 * It also checks that every curated alias in data/curated-aliases.json names a seeded skill
 * (curated skills and aliases live in that file and are seeded from it directly).
 */
import { parse } from 'csv-parse/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { foldKey } from '@app/text';

export const BPO_ISCO_UNITS = [
  '4110',
  '4120',
  '4131',
  '4132',
  '4222',
  '4225',
  '4311',
  '4312',
  '4313',
];

interface SeedSkill {
  escoUri: string | null;
  name: string;
  category: 'digital' | 'language' | 'transversal' | 'bpo';
  description: string | null;
  altLabels: string[];
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const escoDir = process.argv[2] ?? '/work/shared/data/esco';

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(escoDir, file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as Record<string, string>[];
}

const skills: SeedSkill[] = [];
const byUri = new Set<string>();
const byKey = new Set<string>();

function splitAlt(value: string): string[] {
  return value
    .split(/ \| |\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const collections: [string, SeedSkill['category']][] = [
  ['digitalSkillsCollection_en.csv', 'digital'],
  ['languageSkillsCollection_en.csv', 'language'],
  ['transversalSkillsCollection_en.csv', 'transversal'],
];
for (const [file, category] of collections) {
  for (const row of readCsv(file)) {
    if (row.status !== 'released' || byUri.has(row.conceptUri)) continue;
    byUri.add(row.conceptUri);
    byKey.add(foldKey(row.preferredLabel));
    const description = row.description?.trim();
    skills.push({
      escoUri: row.conceptUri,
      name: row.preferredLabel.trim(),
      category,
      description: description === '' || description === undefined ? null : description,
      altLabels: [...new Set(splitAlt(row.altLabels ?? ''))],
    });
  }
}

const bpoLabels = new Set<string>();
for (const row of readCsv('occupation_skill_pairs_ict_bpo.csv')) {
  if (row.relation === 'essential' && BPO_ISCO_UNITS.includes(row.isco_code)) {
    bpoLabels.add(row.skill_label.trim());
  }
}
for (const label of [...bpoLabels].sort()) {
  const key = foldKey(label);
  if (byKey.has(key)) continue;
  byKey.add(key);
  skills.push({ escoUri: null, name: label, category: 'bpo', description: null, altLabels: [] });
}

const curated = JSON.parse(readFileSync(join(root, 'data/curated-aliases.json'), 'utf8')) as {
  skills: { name: string }[];
  aliases: { label: string; skill: string }[];
};
const names = new Set([...skills.map((s) => s.name), ...curated.skills.map((s) => s.name)]);
const missing = curated.aliases.filter((a) => !names.has(a.skill));
if (missing.length > 0) {
  throw new Error(`curated aliases name unknown skills: ${missing.map((a) => a.skill).join(', ')}`);
}

const counts = skills.reduce<Record<string, number>>((acc, s) => {
  acc[s.category] = (acc[s.category] ?? 0) + 1;
  return acc;
}, {});
// One skill per line: compact, yet a changed skill shows as one changed line in a diff.
const header = JSON.stringify({ source: 'ESCO v1.2.0, © European Union, ESCO', counts });
writeFileSync(
  join(root, 'data/skills.seed.json'),
  `${header.slice(0, -1)},"skills":[\n${skills.map((s) => JSON.stringify(s)).join(',\n')}\n]}\n`,
);
console.log(`wrote ${skills.length} skills`, counts);
