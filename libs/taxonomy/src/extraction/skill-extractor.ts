import type { SkillAliasKind } from '../skill-records.js';
import type { SkillCategory } from '../skill-records.js';
import {
  labelWords,
  sentenceRanges,
  stemFolded,
  STOPWORDS,
  tokenize,
  type TextToken,
} from './extraction-text.js';
import type { ExtractionModel } from './extraction-model.js';

/** One skill as the extractor sees it: read from the skill tables (any label, any language). */
export interface ExtractionSkill {
  id: string;
  name: string;
  category: SkillCategory;
  description: string | null;
  labels: { label: string; kind: SkillAliasKind }[];
}

export interface ExtractedSkill {
  skillId: string;
  name: string;
  /** In [0, 1]; comparable within one answer, not a calibrated probability. */
  score: number;
  /** [start, end) offsets into the text given (UTF-16 code units), at most MAX_SPANS. */
  spans: [number, number][];
}

/** Weights of the scoring formula, chosen on the benchmark's validation splits (see docs). */
export interface ExtractorWeights {
  /** Label kinds: the skill's own name and curated aliases are surer than ESCO's alternatives. */
  preferred: number;
  curated: number;
  alternative: number;
  /** A label whose words all occur, in order and together (stopwords between allowed). */
  phrase: number;
  /** All words occur, but apart or out of order. */
  scattered: number;
  /** Partial label coverage counts from this share of its IDF mass, scaled by this weight. */
  partialFrom: number;
  partial: number;
  /** BM25 over name, labels and description: weight and half-saturation point. */
  bm25: number;
  bm25Half: number;
  /** Skills of the digital, transversal, language and BPO collections (what job ads here ask). */
  collectionPrior: number;
  /** Each further sentence naming the skill (long texts). */
  repeat: number;
  /** Learned word weight w counts as floor + (1 - floor) · min(1, w / full). */
  wordFloor: number;
  wordFull: number;
  /** A whole label made only of filler words keeps this share of its score. */
  fillerFloor: number;
}

export const DEFAULT_WEIGHTS: ExtractorWeights = {
  preferred: 1,
  curated: 1,
  alternative: 0.85,
  phrase: 1,
  scattered: 0.7,
  partialFrom: 0.5,
  partial: 0.45,
  bm25: 0.5,
  bm25Half: 8,
  collectionPrior: 0.05,
  repeat: 0.03,
  wordFloor: 0.3,
  wordFull: 0.5,
  fillerFloor: 0.3,
};

const MAX_SPANS = 10;
/** Skills found only through their description that one sentence may contribute. */
const DESCRIBED_PER_UNIT = 30;
/** Candidates one sentence may contribute in all (the answer holds at most 50 skills). */
const CANDIDATES_PER_UNIT = 60;
/**
 * Raw score mapped to 1: a skill's own name as a phrase (1) plus a fair description match. So
 * scores mean the same across texts: ≥ 0.6 is a whole label found, below 0.4 a description guess.
 */
const SCORE_SCALE = 1.5;
const KIND_CODE: Record<SkillAliasKind, number> = { preferred: 0, curated: 1, alternative: 2 };
/** Words allowed between two label words for the label to count as one phrase. */
const PHRASE_GAP = 1;
const BM25_K1 = 1.2;
const BM25_B = 0.75;
/** Field weights of the BM25 document: the name counts most, the description least. */
const FIELD_NAME = 3;
const FIELD_LABEL = 1;
const FIELD_DESCRIPTION = 0.5;
/** An alternative label made of one very common word is too loose to trust alone. */
const LOOSE_SINGLE_WORD_DF = 0.01;
/** …and never for a word fewer skills than this use (small taxonomies). */
const LOOSE_MIN_DF = 3;

/** "CALL", "SAS": an acronym that is also an everyday word when not in capitals. */
function isAcronym(label: string): boolean {
  const t = label.trim();
  return /^[A-Z]{2,6}$/.test(t);
}

/** Compressed sparse rows: for row r, cols[start[r] .. start[r+1]). */
interface Csr {
  start: Int32Array;
  cols: Int32Array;
  values?: Float32Array;
}

/** Builds a CSR from parallel (row, col[, value]) lists without materialising pairs. */
function buildCsr(rows: number, r: Int32List, c: Int32List, v?: Float32List): Csr {
  const start = new Int32Array(rows + 1);
  for (let i = 0; i < r.length; i += 1) start[r.at(i) + 1] += 1;
  for (let k = 0; k < rows; k += 1) start[k + 1] += start[k];
  const fill = start.slice(0, rows);
  const cols = new Int32Array(r.length);
  const values = v === undefined ? undefined : new Float32Array(r.length);
  for (let i = 0; i < r.length; i += 1) {
    const at = fill[r.at(i)];
    fill[r.at(i)] += 1;
    cols[at] = c.at(i);
    if (values !== undefined && v !== undefined) values[at] = v.at(i);
  }
  return { start, cols, values };
}

/** A growable typed list (plain arrays of numbers cost twice the memory at this size). */
class TypedList<T extends Int32Array | Float32Array> {
  private data: T;
  length = 0;
  constructor(private readonly allocate: (size: number) => T) {
    this.data = allocate(1024);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = this.allocate(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = value;
    this.length += 1;
  }
  at(i: number): number {
    return this.data[i];
  }
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}

class Int32List extends TypedList<Int32Array> {
  constructor() {
    super((size) => new Int32Array(size));
  }
}

class Float32List extends TypedList<Float32Array> {
  constructor() {
    super((size) => new Float32Array(size));
  }
}

/**
 * Collects skills batch by batch (so the whole taxonomy with its descriptions never sits in
 * memory at once) into the compact arrays a {@link SkillExtractor} searches.
 */
export class SkillExtractorBuilder {
  readonly ids: string[] = [];
  readonly names: string[] = [];
  readonly inCollection = new Int32List();
  readonly termIds = new Map<string, number>();
  /** Labels as flat lists: owning skill, kind, and the (label, term) pairs. */
  readonly labelSkill = new Int32List();
  readonly labelKind = new Int32List();
  /** 1 for an all-capitals acronym ("CALL"): it must be written in capitals in the text too. */
  readonly labelCaps = new Int32List();
  readonly labelOf = new Int32List();
  readonly labelTerm = new Int32List();
  /** BM25 raw counts: (skill, term, field-weighted tf) and each skill's weighted length. */
  readonly docSkill = new Int32List();
  readonly docTerm = new Int32List();
  readonly docTf = new Float32List();
  readonly docLen = new Float32List();

  private termOf(stem: string): number {
    let id = this.termIds.get(stem);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(stem, id);
    }
    return id;
  }

  private contentTerms(words: string[], distinct: boolean): number[] {
    const out: number[] = [];
    for (const w of words) {
      if (STOPWORDS.has(w)) continue;
      const t = this.termOf(stemFolded(w));
      if (!distinct || !out.includes(t)) out.push(t);
    }
    return out;
  }

  add(skills: Iterable<ExtractionSkill>): this {
    for (const s of skills) {
      const skill = this.ids.length;
      this.ids.push(s.id);
      this.names.push(s.name);
      this.inCollection.push(s.category === 'other' ? 0 : 1);
      const tf = new Map<number, number>();
      let len = 0;
      const count = (terms: number[], weight: number) => {
        for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + weight);
        len += terms.length * weight;
      };
      const seen = new Set<string>();
      const ordered = [...s.labels].sort((a, b) => KIND_CODE[a.kind] - KIND_CODE[b.kind]);
      for (const l of ordered) {
        // Also without the parenthesised qualifier: "Java (computer programming)" → "Java".
        for (const v of [l.label, l.label.replace(/\s*\([^)]*\)\s*/g, ' ')]) {
          const terms = this.contentTerms(labelWords(v), true);
          if (terms.length === 0) continue;
          const key = [...terms].sort((a, b) => a - b).join(',');
          if (seen.has(key)) continue;
          seen.add(key);
          const label = this.labelSkill.length;
          this.labelSkill.push(skill);
          this.labelKind.push(KIND_CODE[l.kind]);
          this.labelCaps.push(isAcronym(v) ? 1 : 0);
          for (const t of terms) {
            this.labelOf.push(label);
            this.labelTerm.push(t);
          }
          count(terms, l.kind === 'preferred' ? FIELD_NAME : FIELD_LABEL);
        }
      }
      if (s.description !== null) {
        count(this.contentTerms(labelWords(s.description), false), FIELD_DESCRIPTION);
      }
      for (const [t, f] of tf) {
        this.docSkill.push(skill);
        this.docTerm.push(t);
        this.docTf.push(f);
      }
      this.docLen.push(len);
    }
    return this;
  }

  build(model: ExtractionModel, weights: ExtractorWeights = DEFAULT_WEIGHTS): SkillExtractor {
    return new SkillExtractor(this, model, weights);
  }
}

/**
 * Finds the skills named or described in a text, in memory, deterministically:
 *
 * 1. **Labels.** Every label of every skill (name, curated aliases, ESCO alternative labels,
 *    local-language labels) becomes a set of stemmed content words. In each sentence, a label
 *    whose words all occur scores as a phrase (in order, together) or scattered; a label whose
 *    IDF-weighted words mostly occur scores partially. "Docker", "MS Excel", "solving problems"
 *    (→ solve problems) are found this way.
 * 2. **Descriptions.** BM25 over each skill's name, labels and ESCO description finds skills
 *    described in other words ("keep our books" → bookkeeping via its description).
 * 3. **Term weights** learned from annotated job postings (extraction-model.ts) scale each word
 *    by how often it belongs to a skill mention, so filler ("experience", "team") weighs little.
 *
 * Scores combine per skill as the best sentence plus a little per repeated mention.
 */
export class SkillExtractor {
  private readonly ids: string[];
  private readonly names: string[];
  private readonly inCollection: Int32Array;
  private readonly termIds: Map<string, number>;
  private readonly idf: Float32Array;
  /** Labels: owning skill, kind, acronym flag, IDF mass, distinct term ids in label order. */
  private readonly labelSkill: Int32Array;
  private readonly labelKind: Int32Array;
  private readonly labelCaps: Uint8Array;
  private readonly labelIdf: Float32Array;
  private readonly labelTerms: Csr;
  private readonly termLabels: Csr;
  /** BM25: term → (skill, weight), and skill → its terms (to point spans at them). */
  private readonly termSkills: Csr;
  private readonly skillTerms: Csr;
  // Scratch space reused across calls (extraction is synchronous, so never shared mid-call).
  private readonly labelHit: Float32Array;
  private readonly labelCount: Uint16Array;
  private readonly skillBm25: Float32Array;

  constructor(
    b: SkillExtractorBuilder,
    private readonly model: ExtractionModel,
    private readonly weights: ExtractorWeights = DEFAULT_WEIGHTS,
  ) {
    this.ids = b.ids;
    this.names = b.names;
    this.inCollection = b.inCollection.toArray();
    this.termIds = b.termIds;
    const terms = this.termIds.size;
    const n = this.ids.length;

    const df = new Int32Array(terms);
    for (let i = 0; i < b.docTerm.length; i += 1) df[b.docTerm.at(i)] += 1;
    this.idf = new Float32Array(terms);
    for (let t = 0; t < terms; t += 1) {
      this.idf[t] = Math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5));
    }

    // A one-word ESCO alternative label of a very common word ("manage", "design") is too loose
    // to name a skill: it is left out (the skill's other labels and description still count).
    const allLabels = b.labelSkill.length;
    const labelTerms = buildCsr(allLabels, b.labelOf, b.labelTerm);
    const keep = new Uint8Array(allLabels);
    for (let l = 0; l < allLabels; l += 1) {
      const size = labelTerms.start[l + 1] - labelTerms.start[l];
      const loose =
        b.labelKind.at(l) === KIND_CODE.alternative &&
        size === 1 &&
        df[labelTerms.cols[labelTerms.start[l]]] > Math.max(LOOSE_MIN_DF, n * LOOSE_SINGLE_WORD_DF);
      keep[l] = loose ? 0 : 1;
    }
    const newIndex = new Int32Array(allLabels);
    let kept = 0;
    for (let l = 0; l < allLabels; l += 1) newIndex[l] = keep[l] === 1 ? kept++ : -1;
    this.labelSkill = new Int32Array(kept);
    this.labelKind = new Int32Array(kept);
    this.labelCaps = new Uint8Array(kept);
    this.labelIdf = new Float32Array(kept);
    const rows = new Int32List();
    const cols = new Int32List();
    for (let l = 0; l < allLabels; l += 1) {
      const at = newIndex[l];
      if (at < 0) continue;
      this.labelSkill[at] = b.labelSkill.at(l);
      this.labelKind[at] = b.labelKind.at(l);
      this.labelCaps[at] = b.labelCaps.at(l);
      for (let k = labelTerms.start[l]; k < labelTerms.start[l + 1]; k += 1) {
        rows.push(at);
        cols.push(labelTerms.cols[k]);
        this.labelIdf[at] += this.idf[labelTerms.cols[k]];
      }
    }
    this.labelTerms = buildCsr(kept, rows, cols);
    this.termLabels = buildCsr(terms, cols, rows);

    let total = 0;
    for (let s = 0; s < n; s += 1) total += b.docLen.at(s);
    const avgLen = total / Math.max(1, n);
    const bm25 = new Float32List();
    for (let i = 0; i < b.docTerm.length; i += 1) {
      const t = b.docTerm.at(i);
      const f = b.docTf.at(i);
      const norm = BM25_K1 * (1 - BM25_B + (BM25_B * b.docLen.at(b.docSkill.at(i))) / avgLen);
      bm25.push((this.idf[t] * (f * (BM25_K1 + 1))) / (f + norm));
    }
    this.termSkills = buildCsr(terms, b.docTerm, b.docSkill, bm25);
    this.skillTerms = buildCsr(n, b.docSkill, b.docTerm);

    this.labelHit = new Float32Array(kept);
    this.labelCount = new Uint16Array(kept);
    this.skillBm25 = new Float32Array(n);
  }

  get size(): number {
    return this.ids.length;
  }

  /** Skills found in `text`, best first. */
  extract(text: string, limit: number): ExtractedSkill[] {
    const tokens = tokenize(text);
    const best = new Map<number, { score: number; sentences: number; hits: SpanSource[] }>();
    for (const [from, to] of sentenceRanges(text, tokens)) {
      for (const [skill, found] of this.scoreSentence(text, tokens, from, to)) {
        const known = best.get(skill);
        if (known === undefined) {
          best.set(skill, { score: found.score, sentences: 1, hits: [found.source] });
        } else {
          known.sentences += 1;
          known.score = Math.max(known.score, found.score);
          known.hits.push(found.source);
        }
      }
    }
    const ranked = [...best.entries()]
      .map(([skill, b]) => ({
        skill,
        b,
        score: b.score + this.weights.repeat * Math.min(5, b.sentences - 1),
      }))
      .sort((x, y) => y.score - x.score || this.names[x.skill].localeCompare(this.names[y.skill]))
      .slice(0, limit);
    return ranked.map(({ skill, b, score }) => ({
      skillId: this.ids[skill],
      name: this.names[skill],
      score: Math.round(Math.min(1, score / SCORE_SCALE) * 1000) / 1000,
      spans: this.spansOf(tokens, b.hits),
    }));
  }

  private scoreSentence(
    text: string,
    tokens: TextToken[],
    from: number,
    to: number,
  ): Map<number, { score: number; source: SpanSource }> {
    const w = this.weights;
    const positions = new Map<number, number[]>();
    const termWeight = new Map<number, number>();
    for (let i = from; i < to; i += 1) {
      if (STOPWORDS.has(tokens[i].folded)) continue;
      const t = this.termIds.get(tokens[i].stem);
      if (t === undefined) continue;
      const list = positions.get(t);
      if (list === undefined) positions.set(t, [i]);
      else list.push(i);
      const learned = this.model.weightOf(tokens[i].folded);
      const weight = w.wordFloor + (1 - w.wordFloor) * Math.min(1, learned / w.wordFull);
      termWeight.set(t, Math.max(termWeight.get(t) ?? 0, weight));
    }
    const touchedLabels: number[] = [];
    const touchedSkills: number[] = [];
    for (const [t] of positions) {
      const weight = termWeight.get(t) ?? 1;
      const idf = this.idf[t];
      for (let k = this.termLabels.start[t]; k < this.termLabels.start[t + 1]; k += 1) {
        const l = this.termLabels.cols[k];
        if (this.labelCount[l] === 0) touchedLabels.push(l);
        this.labelCount[l] += 1;
        this.labelHit[l] += idf * weight;
      }
      const values = this.termSkills.values as Float32Array;
      for (let k = this.termSkills.start[t]; k < this.termSkills.start[t + 1]; k += 1) {
        const s = this.termSkills.cols[k];
        if (this.skillBm25[s] === 0) touchedSkills.push(s);
        this.skillBm25[s] += values[k] * weight;
      }
    }

    const found = new Map<number, { score: number; source: SpanSource }>();
    const consider = (skill: number, score: number, source: SpanSource) => {
      const known = found.get(skill);
      if (known === undefined || score > known.score) found.set(skill, { score, source });
    };
    for (const l of touchedLabels) {
      const count = this.labelCount[l];
      const hit = this.labelHit[l];
      this.labelCount[l] = 0;
      this.labelHit[l] = 0;
      const size = this.labelTerms.start[l + 1] - this.labelTerms.start[l];
      const kind =
        this.labelKind[l] === 0 ? w.preferred : this.labelKind[l] === 1 ? w.curated : w.alternative;
      let score: number;
      if (this.labelCaps[l] === 1 && !this.writtenInCapitals(text, tokens, l, positions)) continue;
      if (count === size) {
        score = kind * (this.isPhrase(l, positions) ? w.phrase : w.scattered);
        // Learned weights temper labels made only of filler words.
        const ratio = hit / Math.max(1e-6, this.labelIdf[l]);
        score *= Math.min(1, w.fillerFloor + (1 - w.fillerFloor) * ratio);
      } else {
        const coverage = hit / Math.max(1e-6, this.labelIdf[l]);
        if (coverage < w.partialFrom || count < 2) continue;
        score = kind * w.partial * coverage;
      }
      consider(this.labelSkill[l], score, { skill: this.labelSkill[l], from, to, label: l });
    }
    // Skills only the description matches: kept as plain numbers, and only the best few become
    // candidates (a posting line touches thousands of descriptions through common words).
    const described: number[] = [];
    const describedScore = new Map<number, number>();
    for (const s of touchedSkills) {
      const bm25 = this.skillBm25[s];
      this.skillBm25[s] = 0;
      const add = w.bm25 * (bm25 / (bm25 + w.bm25Half));
      const prior = this.inCollection[s] === 1 ? w.collectionPrior : 0;
      const known = found.get(s);
      if (known !== undefined) known.score += add + prior;
      else if (add > w.bm25 * 0.25) {
        described.push(s);
        describedScore.set(s, add + prior);
      }
    }
    const score = (s: number) => describedScore.get(s) ?? 0;
    described.sort((a, b) => score(b) - score(a) || a - b);
    for (const s of described.slice(0, DESCRIBED_PER_UNIT)) {
      found.set(s, { score: score(s), source: { skill: s, from, to, label: -1 } });
    }
    if (found.size <= CANDIDATES_PER_UNIT) return found;
    const best = [...found.entries()]
      .sort(([a, x], [b, y]) => y.score - x.score || a - b)
      .slice(0, CANDIDATES_PER_UNIT);
    return new Map(best);
  }

  /** An acronym label counts only where the text writes it in capitals ("CALL", not "calls"). */
  private writtenInCapitals(
    text: string,
    tokens: TextToken[],
    label: number,
    positions: Map<number, number[]>,
  ): boolean {
    const at = positions.get(this.labelTerms.cols[this.labelTerms.start[label]]) ?? [];
    return at.some((i) => {
      const word = text.slice(tokens[i].start, tokens[i].end);
      return word === word.toUpperCase();
    });
  }

  /** All label words occur in order, each within PHRASE_GAP words of the previous. */
  private isPhrase(label: number, positions: Map<number, number[]>): boolean {
    const { start, cols } = this.labelTerms;
    const first = positions.get(cols[start[label]]) ?? [];
    outer: for (const p0 of first) {
      let prev = p0;
      for (let k = start[label] + 1; k < start[label + 1]; k += 1) {
        const next = (positions.get(cols[k]) ?? []).find(
          (p) => p > prev && p - prev <= PHRASE_GAP + 1,
        );
        if (next === undefined) continue outer;
        prev = next;
      }
      return true;
    }
    return false;
  }

  /** Where the skill was seen: the words of its label (or of its description) in each sentence. */
  private spansOf(tokens: TextToken[], hits: SpanSource[]): [number, number][] {
    const spans: [number, number][] = [];
    for (const hit of hits) {
      const wanted = new Set<number>();
      const { start, cols } = hit.label >= 0 ? this.labelTerms : this.skillTerms;
      const row = hit.label >= 0 ? hit.label : hit.skill;
      for (let k = start[row]; k < start[row + 1]; k += 1) wanted.add(cols[k]);
      let open: [number, number] | undefined;
      let lastIndex = -10;
      for (let i = hit.from; i < hit.to; i += 1) {
        const t = this.termIds.get(tokens[i].stem);
        const matches = t !== undefined && !STOPWORDS.has(tokens[i].folded) && wanted.has(t);
        if (!matches) continue;
        if (open !== undefined && i - lastIndex <= PHRASE_GAP + 1) open[1] = tokens[i].end;
        else {
          open = [tokens[i].start, tokens[i].end];
          spans.push(open);
        }
        lastIndex = i;
      }
      if (spans.length >= MAX_SPANS) break;
    }
    return spans.slice(0, MAX_SPANS);
  }
}

interface SpanSource {
  skill: number;
  from: number;
  to: number;
  /** The label that matched, or -1 when only the description did. */
  label: number;
}
