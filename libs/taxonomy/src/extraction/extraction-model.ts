import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDataDir } from '../skill-seed-data.js';

/**
 * How much a word of a job ad counts towards a skill: the share of its occurrences inside
 * annotated skill spans of real postings, learned by scripts/train-extraction-model.ts and
 * shipped as data/extraction-model.json.
 */
export interface ExtractionModel {
  /** In [0, 1], for a folded word (see extraction-text.ts). */
  weightOf(folded: string): number;
}

/** Words the postings never showed: often names of tools, so they keep a fair weight. */
const UNSEEN_WORD_WEIGHT = 0.5;

export function modelFromWeights(weights: Readonly<Record<string, number>>): ExtractionModel {
  const table = new Map(Object.entries(weights));
  return { weightOf: (folded) => table.get(folded) ?? UNSEEN_WORD_WEIGHT };
}

/** Every word counts fully (tests of the matching rules alone). */
export const NEUTRAL_MODEL: ExtractionModel = { weightOf: () => 1 };

export function loadExtractionModel(): ExtractionModel {
  const file = JSON.parse(readFileSync(join(seedDataDir(), 'extraction-model.json'), 'utf8')) as {
    weights: Record<string, number>;
  };
  return modelFromWeights(file.weights);
}
