/**
 * Trains data/extraction-model.json, the extractor's word weights, from the annotated SkillSpan
 * postings (Zhang et al. 2022, MIT; `skill_spans` and `knowledge_spans` marked by annotators):
 *
 *   npx tsx libs/taxonomy/scripts/train-extraction-model.ts [postings.jsonl] [benchmark dir]
 *     (defaults: /work/shared/data/postings/skillspan_train_dev.jsonl,
 *                /work/shared/data/skill-extraction)
 *
 * For every (folded) word: how often it lies inside an annotated skill or knowledge span, against
 * how often it occurs at all, smoothed towards the overall rate. "experience", "strong" or
 * "team" mostly sit outside spans and get little weight; "docker", "debug" or "bookkeeping"
 * sit inside and keep theirs. Only the `train` split is used, and any line that is also a
 * benchmark validation sentence is left out, so the validation figures stay honest.
 * Deterministic: the same input files give the same model, byte for byte.
 */
import { parse } from 'csv-parse/sync';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STOPWORDS, tokenize } from '../src/extraction/extraction-text.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const postingsFile = process.argv[2] ?? '/work/shared/data/postings/skillspan_train_dev.jsonl';
const benchmarkDir = process.argv[3] ?? '/work/shared/data/skill-extraction';
/** Pseudo-count pulling rare words towards the overall rate. */
const SMOOTHING = 3;
/** Words seen fewer times carry no evidence worth shipping (they get the default weight). */
const MIN_COUNT = 3;

const heldOut = new Set<string>();
for (const file of readdirSync(benchmarkDir).filter((f) => f.endsWith('.csv'))) {
  const rows = parse(readFileSync(join(benchmarkDir, file), 'utf8'), { columns: true }) as {
    sentence: string;
  }[];
  for (const r of rows) heldOut.add(r.sentence.trim());
}

interface Posting {
  split: string;
  text: string;
  skill_spans: string[];
  knowledge_spans: string[];
}
const postings = readFileSync(postingsFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Posting)
  .filter((p) => p.split === 'train');

const inSpan = new Map<string, number>();
const seen = new Map<string, number>();
let lines = 0;
let skipped = 0;
for (const p of postings) {
  const spans = [...p.skill_spans, ...p.knowledge_spans].filter((s) => s.trim() !== '');
  for (const line of p.text.split('\n')) {
    if (heldOut.has(line.trim())) {
      skipped += 1;
      continue;
    }
    lines += 1;
    // Mark every character covered by an annotated span found in this line.
    const covered = new Uint8Array(line.length);
    for (const span of spans) {
      for (let at = line.indexOf(span); at !== -1; at = line.indexOf(span, at + 1)) {
        covered.fill(1, at, at + span.length);
      }
    }
    for (const t of tokenize(line)) {
      if (STOPWORDS.has(t.folded) || /^\d+$/.test(t.folded)) continue;
      // By folded word, not stem: "excellent" must not drag "Excel" down with it.
      seen.set(t.folded, (seen.get(t.folded) ?? 0) + 1);
      if (covered[t.start] === 1) inSpan.set(t.folded, (inSpan.get(t.folded) ?? 0) + 1);
    }
  }
}

let totalSeen = 0;
let totalIn = 0;
for (const [stem, n] of seen) {
  totalSeen += n;
  totalIn += inSpan.get(stem) ?? 0;
}
const prior = totalIn / totalSeen;
const weights: Record<string, number> = {};
for (const word of [...seen.keys()].sort()) {
  const n = seen.get(word) ?? 0;
  if (n < MIN_COUNT) continue;
  const p = ((inSpan.get(word) ?? 0) + SMOOTHING * prior) / (n + SMOOTHING);
  weights[word] = Math.round(p * 1000) / 1000;
}
const model = {
  about:
    'P(folded word inside an annotated skill/knowledge span) in SkillSpan train postings (MIT), smoothed; see libs/taxonomy/scripts/train-extraction-model.ts',
  postings: postings.length,
  lines,
  heldOutLinesSkipped: skipped,
  prior: Math.round(prior * 1000) / 1000,
  smoothing: SMOOTHING,
  minCount: MIN_COUNT,
  weights,
};
writeFileSync(join(root, 'data/extraction-model.json'), `${JSON.stringify(model, null, 0)}\n`);
console.log(
  `trained on ${postings.length} postings, ${lines} lines (${skipped} held out): ${Object.keys(weights).length} words, prior ${model.prior}`,
);
