import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { isQuotebotError } from '../../src/core/errors.js';
import { ollamaEmbedderFactory } from '../../src/providers/ollama.js';
import { openAIEmbedderFactory } from '../../src/providers/openai.js';
import { classifyFailure } from '../../src/providers/retry.js';
import { fakeEmbedding, startFakeOllama, startFakeOpenAI, type FakeServer } from './fake-servers.js';

const fast = { baseDelayMs: 5, maxDelayMs: 20 };
const texts = ['IOM is a related organisation', 'since 2016', 'the UN system', 'migration', 'Geneva', 'mandate', 'constitution'];

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe('OpenAI-compatible embeddings against a local fake server', () => {
  let fake: FakeServer;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.faults.length = 0;
  });
  const factory = (over: { timeoutMs?: number; batchSize?: number; model?: string } = {}) =>
    openAIEmbedderFactory({ baseUrl: `${fake.url}/v1`, model: over.model ?? 'fake-embed', timeoutMs: over.timeoutMs ?? 5000, batchSize: over.batchSize ?? 3, retry: fast });

  it('GIVEN 7 passages and a batch size of 3 THEN it sends 3 requests of 3, 3 and 1 texts and returns the vectors in order', async () => {
    const embedder = await factory().fit(texts);
    const vectors = await embedder.embedDocuments(texts);
    const sizes = fake.requests.map((r) => (r.body.input as string[]).length);
    expect(fake.requests.every((r) => r.path === '/v1/embeddings' && r.body.model === 'fake-embed')).toBe(true);
    expect(sizes).toEqual([3, 3, 1]);
    expect(vectors).toHaveLength(7);
    vectors.forEach((v, i) => fakeEmbedding(texts[i]!).forEach((x, k) => expect(v[k]).toBeCloseTo(x, 5)));
    expect(embedder.dims).toBe(32);
    expect(embedder.id).toBe('openai:fake-embed');
  });

  it('GIVEN the model name THEN the embedder kind names provider and model, and save/restore keep the vector length', async () => {
    const f = factory({ model: 'text-embedding-3-small' });
    expect(f.kind).toBe('openai:text-embedding-3-small');
    const e = await f.fit(texts);
    await e.embedDocuments(texts.slice(0, 1));
    const restored = await f.restore(JSON.parse(JSON.stringify(f.save(e))));
    expect(restored.dims).toBe(32);
    await expect(factory({ model: 'other' }).restore(f.save(e))).rejects.toMatchObject({ code: 'INDEX_UNREADABLE' });
  });

  it('GIVEN a 429 then success THEN the batch is retried and succeeds', async () => {
    fake.faults.push({ status: 429 });
    const embedder = await factory().fit(texts);
    const vectors = await embedder.embedDocuments(texts.slice(0, 2));
    expect(vectors).toHaveLength(2);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]!.body.input).toEqual(fake.requests[1]!.body.input);
  });

  it('GIVEN a 503 on every attempt THEN it gives up after the retries with PROVIDER_UNAVAILABLE naming the endpoint', async () => {
    fake.faults.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    const embedder = await factory().fit(texts);
    const e = await failure(embedder.embedDocuments(texts.slice(0, 1)));
    expect(isQuotebotError(e, 'PROVIDER_UNAVAILABLE')).toBe(true);
    expect((e as Error).message).toContain(`${fake.url}/v1`);
    expect((e as Error).message).toContain('HTTP 503');
    expect(fake.requests).toHaveLength(4);
  });

  it('GIVEN a 401 THEN it fails at once, without retrying, and the hint names the API key', async () => {
    fake.faults.push({ status: 401 });
    const embedder = await factory().fit(texts);
    const e = await failure(embedder.embedDocuments(texts.slice(0, 1)));
    expect(isQuotebotError(e, 'PROVIDER_UNAVAILABLE')).toBe(true);
    expect((e as { hint?: string }).hint).toMatch(/OPENAI_API_KEY/);
    expect(fake.requests).toHaveLength(1);
  });

  it('GIVEN a server that never answers THEN the request times out with a clear error naming the endpoint', async () => {
    fake.faults.push({ hang: true });
    const embedder = await factory({ timeoutMs: 300 }).fit(texts);
    const e = await failure(embedder.embedQuery('mandate'));
    expect(isQuotebotError(e, 'PROVIDER_UNAVAILABLE')).toBe(true);
    expect((e as Error).message).toBe(`openai embeddings (model fake-embed) at ${fake.url}/v1 timed out after 300 ms`);
    expect((e as { hint?: string }).hint).toMatch(/PROVIDER_TIMEOUT_MS/);
    expect(fake.requests).toHaveLength(1); // a timeout is not retried: it has spent the budget
  });

  it('GIVEN no server at the address THEN the connection failure is retried, then reported as PROVIDER_UNAVAILABLE', async () => {
    const gone = await startFakeOpenAI();
    const url = gone.url;
    await gone.close();
    const f = openAIEmbedderFactory({ baseUrl: `${url}/v1`, model: 'm', timeoutMs: 2000, retry: { ...fast, retries: 1 } });
    const e = await failure((await f.fit([])).embedQuery('x'));
    expect(isQuotebotError(e, 'PROVIDER_UNAVAILABLE')).toBe(true);
    expect((e as Error).message).toContain(url);
    expect(classifyFailure((e as Error).cause)).toBe('retryable');
  });

  it('GIVEN OpenAI itself (no base URL) and no API key THEN configuration is refused with a hint', () => {
    expect(() => openAIEmbedderFactory({ model: 'm', timeoutMs: 1000 })).toThrow(/OPENAI_API_KEY/);
  });
});

describe('Ollama embeddings against a local fake server', () => {
  let fake: FakeServer;
  beforeAll(async () => {
    fake = await startFakeOllama();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.faults.length = 0;
  });
  const factory = (timeoutMs = 5000) => ollamaEmbedderFactory({ baseUrl: fake.url, model: 'nomic-embed-text', timeoutMs, batchSize: 4, retry: fast });

  it('GIVEN 7 passages and a batch size of 4 THEN /api/embed is called twice, with 4 and 3 texts', async () => {
    const f = factory();
    expect(f.kind).toBe('ollama:nomic-embed-text');
    const vectors = await (await f.fit(texts)).embedDocuments(texts);
    expect(fake.requests.map((r) => [r.path, (r.body.input as string[]).length])).toEqual([
      ['/api/embed', 4],
      ['/api/embed', 3],
    ]);
    expect(vectors[6]).toEqual(fakeEmbedding(texts[6]!));
  });

  it('GIVEN a 500 then success THEN the request is retried and succeeds', async () => {
    fake.faults.push({ status: 500, body: JSON.stringify({ error: 'model is loading' }) });
    const v = await (await factory().fit([])).embedQuery('Geneva');
    expect(v).toEqual(fakeEmbedding('Geneva'));
    expect(fake.requests).toHaveLength(2);
  });

  it('GIVEN a server that never answers THEN the request times out with an error naming the endpoint', async () => {
    fake.faults.push({ hang: true });
    const e = await failure((await factory(300).fit([])).embedDocuments(['x']));
    expect(isQuotebotError(e, 'PROVIDER_UNAVAILABLE')).toBe(true);
    expect((e as Error).message).toBe(`ollama embeddings (model nomic-embed-text) at ${fake.url} timed out after 300 ms`);
  });
});

describe('a question\'s embedding when the provider is down (short budget, circuit breaker)', () => {
  let fake: FakeServer;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.faults.length = 0;
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const factory = (timeoutMs: number) => openAIEmbedderFactory({ baseUrl: `${fake.url}/v1`, model: 'fake-embed', timeoutMs, retry: fast });
  const timed = async (p: Promise<unknown>) => {
    const t0 = performance.now();
    const e = await failure(p);
    return { e: e as Error, ms: performance.now() - t0 };
  };

  it('GIVEN a hanging endpoint and a 30 s timeout THEN the first question gives up after 5 s and the second fails at once, without a request', async () => {
    fake.faults.push({ hang: true }, { hang: true });
    const embedder = await factory(30_000).fit([]);
    const first = await timed(embedder.embedQuery('mandate'));
    expect(isQuotebotError(first.e, 'PROVIDER_UNAVAILABLE')).toBe(true);
    expect(first.e.message).toBe(`openai embeddings (model fake-embed) at ${fake.url}/v1 timed out after 5000 ms`);
    expect(first.ms).toBeGreaterThan(4_500);
    expect(first.ms).toBeLessThan(10_000);
    const second = await timed(embedder.embedQuery('Geneva'));
    expect(isQuotebotError(second.e, 'PROVIDER_UNAVAILABLE')).toBe(true);
    expect(second.e.message).toMatch(new RegExp(`at ${fake.url}/v1 failed \\d+ s ago; questions skip it for (59|60) s more`));
    expect(second.ms).toBeLessThan(2_000); // well under the 5 s timeout; the request count below is the real proof
    expect(fake.requests).toHaveLength(1);
  }, 20_000);

  it('GIVEN the breaker is open THEN questions fail fast for 60 s, then the provider is tried again and, once it answers, used', async () => {
    vi.useFakeTimers({ toFake: ['Date'] }); // the clock only: sockets and timeouts stay real
    const t0 = new Date('2030-01-01T00:00:00Z').getTime();
    vi.setSystemTime(t0);
    fake.faults.push({ hang: true });
    const embedder = await factory(300).fit([]);
    expect((await timed(embedder.embedQuery('a'))).e.message).toMatch(/timed out after 300 ms/);
    vi.setSystemTime(t0 + 59_000);
    expect((await timed(embedder.embedQuery('b'))).e.message).toMatch(/questions skip it/);
    expect(fake.requests).toHaveLength(1);
    vi.setSystemTime(t0 + 61_000);
    expect(await embedder.embedQuery('Geneva')).toHaveLength(32);
    expect(fake.requests).toHaveLength(2);
    expect(await embedder.embedQuery('mandate')).toHaveLength(32); // closed again
    expect(fake.requests).toHaveLength(3);
  });

  it('GIVEN a failed question THEN indexing still goes to the provider with its full timeout', async () => {
    fake.faults.push({ hang: true });
    const embedder = await factory(300).fit([]);
    await failure(embedder.embedQuery('a'));
    expect(await embedder.embedDocuments(['x', 'y'])).toHaveLength(2);
    expect(fake.requests).toHaveLength(2);
  });
});
