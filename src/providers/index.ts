/**
 * @module providers
 * Factories for the index's pluggable parts: the embedder (a trained sentence model run locally by
 * default, corpus-trained LSA when it cannot be had, or an OpenAI-compatible / Ollama model), the vector
 * backend (LangChain's HNSWLib over hnswlib-node), and the optional summary model. Heavy modules load lazily.
 */
import type { Config } from '../config.js';
import type { SummaryModel } from '../core/answer/summary.js';
import type { EmbedderFactory, IndexEmbedder, VectorBackend } from '../core/index/store.js';
import { ollamaChatModel, ollamaEmbedderFactory } from './ollama.js';
import { openAIChatModel, openAIEmbedderFactory } from './openai.js';
import type { RetryOptions } from './retry.js';
import type { Logger } from '../core/logger.js';
import { QuotebotError } from '../core/errors.js';
import { MINILM_INT8, type ModelSpec } from './model/spec.js';
import type { ModelResolution } from './model/fetch.js';

/** Provider settings (the `providers` part of the configuration). */
export type ProviderConfig = Config['providers'];

/**
 * The embedder `EMBEDDINGS` selects: `default` → the pinned trained model ({@link modelEmbedderFactory}),
 * fetched once into the cache, or corpus-trained LSA when it cannot be had (one warning saying why);
 * `lsa` → LSA alone; `openai` / `ollama` → a remote model whose kind (`openai:<model>`, `ollama:<model>`) is
 * recorded in the index manifest, so switching provider or model rebuilds the index.
 * @throws QuotebotError `CONFIG_INVALID` for `openai` with neither an API key nor a base URL.
 */
export async function embedderFactoryFor(
  p: ProviderConfig,
  extra: { retry?: RetryOptions; batchSize?: number; logger?: Logger } = {},
): Promise<EmbedderFactory> {
  switch (p.embeddings) {
    case 'openai':
      return openAIEmbedderFactory({ ...p.openai, model: p.openai.embeddingModel, timeoutMs: p.timeoutMs, ...extra });
    case 'ollama':
      return ollamaEmbedderFactory({ ...p.ollama, model: p.ollama.embeddingModel, timeoutMs: p.timeoutMs, ...extra });
    case 'lsa':
      return lsaEmbedderFactory();
    default: {
      const resolved = await resolveModel(p.model, extra.logger);
      if (resolved.ok) return modelEmbedderFactory(MINILM_INT8, resolved.dir);
      extra.logger?.warn(
        { reasons: resolved.reasons },
        `the retrieval model could not be fetched (${resolved.reasons.join('; ')}): answering with the corpus-trained LSA embedder instead; fix the cause, or set QUOTEBOT_MODEL_DIR, then run \`quotebot index\``,
      );
      return lsaEmbedderFactory();
    }
  }
}

/** Where the default model is, fetching it on first use (never throws). */
export async function resolveModel(model: ProviderConfig['model'], logger?: Logger): Promise<ModelResolution> {
  const { ensureModel } = await import('./model/fetch.js');
  return ensureModel(MINILM_INT8, { cacheDir: model.cacheDir, modelDir: model.dir, python: model.python, hub: model.hub, logger });
}

/** The trained model in `dir` (verified files): nothing to fit, nothing to save but its identity. */
export function modelEmbedderFactory(spec: ModelSpec, dir: string, options: { threads?: number; batchSize?: number } = {}): EmbedderFactory {
  let loaded: Promise<IndexEmbedder> | null = null;
  const load = async () => {
    const { OnnxEmbeddings } = await import('./onnx-embeddings.js');
    return OnnxEmbeddings.load(spec, dir, options);
  };
  return {
    kind: spec.id,
    fit: () => (loaded ??= load()),
    save: () => ({ format: 'model-v1', id: spec.id }),
    async restore(state) {
      if ((state as { id?: string } | null)?.id !== spec.id) {
        throw new QuotebotError('INDEX_UNREADABLE', 'the index was built with another embedding model', { hint: 'rebuild with `quotebot index --force`' });
      }
      return (loaded ??= load());
    },
  };
}

/**
 * The chat model `ANSWER_MODEL` selects, or null for `none`.
 * @throws QuotebotError `CONFIG_INVALID` for `openai` with neither an API key nor a base URL.
 */
export function summaryModelFor(p: ProviderConfig, extra: { retry?: RetryOptions } = {}): SummaryModel | null {
  switch (p.answerModel) {
    case 'openai':
      return openAIChatModel({ ...p.openai, model: p.openai.chatModel, timeoutMs: p.timeoutMs, retry: { retries: 1, ...extra.retry } });
    case 'ollama':
      return ollamaChatModel({ ...p.ollama, model: p.ollama.chatModel, timeoutMs: p.timeoutMs, retry: { retries: 1, ...extra.retry } });
    default:
      return null;
  }
}

/** LSA alone, fitted on the corpus's own passages at index time (tests, and a baseline for the benchmark). */
export function lsaEmbedderFactory(options: { dims?: number } = {}): EmbedderFactory {
  return {
    kind: 'lsa',
    async fit(texts) {
      const { LsaEmbeddings } = await import('./lsa-embeddings.js');
      return LsaEmbeddings.fit(texts, { dims: options.dims ?? 256 });
    },
    save(embedder) {
      return (embedder as unknown as { toJSON(): unknown }).toJSON();
    },
    async restore(state) {
      const { LsaEmbeddings } = await import('./lsa-embeddings.js');
      return LsaEmbeddings.fromJSON(state as never);
    },
  };
}

/** HNSW vectors through LangChain's HNSWLib store, with a raised search `ef`. */
export function hnswVectorBackend(options: { ef?: number } = {}): VectorBackend {
  return {
    async build(embedder, items) {
      const { buildVectorStore } = await import('./vector-store.js');
      return buildVectorStore(embedder as never, items);
    },
    async save(handle, dir) {
      const { saveVectorStore } = await import('./vector-store.js');
      await saveVectorStore(handle as never, dir);
    },
    async load(dir, embedder) {
      const { loadVectorStore } = await import('./vector-store.js');
      return loadVectorStore(dir, embedder as never, { ef: options.ef ?? 200 });
    },
    async search(handle, vector, k) {
      const { searchVectors } = await import('./vector-store.js');
      return searchVectors(handle as never, vector, k);
    },
  };
}

export type { IndexEmbedder };
