/**
 * @module providers/openai
 * OpenAI-compatible endpoints (OpenAI, Azure OpenAI's v1 API, vLLM, llama.cpp server, LM Studio…) through
 * `@langchain/openai`, loaded lazily. LangChain's retries are off: {@link withRetry} owns the policy.
 */
import type { EmbedderFactory } from '../core/index/store.js';
import type { SummaryModel } from '../core/answer/summary.js';
import { QuotebotError } from '../core/errors.js';
import { remoteEmbedderFactory } from './remote-embeddings.js';
import { withRetry, type RetryOptions } from './retry.js';

/** Where and how to reach an OpenAI-compatible endpoint. */
export interface OpenAIOptions {
  /** e.g. `http://127.0.0.1:8000/v1`; empty = OpenAI's own API. */
  baseUrl?: string;
  apiKey?: string;
  model: string;
  timeoutMs: number;
  /** Texts per embeddings request. @defaultValue 64 */
  batchSize?: number;
  retry?: RetryOptions;
}

/** The endpoint as shown in errors: the base URL, or OpenAI's when none is set. */
export const openAIEndpoint = (o: Pick<OpenAIOptions, 'baseUrl'>) => o.baseUrl ?? 'https://api.openai.com/v1';

function apiKey(o: OpenAIOptions): string {
  if (o.apiKey) return o.apiKey;
  if (o.baseUrl) return 'not-needed'; // self-hosted servers usually ignore the key, but the SDK insists on one
  throw new QuotebotError('CONFIG_INVALID', 'OPENAI_API_KEY is empty and no OPENAI_BASE_URL is set', {
    hint: 'set OPENAI_API_KEY for OpenAI, or OPENAI_BASE_URL for a self-hosted OpenAI-compatible server',
  });
}

/** Embedder factory for `EMBEDDINGS=openai`; its kind is `openai:<model>`. */
export function openAIEmbedderFactory(o: OpenAIOptions): EmbedderFactory {
  const key = apiKey(o);
  return remoteEmbedderFactory(
    { provider: 'openai', model: o.model, endpoint: openAIEndpoint(o), timeoutMs: o.timeoutMs, batchSize: o.batchSize, retry: o.retry },
    async () => {
      const { OpenAIEmbeddings } = await import('@langchain/openai');
      return new OpenAIEmbeddings({
        model: o.model,
        apiKey: key,
        configuration: o.baseUrl ? { baseURL: o.baseUrl } : {},
        timeout: o.timeoutMs,
        maxRetries: 0,
        batchSize: Math.max(1, o.batchSize ?? 64),
      });
    },
  );
}

/** Chat model for `ANSWER_MODEL=openai` (chat completions, temperature 0). */
export function openAIChatModel(o: OpenAIOptions): SummaryModel {
  const key = apiKey(o);
  let chat: Promise<import('@langchain/openai').ChatOpenAI> | null = null;
  const load = () =>
    (chat ??= import('@langchain/openai').then(
      ({ ChatOpenAI }) =>
        new ChatOpenAI({
          model: o.model,
          apiKey: key,
          configuration: o.baseUrl ? { baseURL: o.baseUrl } : {},
          timeout: o.timeoutMs,
          maxRetries: 0,
          temperature: 0,
        }),
    ));
  const ctx = { what: `OpenAI-compatible chat (model ${o.model})`, endpoint: openAIEndpoint(o), timeoutMs: o.timeoutMs };
  return {
    name: `openai:${o.model}`,
    async complete({ system, user }) {
      const model = await load();
      const reply = await withRetry(() => model.invoke([{ role: 'system', content: system }, { role: 'user', content: user }]), ctx, o.retry);
      return reply.text;
    },
  };
}
