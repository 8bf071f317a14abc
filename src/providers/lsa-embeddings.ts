/**
 * @module providers/lsa-embeddings
 * The default offline embedder: latent semantic analysis (LSA) trained on the corpus's own passages at
 * index time. No network, no API key, and embedding a question costs a few microseconds (a sum of a
 * handful of stored term vectors).
 *
 * The maths, briefly. Each passage becomes a sparse row of the passages × terms matrix `A`: terms are
 * {@link lsaTerms} (stemmed words plus adjacent-word bigrams), weighted by sublinear tf × idf
 * (`(1 + ln tf) · idf`), each row L2-normalised. A truncated SVD `A ≈ U_k Σ_k V_kᵀ` keeps the `k`
 * strongest directions of co-occurrence; terms that appear in the same passages (synonyms, paraphrases)
 * get nearby rows in `V_k`. A new text is "folded in" by projecting its tf-idf vector onto `V_k`.
 *
 * The SVD is randomised (Halko, Martinsson & Tropp 2011, §4.5 randomised power iteration with
 * re-orthonormalisation): a seeded Gaussian test matrix with `p` extra columns, a few power iterations,
 * then an exact eigen-decomposition (ml-matrix) of a small `(k+p) × (k+p)` Gram matrix.
 * `A` is never densified; the only dense matrices are passages × (k+p) and terms × k.
 */
import { createHash } from 'node:crypto';
import { Embeddings } from '@langchain/core/embeddings';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { QuotebotError } from '../core/errors.js';
import { tokenize } from '../core/text/tokenize.js';

/**
 * How a text's tf-idf vector `q` becomes a latent vector (before L2 normalisation):
 * - `'v'`: `q · V_k` — coordinates scaled by singular value, so strong topics dominate;
 * - `'v-sigma-inv'`: `q · V_k · Σ_k⁻¹` — the classic LSI fold-in, every latent direction weighted equally.
 *
 * Measured on the shipped corpus (fit on 3/4 of the paragraphs > 400 chars; for each held-out paragraph,
 * its first half as the query must find its second half among all 471 second halves): `'v'` gives
 * MRR 0.370 / hit@1 0.195 at 256 dims, `'v-sigma-inv'` MRR 0.280 / hit@1 0.110 (128 dims: 0.343 vs 0.282).
 * `Σ⁻¹` inflates the weak, noisy directions, which hurts text the model was not trained on, as questions are.
 * Both are ~perfect on passages seen in training. A unit test re-checks the ordering on a synthetic corpus.
 */
export type LsaFoldIn = 'v' | 'v-sigma-inv';

/** Options for {@link LsaEmbeddings.fit}; each merges over {@link LSA_DEFAULTS}. */
export interface LsaFitOptions {
  /** Latent dimensions requested; the model keeps `min(dims, rank available)`. @defaultValue 256 */
  dims?: number;
  /** Drop terms found in fewer passages than this. @defaultValue 2 */
  minDf?: number;
  /** Drop terms found in more than this fraction of passages (they carry no topic). @defaultValue 0.5 */
  maxDfRatio?: number;
  /** Seed of the Gaussian test matrix: the same corpus and seed give bit-identical vectors. @defaultValue 0x5eed */
  seed?: number;
  /** Extra random directions sampled beyond `dims` (Halko's `p`). @defaultValue 10 */
  oversample?: number;
  /** Power iterations (each one sharpens the spectrum by `σ²`). @defaultValue 2 */
  powerIterations?: number;
  /** Fold-in scaling; see {@link LsaFoldIn}. @defaultValue 'v' */
  foldIn?: LsaFoldIn;
}

/** Defaults for {@link LsaFitOptions}. */
export const LSA_DEFAULTS: Required<LsaFitOptions> = {
  dims: 256,
  minDf: 2,
  maxDfRatio: 0.5,
  seed: 0x5eed,
  oversample: 10,
  powerIterations: 2,
  foldIn: 'v',
};

/** Persisted form of a fitted model (see {@link LsaEmbeddings.toJSON}); Float32 arrays as base64. */
export interface LsaModelData {
  format: 'lsa-v1';
  id: string;
  dims: number;
  foldIn: LsaFoldIn;
  /** Vocabulary terms, in column order of `idf` and rows of `termVectors`. */
  vocabulary: string[];
  /** Float32 idf per vocabulary term, base64. */
  idf: string;
  /** Float32 singular values `σ_1 ≥ … ≥ σ_k`, base64. */
  sigma: string;
  /** Float32 `V_k`, row-major `vocabulary.length × dims`, base64. */
  termVectors: string;
}

/**
 * Terms LSA counts for a text: {@link tokenize}'s stemmed words plus bigrams of adjacent tokens
 * (joined by a space, e.g. `"relat organis"`), so phrases carry more than their words apart.
 */
export function lsaTerms(text: string): string[] {
  const tokens = tokenize(text);
  const out = tokens.slice();
  for (let i = 1; i < tokens.length; i++) out.push(`${tokens[i - 1]} ${tokens[i]}`);
  return out;
}

/**
 * True when every component of `v` is 0: the text had no term the model knows. Such a vector carries
 * no semantic signal; cosine search with it would return arbitrary neighbours, so callers skip it.
 */
export function isZeroVector(v: ArrayLike<number>): boolean {
  for (let i = 0; i < v.length; i++) if (v[i] !== 0) return false;
  return true;
}

/**
 * LangChain `Embeddings` backed by a corpus-trained LSA model. Build one with {@link LsaEmbeddings.fit}
 * at index time, persist it with {@link LsaEmbeddings.toJSON}, reload it with {@link LsaEmbeddings.fromJSON}.
 */
export class LsaEmbeddings extends Embeddings {
  /** `lsa-v1-d<dims>-<hash of vocabulary, idf and factors>`: recorded in the index manifest. */
  readonly id: string;
  /** Number of latent dimensions (length of every vector this model returns). */
  readonly dims: number;
  /** Fold-in scaling used by {@link embedQuery} / {@link embedDocuments}. */
  readonly foldIn: LsaFoldIn;
  private readonly vocabulary: string[];
  private readonly termIndex: Map<string, number>;
  private readonly idf: Float32Array;
  private readonly sigma: Float32Array;
  private readonly termVectors: Float32Array;
  private unitTermVectors?: Float32Array;

  private constructor(m: { id: string; dims: number; foldIn: LsaFoldIn; vocabulary: string[]; idf: Float32Array; sigma: Float32Array; termVectors: Float32Array }) {
    super({});
    this.id = m.id;
    this.dims = m.dims;
    this.foldIn = m.foldIn;
    this.vocabulary = m.vocabulary;
    this.idf = m.idf;
    this.sigma = m.sigma;
    this.termVectors = m.termVectors;
    this.termIndex = new Map(m.vocabulary.map((t, i) => [t, i]));
  }

  /**
   * Train on `texts` (passages): build the sparse tf-idf matrix over {@link lsaTerms} kept by `minDf` /
   * `maxDfRatio`, then keep the top `dims` singular directions of a seeded randomised SVD.
   * Deterministic for a given corpus and options.
   * @throws QuotebotError `BAD_INPUT` when no term survives the document-frequency filters.
   */
  static fit(texts: string[], options: LsaFitOptions = {}): LsaEmbeddings {
    const o = { ...LSA_DEFAULTS, ...options };
    const docs = texts.map(countTerms);
    const { vocabulary, idf } = buildVocabulary(docs, o.minDf, o.maxDfRatio);
    if (vocabulary.length === 0) {
      throw new QuotebotError('BAD_INPUT', `LSA: no term occurs in at least ${o.minDf} of ${texts.length} passages`, {
        hint: 'index more text, or lower minDf',
      });
    }
    const termIndex = new Map(vocabulary.map((t, i) => [t, i]));
    const a = buildCsr(docs, termIndex, idf);
    const { sigma, v, k } = randomizedSvd(a, o.dims, o.oversample, o.powerIterations, o.seed);
    const idf32 = Float32Array.from(idf);
    const id = modelId(k, vocabulary, idf32, sigma, v);
    return new LsaEmbeddings({ id, dims: k, foldIn: o.foldIn, vocabulary, idf: idf32, sigma, termVectors: v });
  }

  /** Rebuild a model saved by {@link toJSON}; embeddings are bit-identical to the original's. */
  static fromJSON(data: LsaModelData): LsaEmbeddings {
    if (data?.format !== 'lsa-v1') {
      throw new QuotebotError('INDEX_UNREADABLE', `unknown LSA model format ${String(data?.format)}`, { hint: 'run npm run index' });
    }
    const idf = decodeF32(data.idf);
    const sigma = decodeF32(data.sigma);
    const termVectors = decodeF32(data.termVectors);
    if (idf.length !== data.vocabulary.length || sigma.length !== data.dims || termVectors.length !== data.vocabulary.length * data.dims) {
      throw new QuotebotError('INDEX_UNREADABLE', 'LSA model arrays do not match its vocabulary and dims', { hint: 'run npm run index' });
    }
    return new LsaEmbeddings({ id: data.id, dims: data.dims, foldIn: data.foldIn, vocabulary: data.vocabulary, idf, sigma, termVectors });
  }

  /** Compact, exact persistence: vocabulary as strings, every numeric array as base64 Float32. */
  toJSON(): LsaModelData {
    return {
      format: 'lsa-v1',
      id: this.id,
      dims: this.dims,
      foldIn: this.foldIn,
      vocabulary: this.vocabulary,
      idf: encodeF32(this.idf),
      sigma: encodeF32(this.sigma),
      termVectors: encodeF32(this.termVectors),
    };
  }

  /** Number of vocabulary terms. */
  get vocabularySize(): number {
    return this.vocabulary.length;
  }

  /**
   * Fold `text` into the latent space: `normalise(tfidf(text) · V_k [· Σ_k⁻¹])`. A text with no known
   * term returns a vector of zeros (see {@link isZeroVector}), never NaN.
   */
  embedText(text: string): number[] {
    const k = this.dims;
    const acc = new Float64Array(k);
    const counts = countTerms(text);
    let any = false;
    for (const [term, tf] of counts) {
      const j = this.termIndex.get(term);
      if (j === undefined) continue;
      any = true;
      const w = (1 + Math.log(tf)) * this.idf[j]!;
      const row = j * k;
      for (let c = 0; c < k; c++) acc[c]! += w * this.termVectors[row + c]!;
    }
    const out = new Array<number>(k).fill(0);
    if (!any) return out;
    if (this.foldIn === 'v-sigma-inv') for (let c = 0; c < k; c++) acc[c]! /= this.sigma[c]!;
    let norm = 0;
    for (let c = 0; c < k; c++) norm += acc[c]! * acc[c]!;
    norm = Math.sqrt(norm);
    if (norm === 0) return out;
    for (let c = 0; c < k; c++) out[c] = acc[c]! / norm;
    return out;
  }

  /** {@link embedText} for a question. */
  async embedQuery(text: string): Promise<number[]> {
    return this.embedText(text);
  }

  /** {@link embedText} for each passage. */
  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedText(t));
  }

  /**
   * The `k` vocabulary terms nearest to `term` in the latent space (cosine between rows of `V_k Σ_k`),
   * for query expansion. `term` may be a vocabulary term (`"organis"`, `"relat organis"`) or a surface
   * word or phrase (`"organisation"`), which is analysed like a query. The term itself and bigrams
   * containing its own tokens are excluded (they add nothing to an expansion). Unknown terms give `[]`.
   */
  similarTerms(term: string, k: number): string[] {
    const own = this.termIndex.has(term) ? term.split(' ') : tokenize(term);
    const key = own.join(' ');
    const j = this.termIndex.get(key);
    if (j === undefined || k <= 0) return [];
    const u = this.unitTerms();
    const d = this.dims;
    const ownTokens = new Set(own);
    const best: { t: number; s: number }[] = [];
    for (let t = 0; t < this.vocabulary.length; t++) {
      if (t === j) continue;
      let s = 0;
      for (let c = 0; c < d; c++) s += u[j * d + c]! * u[t * d + c]!;
      if (best.length === k && s <= best[k - 1]!.s) continue;
      if (this.vocabulary[t]!.split(' ').some((w) => ownTokens.has(w))) continue;
      best.push({ t, s });
      best.sort((x, y) => y.s - x.s);
      if (best.length > k) best.pop();
    }
    return best.map((b) => this.vocabulary[b.t]!);
  }

  private unitTerms(): Float32Array {
    if (this.unitTermVectors) return this.unitTermVectors;
    const d = this.dims;
    const u = new Float32Array(this.termVectors.length);
    for (let t = 0; t < this.vocabulary.length; t++) {
      let norm = 0;
      for (let c = 0; c < d; c++) {
        const x = this.termVectors[t * d + c]! * this.sigma[c]!;
        u[t * d + c] = x;
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      if (norm > 0) for (let c = 0; c < d; c++) u[t * d + c]! /= norm;
    }
    this.unitTermVectors = u;
    return u;
  }
}

// ---------------------------------------------------------------------------------------------------
// Term statistics and the sparse matrix

function countTerms(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of lsaTerms(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

function buildVocabulary(docs: Map<string, number>[], minDf: number, maxDfRatio: number): { vocabulary: string[]; idf: number[] } {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const maxDf = Math.max(minDf, Math.floor(maxDfRatio * n));
  // Sorted so the vocabulary (and hence the model) does not depend on Map insertion order.
  const vocabulary = [...df].filter(([, f]) => f >= minDf && f <= maxDf).map(([t]) => t).sort();
  const idf = vocabulary.map((t) => Math.log((1 + n) / (1 + df.get(t)!)) + 1);
  return { vocabulary, idf };
}

/** Compressed sparse rows: row `i` holds columns `idx[ptr[i] .. ptr[i+1])` with values `val[…]`. */
interface Csr {
  rows: number;
  cols: number;
  ptr: Int32Array;
  idx: Int32Array;
  val: Float64Array;
}

function buildCsr(docs: Map<string, number>[], termIndex: Map<string, number>, idf: number[]): Csr {
  const ptr = new Int32Array(docs.length + 1);
  const idx: number[] = [];
  const val: number[] = [];
  docs.forEach((d, i) => {
    const start = idx.length;
    let norm = 0;
    for (const [t, tf] of d) {
      const j = termIndex.get(t);
      if (j === undefined) continue;
      const w = (1 + Math.log(tf)) * idf[j]!;
      idx.push(j);
      val.push(w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let p = start; p < val.length; p++) val[p]! /= norm;
    ptr[i + 1] = idx.length;
  });
  return { rows: docs.length, cols: termIndex.size, ptr, idx: Int32Array.from(idx), val: Float64Array.from(val) };
}

/** `A · X` for row-major dense `X` (`a.cols × l`) → row-major `a.rows × l`. */
function mulA(a: Csr, x: Float64Array, l: number): Float64Array {
  const y = new Float64Array(a.rows * l);
  for (let i = 0; i < a.rows; i++) {
    const yo = i * l;
    for (let p = a.ptr[i]!; p < a.ptr[i + 1]!; p++) {
      const v = a.val[p]!;
      const xo = a.idx[p]! * l;
      for (let c = 0; c < l; c++) y[yo + c]! += v * x[xo + c]!;
    }
  }
  return y;
}

/** `Aᵀ · Y` for row-major dense `Y` (`a.rows × l`) → row-major `a.cols × l`. */
function mulAt(a: Csr, y: Float64Array, l: number): Float64Array {
  const z = new Float64Array(a.cols * l);
  for (let i = 0; i < a.rows; i++) {
    const yo = i * l;
    for (let p = a.ptr[i]!; p < a.ptr[i + 1]!; p++) {
      const v = a.val[p]!;
      const zo = a.idx[p]! * l;
      for (let c = 0; c < l; c++) z[zo + c]! += v * y[yo + c]!;
    }
  }
  return z;
}

// ---------------------------------------------------------------------------------------------------
// Randomised SVD

/**
 * Top-`dims` right singular vectors and values of `a`. Range finder on the passage side (the small one):
 * `Y = A Ω`, then `Y ← A Aᵀ Q` per power iteration, re-orthonormalising each time. Then the small
 * symmetric `G = Qᵀ A Aᵀ Q = (Aᵀ Q)ᵀ (Aᵀ Q)` is eigen-decomposed, `G = W Λ Wᵀ`, so `σ = √λ` and
 * `V = Aᵀ Q W Σ⁻¹` — computed as `Aᵀ (Q W Σ⁻¹)` to stay sparse.
 */
function randomizedSvd(a: Csr, dims: number, oversample: number, powerIterations: number, seed: number): { sigma: Float32Array; v: Float32Array; k: number } {
  const l = Math.max(1, Math.min(dims + oversample, a.rows, a.cols));
  const omega = gaussian(a.cols * l, seed);
  let q = orthonormalise(mulA(a, omega, l), a.rows, l);
  for (let it = 0; it < powerIterations; it++) q = orthonormalise(mulA(a, mulAt(a, q, l), l), a.rows, l);
  // G = Qᵀ A (Aᵀ Q): costs nnz·l + rows·l², where (AᵀQ)ᵀ(AᵀQ) would cost cols·l² (cols ≫ rows).
  const g = crossProduct(q, mulA(a, mulAt(a, q, l), l), a.rows, l);
  const eig = new EigenvalueDecomposition(new Matrix(g), { assumeSymmetric: true });
  const lambda = eig.realEigenvalues; // ascending
  const w = eig.eigenvectorMatrix;
  const order = lambda.map((_, i) => i).sort((x, y) => lambda[y]! - lambda[x]!);
  const top = Math.max(lambda[order[0]!]!, 0);
  // Directions with σ ≈ 0 are numerical noise (rank of A smaller than requested): drop them.
  const kept = order.filter((i) => lambda[i]! > top * 1e-12 && lambda[i]! > 0).slice(0, dims);
  const k = kept.length;
  if (k === 0) throw new QuotebotError('BAD_INPUT', 'LSA: the term matrix has rank 0', { hint: 'index more text' });
  const sigma = new Float32Array(k);
  const qw = new Float64Array(a.rows * k); // Q W_k Σ_k⁻¹, rows × k
  kept.forEach((e, c) => {
    const s = Math.sqrt(lambda[e]!);
    sigma[c] = s;
    const we = w.getColumn(e);
    for (let i = 0; i < a.rows; i++) {
      let sum = 0;
      for (let r = 0; r < l; r++) sum += q[i * l + r]! * we[r]!;
      qw[i * k + c] = sum / s;
    }
  });
  const v64 = mulAt(a, qw, k);
  fixSigns(v64, a.cols, k);
  return { sigma, v: Float32Array.from(v64), k };
}

/** Seeded standard normals (mulberry32 + Box–Muller), row-major. */
function gaussian(size: number, seed: number): Float64Array {
  let s = seed >>> 0;
  const next = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float64Array(size);
  for (let i = 0; i < size; i += 2) {
    const u1 = next() || 1 / 4294967296;
    const u2 = next();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < size) out[i + 1] = r * Math.sin(2 * Math.PI * u2);
  }
  return out;
}

/**
 * Orthonormal basis of the columns of row-major `y` (`n × l`), by classical Gram–Schmidt applied twice
 * ("CGS2", as stable as Householder for this use). ml-matrix's `QrDecomposition` would do, but measured
 * 6.4 s for one 4,000 × 266 factorisation here; this takes a fraction of a second. Columns that are
 * (numerically) dependent on earlier ones become zero; their eigenvalue is then 0 and they are dropped.
 */
function orthonormalise(y: Float64Array, n: number, l: number): Float64Array {
  const cols: Float64Array[] = [];
  for (let c = 0; c < l; c++) {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = y[i * l + c]!;
    const before = Math.sqrt(dot(col, col));
    for (let pass = 0; pass < 2; pass++) {
      for (const b of cols) {
        const d = dot(col, b);
        if (d !== 0) for (let i = 0; i < n; i++) col[i]! -= d * b[i]!;
      }
    }
    const norm = Math.sqrt(dot(col, col));
    if (norm > before * 1e-10 && norm > 0) for (let i = 0; i < n; i++) col[i]! /= norm;
    else col.fill(0);
    cols.push(col);
  }
  const q = new Float64Array(n * l);
  cols.forEach((col, c) => {
    for (let i = 0; i < n; i++) q[i * l + c] = col[i]!;
  });
  return q;
}

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}

/** Symmetrised `Xᵀ Y` of row-major `x`, `y` (both `n × l`), as an array of rows. */
function crossProduct(x: Float64Array, y: Float64Array, n: number, l: number): number[][] {
  const g = new Float64Array(l * l);
  for (let i = 0; i < n; i++) {
    const o = i * l;
    for (let r = 0; r < l; r++) {
      const xr = x[o + r]!;
      if (xr === 0) continue;
      for (let c = 0; c < l; c++) g[r * l + c]! += xr * y[o + c]!;
    }
  }
  const rows: number[][] = [];
  for (let r = 0; r < l; r++) {
    const row = new Array<number>(l);
    for (let c = 0; c < l; c++) row[c] = (g[r * l + c]! + g[c * l + r]!) / 2;
    rows.push(row);
  }
  return rows;
}

/** Singular vectors are defined up to sign; make each column's largest entry positive, for stable output. */
function fixSigns(v: Float64Array, m: number, k: number): void {
  for (let c = 0; c < k; c++) {
    let best = 0;
    for (let t = 0; t < m; t++) if (Math.abs(v[t * k + c]!) > Math.abs(best)) best = v[t * k + c]!;
    if (best < 0) for (let t = 0; t < m; t++) v[t * k + c] = -v[t * k + c]!;
  }
}

// ---------------------------------------------------------------------------------------------------
// Persistence helpers

function modelId(k: number, vocabulary: string[], idf: Float32Array, sigma: Float32Array, v: Float32Array): string {
  const h = createHash('sha256');
  h.update(`d${k}\n`);
  h.update(vocabulary.join('\n'));
  for (const arr of [idf, sigma, v]) h.update(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
  return `lsa-v1-d${k}-${h.digest('hex').slice(0, 12)}`;
}

function encodeF32(a: Float32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function decodeF32(b64: string): Float32Array {
  const buf = Buffer.from(b64, 'base64');
  if (buf.byteLength % 4 !== 0) {
    throw new QuotebotError('INDEX_UNREADABLE', 'LSA model array is not a whole number of Float32 values', { hint: 'run npm run index' });
  }
  // Large decodes get their own aligned ArrayBuffer: view it. Small ones may sit in Node's pool at an odd offset: copy.
  if (buf.byteOffset % 4 === 0) return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const out = new Float32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}
