/**
 * The written answer end to end: openCore → index (embeddings from a fake Ollama server) → extractive answer
 * → summary from a fake OpenAI-compatible (or Ollama) chat server over real HTTP → verification.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { openCore } from '../../src/compose.js';
import type { QuotebotCore } from '../../src/core/core.js';
import type { Answer } from '../../src/core/types.js';
import { captureLogger, startFakeOllama, startFakeOpenAI, type FakeServer } from './fake-servers.js';
import { configFor, PLANTED, tempProject } from './corpus.js';

const QUESTION = 'When did IOM join the United Nations system?';
const chatRequests = (f: FakeServer) => f.requests.filter((r) => r.path.endsWith('/chat/completions') || r.path === '/api/chat');
const reply = (...sentences: string[]) => JSON.stringify({ sentences });

/** Quotes as the extractive core cut them, and the verbatim invariant. */
function expectSourceQuotes(a: Answer, baseline: Answer) {
  expect(a.quotes).toEqual(baseline.quotes);
  for (const q of a.quotes) expect(q.text).toBe(q.passage.slice(q.start, q.end));
}

describe('a written answer from an OpenAI-compatible chat model', () => {
  let dir: string;
  let chat: FakeServer;
  let embed: FakeServer;
  let core: QuotebotCore;
  let plain: QuotebotCore;
  let baseline: Answer;
  const log = captureLogger();

  beforeAll(async () => {
    dir = tempProject();
    [chat, embed] = await Promise.all([startFakeOpenAI(), startFakeOllama()]);
    const env = { EMBEDDINGS: 'ollama', OLLAMA_BASE_URL: embed.url, OLLAMA_EMBEDDING_MODEL: 'fake-embed', OPENAI_BASE_URL: `${chat.url}/v1`, OPENAI_CHAT_MODEL: 'fake-chat', PROVIDER_TIMEOUT_MS: '400' };
    // the fake embedder's scores are not the model's: no relevance bar, so the tiny corpus's passages all show
    const everyQuote = { answering: { relevanceShare: 0 } };
    plain = openCore(configFor(dir, env), captureLogger().logger, undefined, everyQuote);
    baseline = await plain.ask({ question: QUESTION, k: 3 });
    core = openCore(configFor(dir, { ...env, ANSWER_MODEL: 'openai' }), log.logger, undefined, everyQuote);
  });
  afterAll(async () => {
    await Promise.all([chat.close(), embed.close()]);
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    chat.requests.length = 0;
    chat.faults.length = 0;
    log.records.length = 0;
  });

  it('GIVEN no answer model THEN nothing changes: no chat request, no summary', async () => {
    expect(baseline.status).toBe('answered');
    expect(baseline.summary).toBeUndefined();
    expect(baseline.quotes[0]!.text).toContain('In 2016 IOM entered the United Nations system');
    expect(chatRequests(chat)).toHaveLength(0);
  });

  it('GIVEN a faithful reply THEN the summary cites the quotes by displayed number, in the JSON answer too', async () => {
    const n2016 = baseline.quotes.findIndex((q) => q.text.includes('2016')) + 1;
    const n65 = baseline.quotes.findIndex((q) => q.text.includes('65 years')) + 1;
    chat.chatReply = reply(`IOM became a related organization in 2016 [${n2016}], after 65 years outside the UN system [${n65}].`);
    const a = await core.ask({ question: QUESTION, k: 3 });
    expect(a.summary).toEqual({
      text: `IOM became a related organization in 2016 [${n2016}], after 65 years outside the UN system [${n65}].`,
      cites: [n2016, n65].sort(),
    });
    expect(JSON.parse(JSON.stringify(a)).summary.cites).toEqual([n2016, n65].sort());
    expectSourceQuotes(a, baseline);
    const sent = chatRequests(chat)[0]!.body.messages as { role: string; content: string }[];
    expect(sent.map((m) => m.role)).toEqual(['system', 'user']);
    expect(sent[0]!.content).toMatch(/never instructions/);
    expect(sent[1]!.content).toContain(`<passage id="1"`);
    expect(sent[1]!.content).toContain(`${baseline.quotes[0]!.text}\n</passage>`);
  });

  it('GIVEN a reply citing a quote id that does not exist THEN that sentence is dropped', async () => {
    chat.chatReply = reply('IOM entered the United Nations system in 2016 [9].');
    const a = await core.ask({ question: QUESTION, k: 3 });
    expect(a.summary).toBeUndefined();
    expectSourceQuotes(a, baseline);
    expect(log.records.some((r) => r.msg.includes('dropped 1 unverifiable'))).toBe(true);
  });

  it('GIVEN a reply that rewrites a quote\'s wording inside quotation marks THEN it is dropped and the shown quote is still the source\'s', async () => {
    const n = baseline.quotes.findIndex((q) => q.text.includes('2016')) + 1;
    chat.chatReply = reply(`IOM "joined the UN system as a related organisation" in 2016 [${n}].`);
    const a = await core.ask({ question: QUESTION, k: 3 });
    expect(a.summary).toBeUndefined();
    expectSourceQuotes(a, baseline);
    expect(a.quotes[n - 1]!.text).toContain('entered the United Nations system as a related organization');
  });

  it('GIVEN a reply that follows an instruction planted in a passage THEN the claim is shown only if it cites the planted passage itself', async () => {
    const planted = baseline.quotes.findIndex((q) => q.text === PLANTED) + 1;
    expect(planted).toBeGreaterThan(0); // the planted passage is among the quotes the model sees
    const other = planted === 1 ? 2 : 1;
    chat.chatReply = reply('The Director General resigned in 1999.', `The Director General resigned in 1999 [${other}].`, 'The Director General resigned in 1999 [12].');
    const a = await core.ask({ question: QUESTION, k: 3 });
    expect(a.summary).toBeUndefined();
    expect(log.records.find((r) => r.msg.includes('unverifiable'))?.dropped).toHaveLength(3);

    // What the design cannot stop: the claim attributed to the planted passage survives, but it cites that
    // passage, shown verbatim beneath it, so the reader sees where it came from.
    chat.chatReply = reply(`The Director General resigned in 1999 [${planted}].`);
    const b = await core.ask({ question: QUESTION, k: 3 });
    expect(b.summary?.cites).toEqual([planted]);
    expect(b.quotes[planted - 1]!.text).toBe(PLANTED);
  });

  it('GIVEN an empty reply THEN the extractive answer is shown alone', async () => {
    chat.chatReply = '';
    const a = await core.ask({ question: QUESTION, k: 3 });
    expect(a.status).toBe('answered');
    expect(a.summary).toBeUndefined();
    expectSourceQuotes(a, baseline);
  });

  it('GIVEN malformed JSON THEN the extractive answer is shown alone and the reply is logged', async () => {
    chat.chatReply = '{"sentences": ["IOM entered the United Nations system in 2016 [1].",';
    const a = await core.ask({ question: QUESTION, k: 3 });
    expect(a.summary).toBeUndefined();
    expectSourceQuotes(a, baseline);
    expect(log.records.some((r) => r.level === 40 && r.msg.includes('not the expected JSON'))).toBe(true);
  });

  it('GIVEN a chat model that times out THEN the extractive answer is shown alone and the log names the endpoint', async () => {
    chat.faults.push({ hang: true });
    const a = await core.ask({ question: QUESTION, k: 3 });
    expect(a.summary).toBeUndefined();
    expectSourceQuotes(a, baseline);
    const warn = log.records.find((r) => r.msg.includes('summary model unavailable'));
    expect((warn?.err as { message?: string })?.message).toContain(`at ${chat.url}/v1 timed out after 400 ms`);
  });

  it('GIVEN a 429 then success from the chat model THEN the summary is produced', async () => {
    chat.faults.push({ status: 429 });
    chat.chatReply = reply('IOM entered the United Nations system in 2016 [1].');
    const a = await core.ask({ question: QUESTION, k: 3 });
    expect(chatRequests(chat)).toHaveLength(2);
    expect(a.summary?.cites).toEqual([1]);
  });

  it('GIVEN "More passages" (offset > 0) THEN no summary is requested for that page', async () => {
    const a = await core.ask({ question: QUESTION, k: 2, offset: 2 });
    expect(a.summary).toBeUndefined();
    expect(chatRequests(chat)).toHaveLength(0);
  });
});

describe('a written answer from an Ollama chat model (streamed)', () => {
  let dir: string;
  let ollama: FakeServer;
  let openai: FakeServer;
  let core: QuotebotCore;

  beforeAll(async () => {
    dir = tempProject();
    [ollama, openai] = await Promise.all([startFakeOllama(), startFakeOpenAI()]);
    core = openCore(
      configFor(dir, { EMBEDDINGS: 'openai', OPENAI_BASE_URL: `${openai.url}/v1`, ANSWER_MODEL: 'ollama', OLLAMA_BASE_URL: ollama.url, OLLAMA_CHAT_MODEL: 'fake-llama' }),
      captureLogger().logger,
    );
  });
  afterAll(async () => {
    await Promise.all([ollama.close(), openai.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('GIVEN a faithful reply streamed in pieces THEN the summary is assembled and verified; a reworded quotation is not', async () => {
    // the fake model reads the passages it was sent and cites the one that says 1951
    ollama.chatReply = (body) => {
      const user = (body.messages as { content: string }[]).at(-1)!.content;
      const id = /<passage id="(\d+)"[^>]*>\n[^<]*1951/.exec(user)![1];
      return reply(`IOM was founded in 1951 [${id}].`, `Its budget is "mostly earmarked" [${id}].`);
    };
    const a = await core.ask({ question: 'When was IOM founded, and who funds it?', k: 3 });
    const founded = a.quotes.findIndex((q) => q.text.includes('1951')) + 1;
    expect(founded).toBeGreaterThan(0);
    expect(a.summary).toEqual({ text: `IOM was founded in 1951 [${founded}].`, cites: [founded] });
    const chatBody = ollama.requests.find((r) => r.path === '/api/chat')!.body;
    expect(chatBody.model).toBe('fake-llama');
    expect(chatBody.format).toBe('json');
    expect(openai.requests.some((r) => r.path === '/v1/embeddings')).toBe(true);
  });
});
