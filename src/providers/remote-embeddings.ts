/**
 * @module providers/remote-embeddings
 * An {@link IndexEmbedder} over a LangChain embeddings client (OpenAI-compatible or Ollama): requests are
 * batched (sequentially, so a large corpus never floods the server), retried with backoff on 429/5xx and
 * bounded by a timeout; any failure is a `PROVIDER_UNAVAILABLE` error naming the endpoint.
 * The vector length is learnt from the first reply and checked on every later one.
 *
 * A question's embedding is different: a user is waiting and lexical retrieval is the fallback, so it
 * waits at most {@link QUERY_TIMEOUT_CAP_MS} (or the configured timeout, if shorter), and after a failure
 * questions skip the provider altogether for {@link QUERY_BREAKER_MS} (a circuit breaker; the first
 * question after that tries again). Indexing (`embedDocuments`) keeps the full timeout and is never skipped.
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { QuotebotError } from '../core/errors.js';
import type { EmbedderFactory, IndexEmbedder } from '../core/index/store.js';
import { withRetry, withTimeout, type RetryOptions } from './retry.js';

/** Longest wait for a question's embedding (all attempts), ms, unless the configured timeout is shorter. */
export const QUERY_TIMEOUT_CAP_MS = 5_000;
/** After a question's embedding fails, later questions skip the provider for this long, ms. */
export const QUERY_BREAKER_MS = 60_000;

/** Identity and transport settings of a remote embedder. */
export interface RemoteEmbeddingsOptions {
  /** Provider name, e.g. `openai` or `ollama`; with the model it forms the embedder's kind. */
  provider: string;
  model: string;
  /** Shown in errors and logs. */
  endpoint: string;
  timeoutMs: number;
  /** Texts per request. @defaultValue 64 */
  batchSize?: number;
  retry?: RetryOptions;
  /** Retries for a question's embedding: a user is waiting, and lexical retrieval is the fallback. @defaultValue 1 */
  queryRetries?: number;
  /** Budget for a question's embedding, retries included, ms. @defaultValue min(timeoutMs, {@link QUERY_TIMEOUT_CAP_MS}) */
  queryTimeoutMs?: number;
  /** How long questions skip the provider after a failed question embedding, ms. @defaultValue {@link QUERY_BREAKER_MS} */
  breakerMs?: number;
  /** Known vector length (restored from the index); learnt from the first reply otherwise. */
  dims?: number;
}

/** Persisted state of a remote embedder (it has no model of its own, only its identity). */
export interface RemoteEmbedderState {
  provider: string;
  model: string;
  dims: number;
}

/** The provider-prefixed kind recorded in the manifest: a different provider or model forces a rebuild. */
export const remoteKind = (provider: string, model: string) => `${provider}:${model}`;

/** Wraps a LangChain embeddings client as an index embedder. */
export class RemoteEmbeddings implements IndexEmbedder {
  readonly id: string;
  private knownDims: number;
  /** Circuit breaker for questions: `Date.now()` before which they fail fast, and why. */
  private skipUntil = 0;
  private lastFailure: { at: number; error: unknown } | undefined;

  constructor(
    private readonly client: EmbeddingsInterface,
    private readonly options: RemoteEmbeddingsOptions,
  ) {
    this.id = remoteKind(options.provider, options.model);
    this.knownDims = options.dims ?? 0;
  }

  /** Vector length; 0 until the first reply when not restored. */
  get dims(): number {
    return this.knownDims;
  }

  private what(kind: string) {
    return { what: `${this.options.provider} ${kind} (model ${this.options.model})`, endpoint: this.options.endpoint, timeoutMs: this.options.timeoutMs };
  }

  private check(vectors: number[][], expected: number): number[][] {
    if (vectors.length !== expected) {
      throw new QuotebotError('PROVIDER_UNAVAILABLE', `${this.id} at ${this.options.endpoint} returned ${vectors.length} vectors for ${expected} texts`, {
        hint: 'check that the endpoint implements the embeddings API',
      });
    }
    for (const v of vectors) {
      if (!Array.isArray(v) || !v.length) {
        throw new QuotebotError('PROVIDER_UNAVAILABLE', `${this.id} at ${this.options.endpoint} returned an empty vector`, {
          hint: 'check the embedding model name',
        });
      }
      if (!this.knownDims) this.knownDims = v.length;
      if (v.length !== this.knownDims) {
        throw new QuotebotError('PROVIDER_UNAVAILABLE', `${this.id} returned vectors of length ${v.length}, the index holds ${this.knownDims}`, {
          hint: 'the model behind this name changed: run `npx quotebot index --force`',
        });
      }
    }
    return vectors;
  }

  /** Embed passages in sequential batches of `batchSize`. */
  async embedDocuments(texts: string[]): Promise<number[][]> {
    const size = Math.max(1, this.options.batchSize ?? 64);
    const out: number[][] = [];
    for (let i = 0; i < texts.length; i += size) {
      const chunk = texts.slice(i, i + size);
      const vectors = await withRetry(() => this.client.embedDocuments(chunk), this.what('embeddings'), this.options.retry);
      out.push(...this.check(vectors, chunk.length));
    }
    return out;
  }

  /**
   * Embed a question: fewer retries and a short budget (the caller falls back to lexical retrieval), and
   * fail fast, without a request, while the circuit breaker is open after a recent failure.
   */
  async embedQuery(text: string): Promise<number[]> {
    const now = Date.now();
    if (now < this.skipUntil && this.lastFailure) {
      const ago = Math.round((now - this.lastFailure.at) / 1000);
      const left = Math.ceil((this.skipUntil - now) / 1000);
      throw new QuotebotError(
        'PROVIDER_UNAVAILABLE',
        `${this.what('embeddings').what} at ${this.options.endpoint} failed ${ago} s ago; questions skip it for ${left} s more`,
        { hint: 'check that the server is up; questions are answered from the lexical index meanwhile', cause: this.lastFailure.error },
      );
    }
    const budgetMs = Math.max(1, this.options.queryTimeoutMs ?? Math.min(this.options.timeoutMs, QUERY_TIMEOUT_CAP_MS));
    const deadline = now + budgetMs;
    const retry = { ...this.options.retry, retries: this.options.queryRetries ?? 1 };
    try {
      const v = await withRetry(
        () => withTimeout(() => this.client.embedQuery(text), Math.max(1, deadline - Date.now())),
        { ...this.what('embeddings'), timeoutMs: budgetMs },
        retry,
      );
      const out = this.check([v], 1)[0]!;
      this.skipUntil = 0;
      return out;
    } catch (error) {
      this.lastFailure = { at: Date.now(), error };
      this.skipUntil = this.lastFailure.at + (this.options.breakerMs ?? QUERY_BREAKER_MS);
      throw error;
    }
  }
}

/** An {@link EmbedderFactory} for a remote model: nothing to fit, only its identity and vector length to save. */
export function remoteEmbedderFactory(
  options: Omit<RemoteEmbeddingsOptions, 'dims'>,
  client: () => Promise<EmbeddingsInterface>,
): EmbedderFactory {
  return {
    kind: remoteKind(options.provider, options.model),
    async fit() {
      return new RemoteEmbeddings(await client(), options);
    },
    save(embedder): RemoteEmbedderState {
      return { provider: options.provider, model: options.model, dims: embedder.dims };
    },
    async restore(state) {
      const s = state as Partial<RemoteEmbedderState> | null;
      if (!s || s.provider !== options.provider || s.model !== options.model || typeof s.dims !== 'number') {
        throw new QuotebotError('INDEX_UNREADABLE', `the index was built with another embedder than ${remoteKind(options.provider, options.model)}`, {
          hint: 'run `npx quotebot index --force`',
        });
      }
      return new RemoteEmbeddings(await client(), { ...options, dims: s.dims });
    },
  };
}
