/**
 * Remote embedders and the on-disk index: the manifest records provider and model, a switch rebuilds and
 * says so, and an embedding server that is down at question time costs vector search, not the answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { embeddingUnits, ensureIndex, readManifest } from '../../src/core/index/store.js';
import { indexOptions, openCore } from '../../src/compose.js';
import { captureLogger, startFakeOllama, startFakeOpenAI, type FakeServer } from './fake-servers.js';
import { configFor, tempProject } from './corpus.js';

describe('switching embedders', () => {
  let dir: string;
  let openai: FakeServer;
  let ollama: FakeServer;
  beforeAll(async () => {
    dir = tempProject();
    [openai, ollama] = await Promise.all([startFakeOpenAI(), startFakeOllama()]);
  });
  afterAll(async () => {
    await Promise.all([openai.close(), ollama.close()]);
    rmSync(dir, { recursive: true, force: true });
  });
  const openaiEnv = (model: string) => ({ EMBEDDINGS: 'openai', OPENAI_BASE_URL: `${openai.url}/v1`, OPENAI_EMBEDDING_MODEL: model });
  const build = async (env: Record<string, string>) => {
    const log = captureLogger();
    const config = configFor(dir, env);
    const index = await ensureIndex(await indexOptions(config, log.logger));
    return { index, msgs: log.records.map((r) => r.msg), manifest: await readManifest(config.dataDir) };
  };

  it('GIVEN EMBEDDINGS=openai THEN the index is embedded by the server and the manifest records openai:<model>', async () => {
    const { index, msgs, manifest } = await build(openaiEnv('embed-a'));
    expect(msgs).toContain('building the index: no index yet');
    expect(manifest?.embedder).toMatchObject({ kind: 'openai:embed-a', id: 'openai:embed-a', dims: 32 });
    const embedded = openai.requests.filter((r) => r.path === '/v1/embeddings').flatMap((r) => r.body.input as string[]);
    expect(embedded.length).toBe(embeddingUnits(index.passages).length); // one unit per sentence
  });

  it('GIVEN nothing changed THEN the index is reused without embedding again', async () => {
    const before = openai.requests.length;
    const { msgs } = await build(openaiEnv('embed-a'));
    expect(msgs.some((m) => m.startsWith('building the index'))).toBe(false);
    expect(openai.requests.length).toBe(before);
  });

  it('GIVEN another model of the same provider THEN the index is rebuilt and the log says why', async () => {
    const { msgs, manifest } = await build(openaiEnv('embed-b'));
    expect(msgs).toContain('building the index: embedder changed (openai:embed-a → openai:embed-b)');
    expect(manifest?.embedder.kind).toBe('openai:embed-b');
    expect(openai.requests.at(-1)!.body.model).toBe('embed-b');
  });

  it('GIVEN a switch to Ollama and back to the built-in LSA THEN each switch rebuilds', async () => {
    const toOllama = await build({ EMBEDDINGS: 'ollama', OLLAMA_BASE_URL: ollama.url, OLLAMA_EMBEDDING_MODEL: 'nomic-embed-text' });
    expect(toOllama.msgs).toContain('building the index: embedder changed (openai:embed-b → ollama:nomic-embed-text)');
    expect(ollama.requests.some((r) => r.path === '/api/embed')).toBe(true);
    const back = await build({ EMBEDDINGS: 'lsa' });
    expect(back.msgs).toContain('building the index: embedder changed (ollama:nomic-embed-text → lsa)');
  });

  it('GIVEN the embedding server goes down after indexing THEN questions are answered lexically and the log says so', async () => {
    const own = await startFakeOpenAI();
    const env = { EMBEDDINGS: 'openai', OPENAI_BASE_URL: `${own.url}/v1`, OPENAI_EMBEDDING_MODEL: 'embed-c', PROVIDER_TIMEOUT_MS: '300' };
    await build(env);
    await own.close();
    const log = captureLogger();
    const core = openCore(configFor(dir, env), log.logger);
    const a = await core.ask({ question: 'When did IOM join the United Nations system?', k: 2 });
    expect(a.status).toBe('answered');
    expect(a.quotes[0]!.text).toContain('2016');
    const warn = log.records.find((r) => r.msg.includes('using lexical retrieval only'));
    expect(warn?.level).toBe(40);
    expect((warn?.err as { message?: string }).message).toContain(`${own.url}/v1`);
  });

  it('GIVEN an embedding server that hangs at question time (default 30 s timeout) THEN the first question waits 5 s at most and the next one does not wait', async () => {
    const own = await startFakeOpenAI();
    try {
      const env = { EMBEDDINGS: 'openai', OPENAI_BASE_URL: `${own.url}/v1`, OPENAI_EMBEDDING_MODEL: 'embed-d' };
      await build(env);
      own.requests.length = 0;
      own.faults.push({ hang: true, path: '/v1/embeddings' }, { hang: true, path: '/v1/embeddings' });
      const log = captureLogger();
      const core = openCore(configFor(dir, env), log.logger);
      const ask = async (question: string) => {
        const t0 = performance.now();
        const a = await core.ask({ question, k: 2 });
        return { a, ms: performance.now() - t0 };
      };
      const first = await ask('When did IOM join the United Nations system?');
      expect(first.a.status).toBe('answered');
      expect(first.ms).toBeLessThan(10_000);
      const second = await ask('When was IOM founded?');
      expect(second.a.status).toBe('answered');
      expect(second.ms).toBeLessThan(3_000); // no second 5 s wait: the breaker is open
      expect(own.requests.filter((r) => r.path === '/v1/embeddings')).toHaveLength(1);
      const warns = log.records.filter((r) => r.msg.includes('using lexical retrieval only'));
      expect(warns.map((w) => (w.err as { message?: string }).message)).toEqual([
        expect.stringContaining('timed out after 5000 ms'),
        expect.stringMatching(/questions skip it for \d+ s more/),
      ]);
    } finally {
      await own.close();
    }
  }, 20_000);
});
