/**
 * Chooses the skills that get local labels (sq, sr, sr-Cyrl, mk, bs) and keeps
 * data/skill-labels.tsv in step: the {@link LABELLED_SKILLS} skills ICT/BPO work asks for most,
 * by how often they are named
 *
 * - in ESCO's occupation–skill links of the ICT and BPO occupations
 *   (`occupation_skill_pairs_ict_bpo.csv`: essential counts 2, optional 1), and
 * - in the SkillSpan job postings (`postings/skillspan_train_dev.jsonl`: each skill or knowledge
 *   span equal, after folding, to one of the skill's labels counts 3: a posting is demand).
 *
 * Rows already in the file keep their labels (new skills get empty ones to write); `sr-Cyrl` is
 * always regenerated from `sr` by transliteration (@app/text `latinToCyrillic`), never written
 * by hand (a label equal to the skill's own name, such as JavaScript, stays as it is). Run after changing the seed or the data:
 *
 *   npx tsx libs/taxonomy/scripts/select-label-skills.ts [/path/to/shared/data]
 */
import { foldKey, latinToCyrillic } from '@app/text';
import { parse } from 'csv-parse/sync';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LABEL_COLUMNS, parseLabelFile, type LabelRow } from '../src/skill-label-file.js';

export const LABELLED_SKILLS = 400;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.argv[2] ?? '/work/shared/data';
const labelFile = join(root, 'data/skill-labels.tsv');

interface Skill {
  key: string;
  name: string;
  labels: string[];
}

const esco = JSON.parse(readFileSync(join(root, 'data/skills.seed.json'), 'utf8')) as {
  skills: { escoUri: string | null; name: string; altLabels: string[] }[];
};
const curated = JSON.parse(readFileSync(join(root, 'data/curated-aliases.json'), 'utf8')) as {
  skills: { name: string; aliases: string[] }[];
  aliases: { label: string; skill: string }[];
};
const skills: Skill[] = [
  ...esco.skills.map((s) => ({
    key: s.escoUri ?? foldKey(s.name),
    name: s.name,
    labels: [s.name, ...s.altLabels],
  })),
  ...curated.skills.map((s) => ({
    key: foldKey(s.name),
    name: s.name,
    labels: [s.name, ...s.aliases],
  })),
];
const byName = new Map(skills.map((s) => [s.name, s]));
for (const a of curated.aliases) byName.get(a.skill)?.labels.push(a.label);

// The skill's own name wins over another skill's alias, as in label resolution.
const byNameKey = new Map(skills.map((s) => [foldKey(s.name), s]));
const byLabelKey = new Map<string, Skill>();
for (const s of skills)
  for (const l of s.labels) if (!byLabelKey.has(foldKey(l))) byLabelKey.set(foldKey(l), s);
const skillOf = (label: string) => byNameKey.get(foldKey(label)) ?? byLabelKey.get(foldKey(label));

const score = new Map<string, number>();
const add = (s: Skill | undefined, n: number) => {
  if (s !== undefined) score.set(s.key, (score.get(s.key) ?? 0) + n);
};

const pairs = parse(
  readFileSync(join(dataDir, 'esco/occupation_skill_pairs_ict_bpo.csv'), 'utf8'),
  { columns: true, skip_empty_lines: true },
) as { relation: string; skill_label: string }[];
for (const p of pairs)
  add(byNameKey.get(foldKey(p.skill_label)), p.relation === 'essential' ? 2 : 1);

const postings = readFileSync(join(dataDir, 'postings/skillspan_train_dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { skill_spans: string[]; knowledge_spans: string[] });
for (const p of postings) {
  const named = new Set([...p.skill_spans, ...p.knowledge_spans].map((span) => skillOf(span)));
  for (const s of named) add(s, 3);
}

const chosen = skills
  .filter((s) => (score.get(s.key) ?? 0) > 0)
  .sort((a, b) => (score.get(b.key) ?? 0) - (score.get(a.key) ?? 0) || a.name.localeCompare(b.name))
  .slice(0, LABELLED_SKILLS);

const existing = new Map<string, LabelRow>(
  existsSync(labelFile)
    ? parseLabelFile(readFileSync(labelFile, 'utf8')).map((r) => [r.key, r])
    : [],
);
const rows: LabelRow[] = chosen.map((s, i) => {
  const old = existing.get(s.key);
  const sr = old?.sr ?? '';
  return {
    rank: i + 1,
    key: s.key,
    skill: s.name,
    score: score.get(s.key) ?? 0,
    sq: old?.sq ?? '',
    sr,
    // A name kept as is (JavaScript, R, Docker) stays in Latin in Cyrillic text too.
    // Words taken over from the English name (Jenkins, Consortium, data warehouse) are names.
    'sr-Cyrl':
      sr === '' || sr === s.name ? sr : latinToCyrillic(sr, 'sr', s.name.split(/[\s()/,-]+/)),
    mk: old?.mk ?? '',
    bs: old?.bs ?? '',
    source: old?.source ?? '',
  };
});
const header = LABEL_COLUMNS.join('\t');
writeFileSync(
  labelFile,
  `${header}\n${rows.map((r) => LABEL_COLUMNS.map((c) => String(r[c])).join('\t')).join('\n')}\n`,
);
const missing = rows.filter((r) => r.sq === '' || r.sr === '' || r.mk === '' || r.bs === '').length;
console.log(`wrote ${rows.length} skills to ${labelFile}; ${missing} still lack a label`);
