/** Locales a skill gets a local label in (English is the skill's own name). */
export const LABEL_LOCALES = ['sq', 'sr', 'sr-Cyrl', 'mk', 'bs'] as const;
export type LabelLocale = (typeof LABEL_LOCALES)[number];

/** Columns of data/skill-labels.tsv, in order. */
export const LABEL_COLUMNS = [
  'rank',
  'key',
  'skill',
  'score',
  'sq',
  'sr',
  'sr-Cyrl',
  'mk',
  'bs',
  'source',
] as const;

export type LabelRow = {
  rank: number;
  key: string;
  skill: string;
  score: number;
  source: string;
} & Record<LabelLocale, string>;

/**
 * Parses data/skill-labels.tsv: one skill per line (`key` = ESCO URI, or the folded name of a
 * skill without one), its label per locale (empty = none yet) and where the labels come from.
 */
export function parseLabelFile(text: string): LabelRow[] {
  const [header, ...lines] = text.split('\n').filter((l) => l.trim() !== '');
  const columns = header.split('\t');
  if (columns.join('\t') !== LABEL_COLUMNS.join('\t')) {
    throw new Error(`skill-labels.tsv: expected columns ${LABEL_COLUMNS.join(', ')}`);
  }
  return lines.map((line, i) => {
    const cells = line.split('\t');
    if (cells.length !== LABEL_COLUMNS.length) {
      throw new Error(
        `skill-labels.tsv line ${i + 2}: ${cells.length} cells, expected ${LABEL_COLUMNS.length}`,
      );
    }
    const row = Object.fromEntries(LABEL_COLUMNS.map((c, j) => [c, cells[j].trim()]));
    return { ...row, rank: Number(row.rank), score: Number(row.score) } as LabelRow;
  });
}
