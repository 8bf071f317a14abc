/**
 * @module providers
 * Factories for the index's pluggable parts: the embedder (corpus-trained LSA by default, or an
 * OpenAI-compatible / Ollama model) and the vector backend (LangChain's HNSWLib over hnswlib-node), and
 * the optional summary model. Heavy modules load lazily.
 */
import type { Config } from '../config.js';
import type { SummaryModel } from '../core/answer/summary.js';
import type { EmbedderFactory, IndexEmbedder, VectorBackend } from '../core/index/store.js';
import { ollamaChatModel, ollamaEmbedderFactory } from './ollama.js';
import { openAIChatModel, openAIEmbedderFactory } from './openai.js';
import type { RetryOptions } from './retry.js';

/** Provider settings (the `providers` part of the configuration). */
export type ProviderConfig = Config['providers'];

/**
 * The embedder `EMBEDDINGS` selects: `default` → {@link lsaEmbedderFactory}, `openai` / `ollama` → a remote
 * model whose kind (`openai:<model>`, `ollama:<model>`) is recorded in the index manifest, so switching
 * provider or model rebuilds the index.
 * @throws QuotebotError `CONFIG_INVALID` for `openai` with neither an API key nor a base URL.
 */
export function embedderFactoryFor(p: ProviderConfig, extra: { retry?: RetryOptions; batchSize?: number } = {}): EmbedderFactory {
  switch (p.embeddings) {
    case 'openai':
      return openAIEmbedderFactory({ ...p.openai, model: p.openai.embeddingModel, timeoutMs: p.timeoutMs, ...extra });
    case 'ollama':
      return ollamaEmbedderFactory({ ...p.ollama, model: p.ollama.embeddingModel, timeoutMs: p.timeoutMs, ...extra });
    default:
      return lsaEmbedderFactory();
  }
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

/** The default, offline embedder: LSA fitted on the corpus's own passages at index time. */
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
