import { describe, expect, it } from '@jest/globals';
import { stemEnglish } from './english-stemmer.js';
import { modelFromWeights, NEUTRAL_MODEL } from './extraction-model.js';
import { labelWords, sentenceRanges, tokenize } from './extraction-text.js';
import { SkillExtractorBuilder, type ExtractionSkill } from './skill-extractor.js';

const skill = (
  id: string,
  name: string,
  alternatives: string[] = [],
  description: string | null = null,
  category: ExtractionSkill['category'] = 'other',
): ExtractionSkill => ({
  id,
  name,
  category,
  description,
  labels: [
    { label: name, kind: 'preferred' },
    ...alternatives.map((label) => ({ label, kind: 'alternative' as const })),
  ],
});

const TAXONOMY: ExtractionSkill[] = [
  skill('docker', 'Docker', [], 'Software containers.', 'digital'),
  {
    ...skill('js', 'JavaScript', ['ECMAScript'], 'A programming language.', 'digital'),
    labels: [
      { label: 'JavaScript', kind: 'preferred' },
      { label: 'JS', kind: 'curated' },
    ],
  },
  skill('java', 'Java (computer programming)', [], 'A programming language.', 'digital'),
  skill('solve', 'solve problems', ['problem solving'], 'Find solutions to problems.'),
  skill('book', 'bookkeeping', ['keep the books'], 'Record financial transactions of a company.'),
  skill('call', 'Computer Assisted Language Learning', ['CALL'], 'Language teaching software.'),
  skill('cs', 'customer service', [], 'Processes of serving customers.', 'transversal'),
];

const extractor = () => new SkillExtractorBuilder().add(TAXONOMY).build(NEUTRAL_MODEL);
const slices = (text: string, spans: [number, number][]) => spans.map(([a, b]) => text.slice(a, b));

describe('SkillExtractor', () => {
  it('finds named skills by name or alias, with spans on the words as written', () => {
    const text = 'We use Docker and JS daily.';
    const found = extractor().extract(text, 5);
    expect(
      found
        .map((f) => f.skillId)
        .slice(0, 2)
        .sort(),
    ).toEqual(['docker', 'js']);
    const js = found.find((f) => f.skillId === 'js');
    expect(js && slices(text, js.spans)).toEqual(['JS']);
  });

  it('matches a label without its parenthesised qualifier', () => {
    const found = extractor().extract('Experience with Java.', 3);
    expect(found[0].skillId).toBe('java');
  });

  it('matches inflected words through stems, and scores a phrase above scattered words', () => {
    const ex = extractor();
    const phrase = ex.extract('Solving problems is what you do.', 3);
    expect(phrase[0].skillId).toBe('solve');
    const scattered = ex.extract('Problems arise; solving them is the job.', 3);
    expect(scattered[0].skillId).toBe('solve');
    expect(scattered[0].score).toBeLessThan(phrase[0].score);
  });

  it('counts an all-capitals acronym only where the text writes it in capitals', () => {
    const ex = extractor();
    expect(ex.extract('You will answer calls.', 5).map((f) => f.skillId)).not.toContain('call');
    expect(ex.extract('Teaching with CALL tools.', 5)[0].skillId).toBe('call');
  });

  it('is deterministic and honours the limit', () => {
    const text = 'Docker, JS, Java, solving problems and keeping the books.';
    const first = extractor().extract(text, 3);
    expect(first).toHaveLength(3);
    expect(extractor().extract(text, 3)).toEqual(first);
  });

  it('lets learned word weights push filler down', () => {
    const taxonomy = [skill('exp', 'experience'), skill('docker', 'Docker')];
    const text = 'Some experience with Docker.';
    const score = (model: Parameters<SkillExtractorBuilder['build']>[0], id: string) =>
      new SkillExtractorBuilder()
        .add(taxonomy)
        .build(model)
        .extract(text, 5)
        .find((f) => f.skillId === id)?.score ?? 0;
    const learned = modelFromWeights({ experience: 0.02, docker: 0.86 });
    expect(score(learned, 'exp')).toBeLessThan(score(NEUTRAL_MODEL, 'exp'));
    expect(score(learned, 'docker')).toBe(score(NEUTRAL_MODEL, 'docker'));
    expect(score(learned, 'exp')).toBeLessThan(score(learned, 'docker'));
  });

  it('finds nothing in text without skills, and handles empty input', () => {
    expect(extractor().extract('The weather is nice.', 5)).toEqual([]);
    expect(extractor().extract('', 5)).toEqual([]);
  });
});

describe('extraction text', () => {
  it('folds Cyrillic and diacritics like @app/text, keeping offsets into the original', () => {
    const text = 'Рад у Excel-у';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.folded)).toEqual(['rad', 'u', 'excel', 'u']);
    expect(text.slice(tokens[2].start, tokens[2].end)).toBe('Excel');
    expect(labelWords('Đorđe C++ & C#')).toEqual(['dorde', 'c++', 'c#']);
  });

  it('splits sentences at line breaks and sentence ends', () => {
    const text = 'One two.\nThree four; five. Six';
    const tokens = tokenize(text);
    expect(sentenceRanges(text, tokens)).toEqual([
      [0, 2],
      [2, 4],
      [4, 5],
      [5, 6],
    ]);
  });

  it('stems English words the Porter way', () => {
    expect(['solving', 'solves', 'solved'].map(stemEnglish)).toEqual(['solv', 'solv', 'solv']);
    expect(stemEnglish('relational')).toBe('relat');
    expect(stemEnglish('c++')).toBe('c++');
  });
});
