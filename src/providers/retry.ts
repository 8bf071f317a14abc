/**
 * @module providers/retry
 * One retry policy for every language-model request: retry with exponential backoff on rate limits
 * (429), server errors (5xx) and dropped connections; fail at once on other client errors (400, 401,
 * 404…) and on timeouts (a timed-out request has already spent the whole budget). Every failure leaves
 * as a `QuotebotError('PROVIDER_UNAVAILABLE')` naming the endpoint, with a hint.
 *
 * LangChain's own retries are switched off (`maxRetries: 0`) where this wrapper is used: its policy gives
 * up at once on a 429 without `Retry-After` and its delays are not configurable, so it could not be tested
 * without sleeping for seconds.
 */
import { QuotebotError } from '../core/errors.js';

/** Options of {@link withRetry}; each merges over {@link RETRY_DEFAULTS}. */
export interface RetryOptions {
  /** Retries after the first attempt. @defaultValue 3 */
  retries?: number;
  /** Delay before the first retry, doubled each time (±25% jitter), ms. @defaultValue 500 */
  baseDelayMs?: number;
  /** Longest single delay, including one asked for by `Retry-After`, ms. @defaultValue 8000 */
  maxDelayMs?: number;
  /** Called before each retry (logging). */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

/** Defaults for {@link RetryOptions}. */
export const RETRY_DEFAULTS = { retries: 3, baseDelayMs: 500, maxDelayMs: 8000 } as const;

/** What went wrong with one provider request. */
export type FailureKind = 'timeout' | 'retryable' | 'fatal';

function chain(e: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    out.push(cur as Record<string, unknown>);
    cur = (cur as { cause?: unknown }).cause;
  }
  return out;
}

/** HTTP status carried by an OpenAI SDK (`status`), Ollama (`status_code`) or fetch-style (`response.status`) error. */
export function statusOf(e: unknown): number | undefined {
  for (const x of chain(e)) {
    const s = x.status ?? x.status_code ?? (x.response as { status?: unknown } | undefined)?.status;
    if (typeof s === 'number') return s;
  }
  return undefined;
}

/** Classify a failed request: timeouts, retryable (429, 5xx, connection dropped or refused) or fatal. */
export function classifyFailure(e: unknown): FailureKind {
  const links = chain(e);
  if (links.some((x) => x.name === 'TimeoutError' || /timed? ?out/i.test(String(x.message ?? '')))) return 'timeout';
  const status = statusOf(e);
  if (status !== undefined) return status === 429 || status >= 500 ? 'retryable' : 'fatal';
  if (links.some((x) => typeof x.code === 'string' && /^(ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|EAI_AGAIN|UND_ERR_SOCKET|UND_ERR_CONNECT_TIMEOUT)$/.test(x.code))) {
    return 'retryable';
  }
  // the OpenAI SDK reports refused or dropped connections as APIConnectionError, fetch as TypeError('fetch failed')
  if (links.some((x) => x.name === 'APIConnectionError' || /fetch failed|connection error|socket hang up/i.test(String(x.message ?? '')))) return 'retryable';
  return 'fatal';
}

function retryAfterMs(e: unknown): number | undefined {
  for (const x of chain(e)) {
    const h = x.headers as { get?: (k: string) => string | null } | Record<string, string> | undefined;
    const v = typeof h?.get === 'function' ? h.get('retry-after') : (h as Record<string, string> | undefined)?.['retry-after'];
    if (v != null && v !== '') {
      const s = Number(v);
      if (Number.isFinite(s) && s >= 0) return s * 1000;
    }
  }
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Run `fn`, retrying per {@link RetryOptions}. On final failure throws `PROVIDER_UNAVAILABLE`, whose message
 * names `what` (e.g. "OpenAI embeddings") and `endpoint`, and whose cause is the last error.
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  ctx: { what: string; endpoint: string; timeoutMs: number },
  options: RetryOptions = {},
): Promise<T> {
  const { retries, baseDelayMs, maxDelayMs } = { ...RETRY_DEFAULTS, ...options };
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof QuotebotError) throw error;
      const kind = classifyFailure(error);
      if (kind !== 'retryable' || attempt >= retries) throw providerError(error, kind, ctx, attempt + 1);
      const backoff = baseDelayMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
      const delayMs = Math.min(maxDelayMs, Math.max(backoff, retryAfterMs(error) ?? 0));
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs);
    }
  }
}

function providerError(error: unknown, kind: FailureKind, ctx: { what: string; endpoint: string; timeoutMs: number }, attempts: number): QuotebotError {
  const status = statusOf(error);
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  if (kind === 'timeout') {
    return new QuotebotError('PROVIDER_UNAVAILABLE', `${ctx.what} at ${ctx.endpoint} timed out after ${ctx.timeoutMs} ms`, {
      hint: 'check that the server is up and not overloaded, or raise PROVIDER_TIMEOUT_MS',
      cause: error,
    });
  }
  const detail = status ? `HTTP ${status}` : (error as Error)?.message ?? String(error);
  const hint =
    status === 401 || status === 403
      ? 'check OPENAI_API_KEY (or the key your endpoint expects)'
      : status === 404
        ? 'check the model name (OPENAI_*_MODEL / OLLAMA_*_MODEL; for Ollama: `ollama pull <model>`) and the base URL'
        : status === 429
          ? 'the provider is rate-limiting quotebot: wait, or raise your quota'
          : 'check OPENAI_BASE_URL / OLLAMA_BASE_URL and that the server is reachable';
  return new QuotebotError('PROVIDER_UNAVAILABLE', `${ctx.what} at ${ctx.endpoint} failed${tries}: ${detail}`, { hint, cause: error });
}

/**
 * Run `fn`, rejecting with a `TimeoutError` (classified as a timeout, so never retried) when it has not
 * settled within `timeoutMs`. For clients whose calls take no abort signal: the request itself is left to
 * its client's own timeout, but the caller stops waiting for it.
 */
export function withTimeout<T>(fn: () => Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const e = new Error(`timed out after ${timeoutMs} ms`);
      e.name = 'TimeoutError';
      reject(e);
    }, timeoutMs);
  });
  return Promise.race([Promise.resolve().then(fn), late]).finally(() => clearTimeout(timer));
}

/**
 * A `fetch` that aborts after `timeoutMs` with a `TimeoutError` (for clients without a timeout option,
 * such as the Ollama client). An abort signal passed by the caller still applies.
 */
export function timedFetch(timeoutMs: number): typeof fetch {
  return (input, init = {}) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return fetch(input, { ...init, signal });
  };
}
