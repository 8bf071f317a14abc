/**
 * @module providers/onnx-embeddings
 * A trained sentence-embedding model (a BERT-style encoder exported to ONNX) run locally through ONNX
 * Runtime, behind LangChain's `Embeddings` interface: WordPiece tokens in, mean-pooled and L2-normalised
 * vectors out, exactly as sentence-transformers computes them. No network at question time.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Embeddings } from '@langchain/core/embeddings';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { QuotebotError } from '../core/errors.js';
import type { ModelSpec } from './model/spec.js';

export interface OnnxEmbeddingsOptions {
  /**
   * Texts per model call; texts are sorted by length first so a batch pads little. @defaultValue 16 (measured on
   * the shipped corpus: a full build in 48 s at 1.0 GB peak, against 55 s and 1.9 GB at 32 with the memory arena)
   */
  batchSize?: number;
  /** ONNX Runtime threads. @defaultValue 2 (the machines this runs on have two cores) */
  threads?: number;
}

interface Encoder {
  encode(text: string): { ids: number[] };
}

/** Sentence embeddings from a local ONNX model. */
export class OnnxEmbeddings extends Embeddings {
  readonly id: string;
  readonly dims: number;
  readonly #session: InferenceSession;
  readonly #tokenizer: Encoder;
  readonly #ort: typeof import('onnxruntime-node');
  readonly #maxTokens: number;
  readonly #batchSize: number;

  private constructor(spec: ModelSpec, session: InferenceSession, tokenizer: Encoder, ort: typeof import('onnxruntime-node'), options: OnnxEmbeddingsOptions) {
    super({});
    this.id = spec.id;
    this.dims = spec.dims;
    this.#session = session;
    this.#tokenizer = tokenizer;
    this.#ort = ort;
    this.#maxTokens = spec.maxTokens;
    this.#batchSize = options.batchSize ?? 16;
  }

  /** Load the model whose verified files are in `dir`. */
  static async load(spec: ModelSpec, dir: string, options: OnnxEmbeddingsOptions = {}): Promise<OnnxEmbeddings> {
    let ort: typeof import('onnxruntime-node');
    let Tokenizer: typeof import('@huggingface/tokenizers').Tokenizer;
    try {
      ort = (await import('onnxruntime-node')).default ?? (await import('onnxruntime-node'));
      ({ Tokenizer } = await import('@huggingface/tokenizers'));
    } catch (cause) {
      throw new QuotebotError('CONFIG_INVALID', 'ONNX Runtime or the tokenizer library is not installed', { hint: 'run `npm install`', cause });
    }
    const [tokenizerJson, tokenizerConfig] = await Promise.all(
      ['tokenizer.json', 'tokenizer_config.json'].map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as object),
    );
    const tokenizer = new Tokenizer(tokenizerJson!, tokenizerConfig!) as unknown as Encoder;
    const threads = options.threads ?? 2;
    const session = await ort.InferenceSession.create(join(dir, 'model.onnx'), {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      // every batch has another shape: an arena would keep the largest block of each, for good
      enableCpuMemArena: false,
    });
    return new OnnxEmbeddings(spec, session, tokenizer, ort, options);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const encoded = texts.map((t) => this.#encode(t));
    const order = encoded.map((_, i) => i).sort((a, b) => encoded[a]!.length - encoded[b]!.length);
    const out: number[][] = new Array(texts.length);
    for (let i = 0; i < order.length; i += this.#batchSize) {
      const batch = order.slice(i, i + this.#batchSize);
      const vectors = await this.#run(batch.map((k) => encoded[k]!));
      batch.forEach((k, j) => (out[k] = vectors[j]!));
    }
    return out;
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.#run([this.#encode(text)]))[0]!;
  }

  #encode(text: string): number[] {
    const ids = this.#tokenizer.encode(text.replace(/\s+/g, ' ').trim()).ids;
    if (ids.length <= this.#maxTokens) return ids;
    // keep [CLS] … [SEP]: the model was trained on inputs that end with the separator
    return [...ids.slice(0, this.#maxTokens - 1), ids.at(-1)!];
  }

  /** One padded batch through the model; mean pooling over real tokens, then L2 normalisation. */
  async #run(batch: number[][]): Promise<number[][]> {
    const ort = this.#ort;
    const rows = batch.length;
    const len = Math.max(1, ...batch.map((b) => b.length));
    const ids = new BigInt64Array(rows * len);
    const mask = new BigInt64Array(rows * len);
    batch.forEach((b, r) => b.forEach((id, c) => ((ids[r * len + c] = BigInt(id)), (mask[r * len + c] = 1n))));
    const feeds: Record<string, Tensor> = {
      input_ids: new ort.Tensor('int64', ids, [rows, len]),
      attention_mask: new ort.Tensor('int64', mask, [rows, len]),
    };
    if (this.#session.inputNames.includes('token_type_ids')) feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(rows * len), [rows, len]);
    const result = await this.#session.run(feeds);
    const hidden = result[this.#session.outputNames[0]!]!;
    const data = hidden.data as Float32Array;
    const dims = hidden.dims[2]!;
    return batch.map((b, r) => meanPool(data, r * len * dims, b.length, dims));
  }
}

/** Mean of the first `tokens` rows of a `len × dims` block at `offset`, L2-normalised. */
export function meanPool(data: Float32Array, offset: number, tokens: number, dims: number): number[] {
  const v = new Float64Array(dims);
  for (let t = 0; t < tokens; t++) for (let d = 0; d < dims; d++) v[d]! += data[offset + t * dims + d]!;
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += v[d]! * v[d]!;
  norm = Math.sqrt(norm) || 1;
  return Array.from(v, (x) => x / norm);
}
