/**
 * @module providers/sif-embeddings
 * Sentence embeddings from pre-trained word vectors, by "smooth inverse frequency" (Arora, Liang & Ma,
 * "A Simple but Tough-to-Beat Baseline for Sentence Embeddings", ICLR 2017): a text is the average of its
 * words' vectors, each weighted `a / (a + p(w))` with `p(w)` the word's frequency in the corpus (frequent
 * words count for little), minus the projection on the corpus's first principal component (what every
 * passage shares). Word vectors carry general-English relatedness, so a question can reach a passage it
 * shares no word with ("yearly meetings" → "annual consultations").
 */
import { createHash } from 'node:crypto';
import { Embeddings } from '@langchain/core/embeddings';
import { QuotebotError } from '../core/errors.js';
import { vectorWords, WordVectors, type WordVectorsData } from './word-vectors.js';

/** Persisted form of a fitted model. */
export interface SifModelData {
  format: 'sif-v1';
  id: string;
  a: number;
  total: number;
  /** Corpus word → count. */
  counts: Record<string, number>;
  /** The removed principal component, or null. */
  component: number[] | null;
  vectors: WordVectorsData;
}

/** SIF's smoothing constant `a` (the paper's recommended range is 1e-4..1e-3). */
export const SIF_A = 1e-3;

export class SifEmbeddings extends Embeddings {
  readonly id: string;
  readonly dims: number;

  private constructor(
    private readonly vectors: WordVectors,
    private readonly counts: Map<string, number>,
    private readonly total: number,
    private readonly a: number,
    private readonly component: Float64Array | null,
    id?: string,
  ) {
    super({});
    this.dims = vectors.dims;
    this.id =
      id ??
      `sif:${createHash('sha256')
        .update(JSON.stringify([vectors.source, vectors.size, total, a, component ? [...component] : null]))
        .digest('hex')
        .slice(0, 16)}`;
  }

  /** Fit word weights and the common component on the corpus's passages. */
  static fit(texts: string[], vectors: WordVectors, options: { a?: number } = {}): SifEmbeddings {
    const counts = new Map<string, number>();
    let total = 0;
    for (const t of texts)
      for (const w of vectorWords(t)) {
        counts.set(w, (counts.get(w) ?? 0) + 1);
        total++;
      }
    const model = new SifEmbeddings(vectors, counts, Math.max(1, total), options.a ?? SIF_A, null, 'unfitted');
    const component = firstComponent(texts.map((t) => model.weightedAverage(t)), vectors.dims);
    return new SifEmbeddings(vectors, counts, Math.max(1, total), options.a ?? SIF_A, component);
  }

  private weightedAverage(text: string): Float64Array {
    const out = new Float64Array(this.dims);
    for (const w of vectorWords(text)) {
      const v = this.vectors.get(w);
      if (!v) continue;
      const weight = this.a / (this.a + (this.counts.get(w) ?? 0) / this.total);
      for (let c = 0; c < this.dims; c++) out[c]! += weight * v[c]!;
    }
    return out;
  }

  /** The unit-length SIF embedding of `text` (zeros when no word is known). */
  embedText(text: string): number[] {
    const v = this.weightedAverage(text);
    if (this.component) {
      let d = 0;
      for (let c = 0; c < this.dims; c++) d += v[c]! * this.component[c]!;
      for (let c = 0; c < this.dims; c++) v[c]! -= d * this.component[c]!;
    }
    let norm = 0;
    for (let c = 0; c < this.dims; c++) norm += v[c]! * v[c]!;
    norm = Math.sqrt(norm);
    return Array.from(v, (x) => (norm ? x / norm : 0));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embedText(text);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedText(t));
  }

  toJSON(): SifModelData {
    return {
      format: 'sif-v1',
      id: this.id,
      a: this.a,
      total: this.total,
      counts: Object.fromEntries(this.counts),
      component: this.component ? [...this.component] : null,
      vectors: this.vectors.toJSON(),
    };
  }

  /** @throws QuotebotError `INDEX_UNREADABLE` when `data` is not a saved model. */
  static fromJSON(data: SifModelData): SifEmbeddings {
    if (data?.format !== 'sif-v1') {
      throw new QuotebotError('INDEX_UNREADABLE', 'the saved sentence-embedding model is not in a known format', {
        hint: 'rebuild with `quotebot index --force`',
      });
    }
    return new SifEmbeddings(
      WordVectors.fromJSON(data.vectors),
      new Map(Object.entries(data.counts)),
      data.total,
      data.a,
      data.component ? Float64Array.from(data.component) : null,
      data.id,
    );
  }
}

/** The first principal direction (uncentred) of `rows`, by power iteration; null for no signal. */
function firstComponent(rows: Float64Array[], dims: number): Float64Array | null {
  let v = new Float64Array(dims).fill(1 / Math.sqrt(dims));
  for (let it = 0; it < 50; it++) {
    const next = new Float64Array(dims);
    for (const r of rows) {
      let d = 0;
      for (let c = 0; c < dims; c++) d += r[c]! * v[c]!;
      for (let c = 0; c < dims; c++) next[c]! += d * r[c]!;
    }
    let norm = 0;
    for (let c = 0; c < dims; c++) norm += next[c]! * next[c]!;
    norm = Math.sqrt(norm);
    if (!norm) return null;
    let change = 0;
    for (let c = 0; c < dims; c++) {
      next[c]! /= norm;
      change += Math.abs(next[c]! - v[c]!);
    }
    v = next;
    if (change < 1e-9) break;
  }
  return v;
}
