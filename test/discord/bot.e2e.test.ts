/**
 * End to end: the real adapter and real discord.js against a fake Discord (REST + gateway) on 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayIntentBits, InteractionResponseType, MessageFlags } from 'discord.js';
import { MESSAGES } from '../../src/adapters/shared/messages.js';
import { IDS, type RecordedRequest } from './fake-discord.js';
import { autocomplete, button, message, slash } from './events.js';
import { gatedCore } from '../helpers/fake-cores.js';
import { DOCS, POOL, poolCore } from './fake-cores.js';
import { runDiscordOnFake, type Running } from './harness.js';
import { unescape } from './unescape.js';

const isCallback = (i: { id: string; token: string }) => (r: RecordedRequest) =>
  r.method === 'POST' && r.path === `/interactions/${i.id}/${i.token}/callback`;
const isEdit = (i: { token: string }) => (r: RecordedRequest) =>
  r.method === 'PATCH' && r.path === `/webhooks/${IDS.app}/${i.token}/messages/@original`;
const isChannelPost = (channel: string) => (r: RecordedRequest) => r.method === 'POST' && r.path === `/channels/${channel}/messages`;

describe('GIVEN quotebot on a fake Discord with a core answering from corpus quotes', () => {
  const core = gatedCore(poolCore(POOL));
  let run: Running;

  beforeAll(async () => {
    run = await runDiscordOnFake(core, { env: { DISCORD_ALLOWED_CHANNELS: `${IDS.channel},${IDS.dm}` } });
  });
  afterAll(async () => {
    core.release();
    await run?.stop();
  });

  async function ask(body: ReturnType<typeof slash>) {
    await run.fake.dispatch('INTERACTION_CREATE', body);
    const callback = await run.fake.waitFor(isCallback(body), 'callback');
    const edit = await run.fake.waitFor(isEdit(body), 'edit');
    return { callback, edit };
  }

  it('GIVEN the bot logs in THEN it identifies with Guilds, GuildMessages and DirectMessages only, uncompressed', () => {
    expect(run.fake.identifies).toHaveLength(1);
    const { intents, compress } = run.fake.identifies[0]!;
    expect(intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages | GatewayIntentBits.DirectMessages);
    expect(intents & GatewayIntentBits.MessageContent).toBe(0);
    expect(compress).toBe(false);
  });

  it('GIVEN /ask THEN the reply is deferred before the core answers, then edited with one embed per verbatim quote', async () => {
    const body = slash('ask', { question: 'how did the IOM shape Turkish migration policy?' });
    await run.fake.dispatch('INTERACTION_CREATE', body);
    const callback = await run.fake.waitFor(isCallback(body), 'defer');
    expect(callback.body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    await core.started;
    expect(run.fake.requests.some(isEdit(body))).toBe(false);
    core.release();
    const edit = await run.fake.waitFor(isEdit(body), 'edit');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
    expect(edit.body.embeds).toHaveLength(5);
    const first = edit.body.embeds[0];
    expect(unescape(first.description.replace(/^> /gm, ''))).toBe(POOL[0]!.text);
    expect(first.footer.text).toBe(POOL[0]!.citation.full);
    expect(first.fields.find((f: { name: string }) => f.name === 'Where').value).toContain('¶ 88');
    const labels = edit.body.components[0].components.map((c: { label: string }) => c.label);
    expect(labels).toEqual(['More passages', 'Cite', 'Helpful', 'Not helpful']);
    expect(core.requests.at(-1)).toMatchObject({ question: 'how did the IOM shape Turkish migration policy?', k: 5, offset: 0, style: 'oscola' });
  });

  it('GIVEN autocomplete on document THEN choices are filtered titles with the file as value', async () => {
    const body = autocomplete('ask', { question: 'detention', document: 'global' }, 'document');
    await run.fake.dispatch('INTERACTION_CREATE', body);
    const cb = await run.fake.waitFor(isCallback(body), 'autocomplete');
    expect(cb.body.type).toBe(InteractionResponseType.ApplicationCommandAutocompleteResult);
    expect(cb.body.data.choices).toEqual([
      { name: DOCS[0]!.title, value: DOCS[0]!.file },
      { name: DOCS[1]!.title, value: DOCS[1]!.file },
    ]);
    const all = autocomplete('ask', { document: '' }, 'document');
    await run.fake.dispatch('INTERACTION_CREATE', all);
    expect((await run.fake.waitFor(isCallback(all))).body.data.choices).toHaveLength(DOCS.length);
  });

  it('GIVEN /ask with a document THEN the core is asked about that file only', async () => {
    const { edit } = await ask(slash('ask', { question: 'detention time in Italy', document: DOCS[1]!.file }));
    expect(core.requests.at(-1)?.doc).toBe(DOCS[1]!.file);
    expect(edit.body.embeds).toHaveLength(1);
    expect(edit.body.embeds[0].footer.text).toBe(POOL[5]!.citation.full);
  });

  it('GIVEN /ask with a document nobody indexed THEN the user is told plainly', async () => {
    const { edit } = await ask(slash('ask', { question: 'anything', document: 'no such paper' }));
    expect(edit.body.content).toMatch(/No indexed document matches "no such paper"/);
    expect(edit.body.embeds).toEqual([]);
  });

  it('GIVEN /cite THEN one quote and its full reference in a code block', async () => {
    const { callback, edit } = await ask(slash('cite', { query: 'bordercrats at IOM headquarters' }));
    expect(callback.body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(core.requests.at(-1)).toMatchObject({ k: 1 });
    expect(edit.body.embeds).toHaveLength(1);
    expect(edit.body.content).toBe('```\n' + POOL[0]!.citation.full + '\n```');
    expect(edit.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN a mention in an allowed channel THEN a reply with the quotes, the mention stripped from the question', async () => {
    const before = run.fake.requests.filter(isChannelPost(IDS.channel)).length;
    const msg = message(`<@${IDS.bot}> what did IOM do in Turkey?`, { mention: true });
    await run.fake.dispatch('MESSAGE_CREATE', msg);
    const posts = await run.fake.waitForCount(isChannelPost(IDS.channel), before + 1, 'reply');
    const reply = posts.at(-1)!;
    expect(reply.body.message_reference.message_id).toBe(msg.id);
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });
    expect(reply.body.embeds.length).toBeGreaterThan(0);
    expect(core.requests.at(-1)?.question).toBe('what did IOM do in Turkey?');
  });

  it('GIVEN a mention that also tags a colleague, a role and a channel THEN the core is asked the question alone', async () => {
    const before = run.fake.requests.filter(isChannelPost(IDS.channel)).length;
    const msg = message(`<@${IDS.bot}> what is IRIS, as discussed in <#${IDS.channel}>? cc <@!123456789012345678> <@&223456789012345678>`, { mention: true });
    await run.fake.dispatch('MESSAGE_CREATE', msg);
    await run.fake.waitForCount(isChannelPost(IDS.channel), before + 1, 'reply');
    expect(core.requests.at(-1)?.question).toBe('what is IRIS, as discussed in ?');
  });

  it('GIVEN a channel message that does not mention the bot THEN it is ignored', async () => {
    const asked = core.requests.length;
    await run.fake.dispatch('MESSAGE_CREATE', message('just chatting about Turkey'));
    const probe = message(`<@${IDS.bot}> probe`, { mention: true });
    await run.fake.dispatch('MESSAGE_CREATE', probe);
    await run.fake.waitFor((r) => isChannelPost(IDS.channel)(r) && r.body?.message_reference?.message_id === probe.id);
    expect(core.requests.slice(asked).map((r) => r.question)).toEqual(['probe']);
  });

  it('GIVEN a mention with no question THEN the user is asked to type one', async () => {
    const msg = message(`<@${IDS.bot}>`, { mention: true });
    await run.fake.dispatch('MESSAGE_CREATE', msg);
    const reply = await run.fake.waitFor((r) => isChannelPost(IDS.channel)(r) && r.body?.message_reference?.message_id === msg.id);
    expect(reply.body.content).toBe('Please type a question.');
  });

  it('GIVEN a DM THEN it is answered in the DM', async () => {
    const msg = message('what did IOM do in Turkey?', { guildId: null });
    await run.fake.dispatch('MESSAGE_CREATE', msg);
    const reply = await run.fake.waitFor(isChannelPost(IDS.dm), 'DM reply');
    expect(reply.body.embeds.length).toBeGreaterThan(0);
    expect(reply.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('GIVEN the More passages button THEN the next page continues where the first stopped', async () => {
    const { edit } = await ask(slash('ask', { question: 'Turkey bureau' }));
    const more = edit.body.components[0].components.find((c: { label: string }) => c.label === 'More passages');
    const click = button(more.custom_id);
    await run.fake.dispatch('INTERACTION_CREATE', click);
    expect((await run.fake.waitFor(isCallback(click))).body.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const next = await run.fake.waitFor(isEdit(click));
    expect(core.requests.at(-1)).toMatchObject({ question: 'Turkey bureau', offset: 5 });
    expect(next.body.embeds).toHaveLength(1);
    expect(next.body.embeds[0].footer.text).toBe(POOL[5]!.citation.full);
    expect(next.body.embeds[0].title).toMatch(/^6 · /);
    const labels = next.body.components[0].components.map((c: { label: string }) => c.label);
    expect(labels).not.toContain('More passages');

    const again = button(next.body.components[0].components.find((c: { label: string }) => c.label === 'Cite').custom_id.replace('cite', 'more'));
    await run.fake.dispatch('INTERACTION_CREATE', again);
    expect((await run.fake.waitFor(isEdit(again))).body.content).toBe(MESSAGES.noMore);
  });

  it('GIVEN the Cite button THEN an ephemeral list of full references, at once', async () => {
    const { edit } = await ask(slash('ask', { question: 'Turkey bureau' }));
    const cite = edit.body.components[0].components.find((c: { label: string }) => c.label === 'Cite');
    const click = button(cite.custom_id);
    await run.fake.dispatch('INTERACTION_CREATE', click);
    const cb = await run.fake.waitFor(isCallback(click));
    expect(cb.body.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(cb.body.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(cb.body.data.content).toContain(`1. ${POOL[0]!.citation.full}`);
    expect(cb.body.data.content).toContain(`5. ${POOL[4]!.citation.full}`);
  });

  it('GIVEN Helpful and Not helpful THEN each click is recorded in the feedback log with platform discord', async () => {
    const { edit } = await ask(slash('ask', { question: 'who are bordercrats?' }));
    const buttons = edit.body.components[0].components as Array<{ label: string; custom_id: string }>;
    for (const label of ['Helpful', 'Not helpful']) {
      const click = button(buttons.find((b) => b.label === label)!.custom_id);
      await run.fake.dispatch('INTERACTION_CREATE', click);
      const cb = await run.fake.waitFor(isCallback(click));
      expect(cb.body.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      expect((await run.fake.waitFor(isEdit(click))).body.content).toMatch(/feedback was recorded/);
    }
    const events = (await run.feedback.readAll()).filter((e) => e.question === 'who are bordercrats?');
    expect(events.map((e) => e.verdict)).toEqual(['helpful', 'not_helpful']);
    expect(events[0]).toMatchObject({ platform: 'discord', channel: IDS.channel, user: expect.any(String), status: 'answered' });
    expect(events[0]!.quoteIds).toEqual(POOL.slice(0, 5).map((q) => q.id));
  });

  it('GIVEN a button from before a restart THEN the user is told the answer expired', async () => {
    const click = button('qb:helpful:unknownkey');
    await run.fake.dispatch('INTERACTION_CREATE', click);
    const cb = await run.fake.waitFor(isCallback(click));
    expect(cb.body.data.content).toBe(MESSAGES.expired);
  });

  it('GIVEN a channel outside the allow-list THEN "not enabled here", and the core is not asked', async () => {
    const asked = core.requests.length;
    const body = slash('ask', { question: 'Turkey' }, { channelId: IDS.otherChannel });
    await run.fake.dispatch('INTERACTION_CREATE', body);
    const cb = await run.fake.waitFor(isCallback(body));
    expect(cb.body.data.content).toBe(MESSAGES.notEnabled);
    expect(cb.body.data.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const msg = message(`<@${IDS.bot}> Turkey`, { mention: true, channelId: IDS.otherChannel });
    await run.fake.dispatch('MESSAGE_CREATE', msg);
    const reply = await run.fake.waitFor(isChannelPost(IDS.otherChannel));
    expect(reply.body.content).toBe(MESSAGES.notEnabled);
    expect(core.requests.length).toBe(asked);
  });

  it('GIVEN 50 interactions at once THEN all 50 are deferred and answered', async () => {
    const bodies = Array.from({ length: 50 }, (_, i) => slash('ask', { question: `question number ${i}` }));
    await Promise.all(bodies.map((b) => run.fake.dispatch('INTERACTION_CREATE', b)));
    const edits = await Promise.all(bodies.map((b) => run.fake.waitFor(isEdit(b), 'edit', 20_000)));
    for (const b of bodies) expect(run.fake.requests.filter(isCallback(b))).toHaveLength(1);
    expect(edits.every((e) => e.body.embeds.length === 5)).toBe(true);
  });

  it('GIVEN Discord rate-limits an edit (429) THEN discord.js waits and the answer still arrives', async () => {
    const body = slash('ask', { question: 'rate limited' });
    let limited = 0;
    const undo = run.fake.override((r) => {
      if (!isEdit(body)(r) || limited++ > 0) return undefined;
      return {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 0.2, global: false, code: 0 },
        headers: { 'retry-after': '0.2', 'x-ratelimit-scope': 'user' },
      };
    });
    try {
      await run.fake.dispatch('INTERACTION_CREATE', body);
      const edits = await run.fake.waitForCount(isEdit(body), 2, 'edit after 429');
      expect(edits[1]!.body.embeds).toHaveLength(5);
    } finally {
      undo();
    }
  });

  it('GIVEN the interaction token has expired THEN the failed edit is logged, not thrown, and the bot keeps answering', async () => {
    const body = slash('ask', { question: 'a very slow question' });
    const undo = run.fake.override((r) =>
      isEdit(body)(r) ? { status: 401, body: { message: 'Invalid Webhook Token', code: 50027 } } : undefined,
    );
    try {
      await run.fake.dispatch('INTERACTION_CREATE', body);
      await run.fake.waitFor(isEdit(body));
      await until(() => run.logs.some((l) => l.level === 40 && /token has expired/.test(l.msg)));
    } finally {
      undo();
    }
    const { edit } = await ask(slash('ask', { question: 'still there?' }));
    expect(edit.body.embeds).toHaveLength(5);
  });

  it('GIVEN the gateway drops the connection THEN the client resumes and answers again', async () => {
    await run.fake.drop();
    await run.fake.sessionLive();
    expect(run.fake.resumes).toBe(1);
    expect(run.fake.identifies).toHaveLength(1);
    const { edit } = await ask(slash('ask', { question: 'after the drop' }));
    expect(edit.body.embeds).toHaveLength(5);
    const msg = message(`<@${IDS.bot}> after the drop`, { mention: true });
    await run.fake.dispatch('MESSAGE_CREATE', msg);
    await run.fake.waitFor((r) => isChannelPost(IDS.channel)(r) && r.body?.message_reference?.message_id === msg.id);
  });
});

/** Poll `cond` until true (10 s at most). */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(cond()).toBe(true);
}
