/**
 * The skill-extraction benchmark of Decorte et al. (TECH and HOUSE, validation splits; CC BY 4.0 /
 * MIT, jensjorisdecorte/Skill-Extraction-benchmark): sentences with the ESCO skills their spans
 * express, compared by preferred label, and the ranking metrics of the benchmark's papers.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BENCHMARK_DIR =
  process.env.SKILL_EXTRACTION_DATA ?? '/work/shared/data/skill-extraction';
export const SPLITS = ['tech', 'house'] as const;
export type Split = (typeof SPLITS)[number];

/** Labels that name no ESCO skill. */
const NO_GOLD = new Set(['LABEL NOT PRESENT', 'UNDERSPECIFIED']);

export interface BenchmarkSentence {
  sentence: string;
  /** Gold ESCO preferred labels (distinct). */
  gold: string[];
}

/** Sentences of a validation split that carry at least one ESCO label, in file order. */
export function loadSplit(split: Split, dir = BENCHMARK_DIR): BenchmarkSentence[] {
  const rows = parse(readFileSync(join(dir, `${split}_validation_annotations.csv`), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  }) as { sentence: string; label: string }[];
  const bySentence = new Map<string, Set<string>>();
  for (const row of rows) {
    const gold = bySentence.get(row.sentence) ?? new Set<string>();
    if (!NO_GOLD.has(row.label.trim())) gold.add(row.label.trim());
    bySentence.set(row.sentence, gold);
  }
  return [...bySentence.entries()]
    .filter(([, gold]) => gold.size > 0)
    .map(([sentence, gold]) => ({ sentence, gold: [...gold] }));
}

export interface RankingScores {
  sentences: number;
  rp5: number;
  rp10: number;
  mrr: number;
}

/**
 * RP@K = |gold ∩ top K| / min(K, |gold|), averaged over sentences; MRR = mean of 1 / rank of
 * the first gold skill (0 when none is ranked). Percentages, as the papers print them.
 */
export function scoreRankings(cases: { gold: string[]; ranked: string[] }[]): RankingScores {
  const norm = (s: string) => s.trim().toLowerCase();
  let rp5 = 0;
  let rp10 = 0;
  let mrr = 0;
  for (const { gold, ranked } of cases) {
    const goldSet = new Set(gold.map(norm));
    const names = ranked.map(norm);
    const hits = (k: number) => names.slice(0, k).filter((n) => goldSet.has(n)).length;
    rp5 += hits(5) / Math.min(5, goldSet.size);
    rp10 += hits(10) / Math.min(10, goldSet.size);
    const first = names.findIndex((n) => goldSet.has(n));
    mrr += first === -1 ? 0 : 1 / (first + 1);
  }
  const n = Math.max(1, cases.length);
  const pct = (x: number) => Math.round((x / n) * 1000) / 10;
  return { sentences: cases.length, rp5: pct(rp5), rp10: pct(rp10), mrr: pct(mrr) };
}
