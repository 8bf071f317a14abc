/**
 * End to end with cores that misbehave or cannot answer, threads, and command registration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/adapters/shared/messages.js';
import { registerCommands } from '../../src/adapters/discord/register.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/logger.js';
import type { Core } from '../../src/core/types.js';
import { IDS, TOKEN, startFakeDiscord, type FakeDiscord, type RecordedRequest } from './fake-discord.js';
import { message, slash } from './events.js';
import { gatedCore, throwingCore } from '../helpers/fake-cores.js';
import { POOL, mentionQuote, notFoundCore, poolCore } from './fake-cores.js';
import { runDiscordOnFake, type Running } from './harness.js';
import { unescape } from './unescape.js';

const isEdit = (i: { token: string }) => (r: RecordedRequest) =>
  r.method === 'PATCH' && r.path === `/webhooks/${IDS.app}/${i.token}/messages/@original`;
const repliesTo = (msg: { id: string }) => (r: RecordedRequest) =>
  r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && r.body?.message_reference?.message_id === msg.id;

async function askOn(run: Running, question: string) {
  const body = slash('ask', { question });
  await run.fake.dispatch('INTERACTION_CREATE', body);
  return run.fake.waitFor(isEdit(body), 'edit');
}

describe('GIVEN a corpus passage containing @everyone, a user mention and markdown', () => {
  const quote = mentionQuote();
  const core: Core = {
    async ask(req) {
      return {
        question: req.question,
        status: 'answered',
        ms: 3,
        quotes: [quote],
        closest: [],
        summary: { text: 'Posted to @everyone by <@123456789012345678> **loudly**.', cites: [1] },
      };
    },
    documents: async () => [],
  };
  let run: Running;
  beforeAll(async () => void (run = await runDiscordOnFake(core)));
  afterAll(async () => run?.stop());

  it('THEN nothing can ping: allowed_mentions parses nothing, content mentions are defused, the quote is shown escaped and verbatim', async () => {
    const edit = await askOn(run, 'who was notified?');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(edit.body.content).toContain(MESSAGES.machineWritten);
    expect(edit.body.content).not.toMatch(/@everyone|<@\d/);
    expect(edit.body.content).toContain('\\*\\*loudly\\*\\*');
    const description: string = edit.body.embeds[0].description;
    expect(description).toContain('\\*\\*Urgent\\*\\*');
    expect(unescape(description.replace(/^> /gm, ''))).toBe(quote.text);

    const msg = message(`<@${IDS.bot}> who was notified?`, { mention: true });
    await run.fake.dispatch('MESSAGE_CREATE', msg);
    const reply = await run.fake.waitFor(repliesTo(msg));
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });
  });
});

describe('GIVEN a core that throws', () => {
  let run: Running;
  beforeAll(async () => void (run = await runDiscordOnFake(throwingCore(new Error('index file truncated')))));
  afterAll(async () => run?.stop());

  it('THEN /ask and a mention get the apology, and the cause is logged', async () => {
    const edit = await askOn(run, 'anything');
    expect(edit.body.content).toBe(MESSAGES.apology);
    const msg = message(`<@${IDS.bot}> anything`, { mention: true });
    await run.fake.dispatch('MESSAGE_CREATE', msg);
    expect((await run.fake.waitFor(repliesTo(msg))).body.content).toBe(MESSAGES.apology);
    const errors = run.logs.filter((l) => l.level === 50 && l.msg === 'discord: answering failed');
    expect(errors).toHaveLength(2);
    expect(JSON.stringify(errors[0])).toContain('index file truncated');
  });
});

describe('GIVEN a core that finds no answer', () => {
  const core = notFoundCore();
  let run: Running;
  beforeAll(async () => void (run = await runDiscordOnFake(core)));
  afterAll(async () => run?.stop());

  it('THEN the reply says so plainly, shows the closest matches labelled as such, and logs the question as unanswered', async () => {
    const edit = await askOn(run, 'what is the capital of Peru?');
    expect(edit.body.content).toBe(`${MESSAGES.notFound}\n${MESSAGES.closestLabel}`);
    expect(edit.body.embeds).toHaveLength(1);
    expect(edit.body.embeds[0].title).toMatch(/^Closest match 1: /);
    const labels = edit.body.components[0].components.map((c: { label: string }) => c.label);
    expect(labels).toEqual(['Helpful', 'Not helpful']);
    const events = await run.feedback.readAll();
    expect(events).toEqual([
      expect.objectContaining({ platform: 'discord', question: 'what is the capital of Peru?', status: 'not_found', verdict: 'unanswered', quoteIds: [POOL[5]!.id] }),
    ]);
  });
});

describe('GIVEN DISCORD_USE_THREADS is on', () => {
  const core = poolCore(POOL);
  let run: Running;
  beforeAll(async () => void (run = await runDiscordOnFake(core, { env: { DISCORD_USE_THREADS: 'true' } })));
  afterAll(async () => run?.stop());

  it('THEN a mention is answered in a new thread, and a follow-up there carries the earlier question', async () => {
    const msg = message(`<@${IDS.bot}> what did IOM do in Turkey?`, { mention: true });
    await run.fake.dispatch('MESSAGE_CREATE', msg);
    const created = await run.fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${IDS.channel}/messages/${msg.id}/threads`);
    expect(created.body.name).toBe('what did IOM do in Turkey?');
    const thread = [...run.fake.channels.values()].find((c) => c.type === 11)!;
    const inThread = await run.fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${thread.id}/messages`);
    expect(inThread.body.embeds.length).toBeGreaterThan(0);
    expect(inThread.body.allowed_mentions).toEqual({ parse: [] });

    const follow = message(`<@${IDS.bot}> and in Albania?`, { mention: true, channelId: thread.id, channelType: 11 });
    await run.fake.dispatch('MESSAGE_CREATE', follow);
    await run.fake.waitFor(repliesTo(follow));
    expect(core.requests.at(-1)).toMatchObject({ question: 'and in Albania?', history: ['what did IOM do in Turkey?'] });
  });

  it('THEN a long thread carries only its last 5 questions, like Slack', async () => {
    const msg = message(`<@${IDS.bot}> question 0`, { mention: true });
    await run.fake.dispatch('MESSAGE_CREATE', msg);
    const created = await run.fake.waitFor((r) => r.method === 'POST' && r.path === `/channels/${IDS.channel}/messages/${msg.id}/threads`);
    const thread = [...run.fake.channels.values()].find((c) => c.type === 11 && c.name === created.body.name)!;
    for (let i = 1; i <= 7; i++) {
      const follow = message(`<@${IDS.bot}> question ${i}`, { mention: true, channelId: thread.id, channelType: 11 });
      await run.fake.dispatch('MESSAGE_CREATE', follow);
      await run.fake.waitFor(repliesTo(follow));
    }
    expect(core.requests.at(-1)).toMatchObject({
      question: 'question 7',
      history: ['question 2', 'question 3', 'question 4', 'question 5', 'question 6'],
    });
  });
});

describe('GIVEN more questions at once than the concurrency cap', () => {
  const core = gatedCore(poolCore(POOL));
  let run: Running;
  beforeAll(async () => void (run = await runDiscordOnFake(core)));
  afterAll(async () => {
    core.release();
    await run?.stop();
  });

  it('THEN at most 8 reach the core at once, like Slack, and every one is answered', async () => {
    const bodies = Array.from({ length: 12 }, (_, i) => slash('ask', { question: `capped question ${i}` }));
    await Promise.all(bodies.map((b) => run.fake.dispatch('INTERACTION_CREATE', b)));
    await expect.poll(() => core.pending()).toBe(8);
    await new Promise((r) => setTimeout(r, 100));
    expect(core.pending()).toBe(8);
    core.release();
    const edits = await Promise.all(bodies.map((b) => run.fake.waitFor(isEdit(b), 'edit', 20_000)));
    expect(edits.every((e) => e.body.embeds.length === 5)).toBe(true);
    expect(core.requests).toHaveLength(12);
  });
});

describe('GIVEN `quotebot discord register`', () => {
  let fake: FakeDiscord;
  beforeAll(async () => void (fake = await startFakeDiscord()));
  afterAll(async () => fake?.close());

  const config = (env: Record<string, string>) =>
    loadConfig({ env: { DISCORD_TOKEN: TOKEN, DISCORD_APP_ID: IDS.app, DISCORD_API_URL: fake.apiUrl, ...env }, envFile: '/nonexistent/.env' });

  it('THEN /ask and /cite are PUT to the guild when DISCORD_GUILD_ID is set, else globally', async () => {
    const r = await registerCommands({ config: config({ DISCORD_GUILD_ID: IDS.guild }), logger: silentLogger() });
    expect(r).toEqual({ scope: 'guild', guildId: IDS.guild, commands: ['ask', 'cite'] });
    const put = await fake.waitFor((q) => q.method === 'PUT' && q.path === `/applications/${IDS.app}/guilds/${IDS.guild}/commands`);
    expect(put.auth).toBe(`Bot ${TOKEN}`);
    const [ask, cite] = put.body;
    expect(ask.options.map((o: { name: string; required?: boolean; autocomplete?: boolean }) => [o.name, Boolean(o.required), Boolean(o.autocomplete)])).toEqual([
      ['question', true, false],
      ['document', false, true],
    ]);
    expect(ask.options[0].max_length).toBe(2000);
    expect(cite.options.map((o: { name: string }) => o.name)).toEqual(['query']);

    expect((await registerCommands({ config: config({}), logger: silentLogger() })).scope).toBe('global');
    await fake.waitFor((q) => q.method === 'PUT' && q.path === `/applications/${IDS.app}/commands`);
  });

  it('THEN a missing app id is a CONFIG_INVALID error with a hint', async () => {
    const c = loadConfig({ env: { DISCORD_TOKEN: TOKEN }, envFile: '/nonexistent/.env' });
    await expect(registerCommands({ config: c, logger: silentLogger() })).rejects.toMatchObject({ code: 'CONFIG_INVALID', hint: expect.any(String) });
  });
});
