/**
 * @module providers/ollama
 * An Ollama server through `@langchain/ollama`, loaded lazily. The Ollama client has no timeout option,
 * so requests go through a {@link timedFetch}; {@link withRetry} owns the retry policy.
 */
import type { EmbedderFactory } from '../core/index/store.js';
import type { SummaryModel } from '../core/answer/summary.js';
import { remoteEmbedderFactory } from './remote-embeddings.js';
import { timedFetch, withRetry, type RetryOptions } from './retry.js';

/** Where and how to reach an Ollama server. */
export interface OllamaOptions {
  /** e.g. `http://127.0.0.1:11434`. */
  baseUrl: string;
  model: string;
  timeoutMs: number;
  /** Texts per `/api/embed` request. @defaultValue 64 */
  batchSize?: number;
  retry?: RetryOptions;
}

/** Embedder factory for `EMBEDDINGS=ollama`; its kind is `ollama:<model>`. */
export function ollamaEmbedderFactory(o: OllamaOptions): EmbedderFactory {
  return remoteEmbedderFactory(
    { provider: 'ollama', model: o.model, endpoint: o.baseUrl, timeoutMs: o.timeoutMs, batchSize: o.batchSize, retry: o.retry },
    async () => {
      const { OllamaEmbeddings } = await import('@langchain/ollama');
      return new OllamaEmbeddings({ model: o.model, baseUrl: o.baseUrl, fetch: timedFetch(o.timeoutMs), maxRetries: 0 });
    },
  );
}

/** Chat model for `ANSWER_MODEL=ollama` (temperature 0). */
export function ollamaChatModel(o: OllamaOptions): SummaryModel {
  let chat: Promise<import('@langchain/ollama').ChatOllama> | null = null;
  const load = () =>
    (chat ??= import('@langchain/ollama').then(
      ({ ChatOllama }) => new ChatOllama({ model: o.model, baseUrl: o.baseUrl, fetch: timedFetch(o.timeoutMs), maxRetries: 0, temperature: 0, format: 'json' }),
    ));
  const ctx = { what: `Ollama chat (model ${o.model})`, endpoint: o.baseUrl, timeoutMs: o.timeoutMs };
  return {
    name: `ollama:${o.model}`,
    async complete({ system, user }) {
      const model = await load();
      const reply = await withRetry(() => model.invoke([{ role: 'system', content: system }, { role: 'user', content: user }]), ctx, o.retry);
      return reply.text;
    },
  };
}
