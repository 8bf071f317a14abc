/**
 * End to end over HTTP on 127.0.0.1: a fake Slack signs and sends events, commands and clicks to the real
 * adapter (real Bolt receiver and Web API client), and records what the adapter posts back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CiteValue } from '../../src/adapters/slack/action-values.js';
import { MESSAGES } from '../../src/adapters/shared/messages.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { gatedCore, throwingCore, type RecordingCore } from '../helpers/fake-cores.js';
import { createFixtureCore, createHostileCore, fixture } from './helpers/fake-cores.js';
import type { RecordedCall } from './helpers/fake-slack.js';
import { blockText, buttons, mentionEvent, plainText, postedInThread, startSlackHarness, timestamps, type SlackHarness } from './helpers/harness.js';

const nextTs = timestamps(1710000000);
const mention = (text: string, extra: Record<string, unknown> = {}) => mentionEvent(text, nextTs(), extra);

describe('Slack over HTTP', () => {
  let h: SlackHarness;
  let core: RecordingCore;
  beforeAll(async () => {
    core = createFixtureCore();
    h = await startSlackHarness({ core, mode: 'http' });
  });
  afterAll(async () => h?.stop());

  it('GIVEN a mention in a channel THEN the answer arrives in a thread under it, with a verbatim quote and its citation', async () => {
    const ev = mention('what is IRIS?');
    const res = await h.event(ev);
    expect(res.status).toBe(200);
    const post = await h.fake.waitFor(postedInThread(ev.ts), 'the threaded answer');
    expect(post.args.channel).toBe('C0GENERAL');
    const q = fixture('what is IRIS?').quotes[0]!;
    expect(plainText(post)).toContain(`> ${q.text}`);
    expect(plainText(post)).toContain(q.citation.short);
    expect(String(post.args.text)).toContain('IRIS');
    expect(post.token).toBe('xoxb-test-token');
    // The asker saw the bot working: a reaction on the question, removed once answered.
    await h.fake.waitFor((c) => c.method === 'reactions.remove' && c.args.timestamp === ev.ts, 'the reaction removed');
    expect(h.fake.calls.some((c) => c.method === 'reactions.add' && c.args.timestamp === ev.ts && c.args.name === 'mag')).toBe(true);
  });

  it('GIVEN a direct message THEN it is answered in the DM', async () => {
    const ts = nextTs();
    await h.event({ type: 'message', channel_type: 'im', channel: 'D0ALICE', user: 'U0ALICE', text: 'what is IRIS?', ts });
    const post = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'D0ALICE', 'the DM answer');
    expect(post.args.thread_ts).toBeUndefined();
    expect(plainText(post)).toContain(fixture('what is IRIS?').quotes[0]!.text);
  });

  it('GIVEN the bot’s own DM, an edit or another bot THEN nothing is answered', async () => {
    const before = h.fake.accepted('chat.postMessage').length;
    const asked = core.requests.length;
    await h.event({ type: 'message', channel_type: 'im', channel: 'D0ALICE', user: 'UQUOTEBOT', bot_id: 'BQUOTEBOT', text: 'x', ts: nextTs() });
    await h.event({ type: 'message', subtype: 'message_changed', channel_type: 'im', channel: 'D0ALICE', ts: nextTs(), message: { text: 'what is IRIS?' } });
    // A question after them is answered: everything before it was dropped, not queued.
    const ts = nextTs();
    await h.event({ type: 'message', channel_type: 'im', channel: 'D0BOB', user: 'U0BOB', text: 'what is IRIS?', ts });
    await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'D0BOB');
    expect(h.fake.accepted('chat.postMessage').length).toBe(before + 1);
    expect(core.requests.length).toBe(asked + 1);
  });

  it('GIVEN /ask THEN it is acknowledged at once with a working notice and answered in the channel', async () => {
    const res = await h.command('what is IRIS?', { channel: 'C0ASK' });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body!)).toMatchObject({ response_type: 'ephemeral', text: MESSAGES.working });
    const post = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0ASK', 'the /ask answer');
    expect(post.args.thread_ts).toBeUndefined();
    expect(plainText(post)).toContain(fixture('what is IRIS?').quotes[0]!.text);
    expect(plainText(post)).toContain('Asked by <@U0ALICE> with /ask');
  });

  it('GIVEN /ask --private THEN only the asker gets the answer, through the response URL', async () => {
    const before = h.fake.calls.length;
    await h.command('--private what is IRIS?', { channel: 'C0PRIV' });
    const reply = await h.fake.waitFor((c) => c.method === 'response_url' && c.args.response_type === 'ephemeral' && Boolean(c.args.blocks));
    expect(plainText(reply)).toContain(fixture('what is IRIS?').quotes[0]!.text);
    expect(h.fake.calls.slice(before).some((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0PRIV')).toBe(false);
  });

  it('GIVEN /ask with no question THEN only the asker is told to type one', async () => {
    const before = h.fake.calls.length;
    await h.command('--private', { channel: 'C0EMPTY' });
    await h.command('   ', { channel: 'C0EMPTY' });
    await expect
      .poll(() => h.fake.calls.slice(before).filter((c) => c.method === 'response_url' && plainText(c) === 'Please type a question.').length)
      .toBe(2);
    expect(h.fake.calls.slice(before).filter((c) => c.method === 'response_url').every((c) => c.args.response_type === 'ephemeral')).toBe(true);
    expect(h.fake.calls.slice(before).some((c) => c.method === 'chat.postMessage')).toBe(false);
  });

  it('GIVEN /ask in a channel the bot is not in THEN the answer is still posted publicly through the response URL', async () => {
    h.fake.failNext('chat.postMessage', 'not_in_channel');
    await h.command('what is IRIS?', { channel: 'C0NOTIN' });
    const reply = await h.fake.waitFor((c) => c.method === 'response_url' && c.args.response_type === 'in_channel');
    expect(plainText(reply)).toContain(fixture('what is IRIS?').quotes[0]!.text);
  });

  describe('buttons', () => {
    let answer: RecordedCall;
    let ev: ReturnType<typeof mention>;
    beforeAll(async () => {
      ev = mention('what is IRIS?', { channel: 'C0BUTTONS' });
      await h.event(ev);
      answer = await h.fake.waitFor(postedInThread(ev.ts));
    });
    const message = () => ({ channel: 'C0BUTTONS', ts: `${answer.args.thread_ts}9`, thread_ts: String(answer.args.thread_ts) });

    it('GIVEN "More passages" THEN the next quotes are posted in the thread', async () => {
      const before = h.fake.accepted('chat.postMessage').length;
      const res = await h.click('quotebot_more', buttons(answer.args.blocks).get('quotebot_more')!, message());
      expect(res.status).toBe(200);
      const more = await h.fake.waitFor((c) => postedInThread(ev.ts)(c) && h.fake.accepted('chat.postMessage').indexOf(c) >= before);
      const iris = fixture('what is IRIS?');
      expect(plainText(more)).toContain(iris.quotes[5]!.text);
      expect(plainText(more)).toContain('*[6]*');
      expect(plainText(more)).not.toContain(iris.quotes[0]!.text);
    });

    it('GIVEN "Cite" THEN the clicking user alone gets the full reference and the quote', async () => {
      const value = buttons(answer.args.blocks).get('quotebot_cite_2')!;
      await h.click('quotebot_cite_2', value, message(), { user: 'U0CAROL' });
      const eph = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral' && c.args.user === 'U0CAROL');
      const q = fixture('what is IRIS?').quotes[2]!;
      expect(eph.args.channel).toBe('C0BUTTONS');
      expect(eph.args.thread_ts).toBe(ev.ts);
      expect(plainText(eph)).toContain(`“${q.text}” ${q.citation.full}`);
      expect((JSON.parse(value) as CiteValue).full).toBe(q.citation.full);
    });

    it('GIVEN "Cite" on a private answer THEN the reference comes through the response URL', async () => {
      await h.click('quotebot_cite_0', buttons(answer.args.blocks).get('quotebot_cite_0')!, message(), { user: 'U0DAN', ephemeral: true });
      const reply = await h.fake.waitFor((c) => c.method === 'response_url' && plainText(c).includes(fixture('what is IRIS?').quotes[0]!.citation.full));
      expect(reply.args.response_type).toBe('ephemeral');
    });

    it('GIVEN "Helpful" and "Not helpful" THEN each click is appended to the feedback log and acknowledged privately', async () => {
      const bs = buttons(answer.args.blocks);
      await h.click('quotebot_helpful', bs.get('quotebot_helpful')!, message(), { user: 'U0ERIN' });
      await h.fake.waitFor((c) => c.method === 'chat.postEphemeral' && c.args.user === 'U0ERIN' && plainText(c).includes(MESSAGES.thanks));
      await h.click('quotebot_not_helpful', bs.get('quotebot_not_helpful')!, message(), { user: 'U0FRED' });
      await h.fake.waitFor((c) => c.method === 'chat.postEphemeral' && c.args.user === 'U0FRED' && plainText(c).includes(MESSAGES.thanks));
      const log = (await h.feedback.readAll()).filter((e) => e.user === 'U0ERIN' || e.user === 'U0FRED');
      const ids = fixture('what is IRIS?').quotes.slice(0, 5).map((q) => q.id);
      expect(log).toEqual([
        expect.objectContaining({ platform: 'slack', channel: 'C0BUTTONS', user: 'U0ERIN', question: 'what is IRIS?', status: 'answered', quoteIds: ids, verdict: 'helpful' }),
        expect.objectContaining({ platform: 'slack', channel: 'C0BUTTONS', user: 'U0FRED', question: 'what is IRIS?', status: 'answered', quoteIds: ids, verdict: 'not_helpful' }),
      ]);
      expect(log[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    });

    it('GIVEN a button whose stored value has expired THEN the user is told to ask again', async () => {
      await h.click('quotebot_more', 'stored:gone', message(), { user: 'U0GINA' });
      const eph = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral' && c.args.user === 'U0GINA');
      expect(plainText(eph)).toContain(MESSAGES.expired);
    });
  });

  it('GIVEN a follow-up mention in the thread THEN it is answered with the earlier question taken into account', async () => {
    const ev = mention('what is IRIS?', { channel: 'C0THREAD' });
    await h.event(ev);
    await h.fake.waitFor(postedInThread(ev.ts));
    const follow = mention('and who audits it?', { channel: 'C0THREAD', thread_ts: ev.ts });
    await h.event(follow);
    const post = await h.fake.waitFor((c) => postedInThread(ev.ts)(c) && plainText(c).includes('auditors'), 'the follow-up answer');
    expect(plainText(post)).toContain(fixture('and who audits it?').quotes[0]!.text);
    expect(core.requests.find((r) => r.question === 'and who audits it?')?.history).toEqual(['what is IRIS?']);
  });

  it('GIVEN a follow-up in a thread this process never saw THEN the earlier question is read from the thread', async () => {
    const root = nextTs();
    h.fake.setThread('C0OLD', root, [
      { ts: root, user: 'U0ALICE', text: '<@UQUOTEBOT> what is IRIS?' },
      { ts: `${root}1`, bot_id: 'BQUOTEBOT', text: 'an earlier answer' },
    ]);
    const follow = mention('and who audits it?', { channel: 'C0OLD', thread_ts: root });
    await h.event(follow);
    const post = await h.fake.waitFor(postedInThread(root));
    expect(plainText(post)).toContain(fixture('and who audits it?').quotes[0]!.text);
  });

  it('GIVEN a not_found answer THEN it says so, lists the closest matches, and logs the question as unanswered', async () => {
    const ev = mention('what is the capital of Peru?', { channel: 'C0GAPS' });
    await h.event(ev);
    const post = await h.fake.waitFor(postedInThread(ev.ts));
    expect(plainText(post)).toContain(MESSAGES.notFound);
    await expect.poll(async () => (await h.feedback.readAll()).filter((e) => e.verdict === 'unanswered' && e.channel === 'C0GAPS')).toEqual([
      expect.objectContaining({ platform: 'slack', question: 'what is the capital of Peru?', status: 'not_found', quoteIds: [], user: 'U0ALICE' }),
    ]);
  });

  it('GIVEN an empty mention THEN the user is asked for a question, not given an apology', async () => {
    const ev = { ...mention(''), text: '<@UQUOTEBOT>' };
    await h.event(ev);
    const post = await h.fake.waitFor(postedInThread(ev.ts));
    expect(plainText(post)).toContain('Please type a question.');
  });

  it('GIVEN a bad signature or a stale timestamp THEN 401 and nothing is answered', async () => {
    const ev = mention('what is IRIS?', { channel: 'C0FORGED' });
    const raw = JSON.stringify({ type: 'event_callback', team_id: 'T0TEAM', event_id: 'EvForged', event: ev });
    const forged = await h.post(raw, { 'content-type': 'application/json', ...h.sign(raw, undefined, 'wrong-secret') });
    expect(forged.status).toBe(401);
    const stale = await h.post(raw, { 'content-type': 'application/json', ...h.sign(raw, Math.floor(Date.now() / 1000) - 600) });
    expect(stale.status).toBe(401);
    const tampered = h.sign(raw);
    const altered = await h.post(raw.replace('IRIS', 'IOM'), { 'content-type': 'application/json', ...tampered });
    expect(altered.status).toBe(401);
    // A correctly signed request after them is answered, so nothing above was merely slow.
    const ok = mention('what is IRIS?', { channel: 'C0SIGNED' });
    await h.event(ok);
    await h.fake.waitFor(postedInThread(ok.ts));
    expect(h.fake.calls.some((c) => c.args.channel === 'C0FORGED')).toBe(false);
  });

  it('GIVEN Slack retries an event (X-Slack-Retry-Num) THEN only one answer is posted', async () => {
    const ev = mention('what is IRIS?', { channel: 'C0RETRY' });
    const first = await h.event(ev, { eventId: 'EvRetry1' });
    const again = await h.event(ev, { eventId: 'EvRetry1', retryNum: 1 });
    const third = await h.event(ev, { eventId: 'EvRetry1', retryNum: 2 });
    expect([first.status, again.status, third.status]).toEqual([200, 200, 200]);
    await h.fake.waitFor(postedInThread(ev.ts));
    // The same message can also arrive as a different event (e.g. message.im); it is the same question.
    await h.event({ ...ev, type: 'message', channel_type: 'channel' }, { eventId: 'EvRetry2' });
    const later = mention('what is IRIS?', { channel: 'C0RETRY' });
    await h.event(later);
    await h.fake.waitFor(postedInThread(later.ts));
    expect(h.fake.accepted('chat.postMessage').filter((c) => c.args.thread_ts === ev.ts)).toHaveLength(1);
  });

  it('GIVEN chat.postMessage is rate limited (429, Retry-After: 1) THEN the answer is retried and posted, not lost', async () => {
    h.fake.rateLimit('chat.postMessage', 1, 1);
    const ev = mention('what is IRIS?', { channel: 'C0RATE' });
    await h.event(ev);
    const post = await h.fake.waitFor(postedInThread(ev.ts), 'the answer after the 429');
    const tries = h.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ev.ts);
    expect(tries.map((c) => c.answered)).toEqual(['rate_limited', 'ok']);
    expect(plainText(post)).toContain(fixture('what is IRIS?').quotes[0]!.text);
  });

  it('GIVEN 50 questions at once THEN all 50 are answered, each in its own thread', async () => {
    const events = Array.from({ length: 50 }, (_, i) => mention(i % 2 ? 'what is IRIS?' : 'what is the capital of Peru?', { channel: 'C0BURST' }));
    const acks = await Promise.all(events.map((e) => h.event(e)));
    expect(acks.every((a) => a.status === 200)).toBe(true);
    await Promise.all(events.map((e) => h.fake.waitFor(postedInThread(e.ts), `answer to ${e.ts}`, 30_000)));
    const answers = h.fake.accepted('chat.postMessage').filter((c) => c.args.channel === 'C0BURST');
    expect(new Set(answers.map((c) => c.args.thread_ts)).size).toBe(50);
  });
});

describe('Slack over HTTP, acknowledgement and failures', () => {
  it('GIVEN a core still loading its index THEN events and /ask are acknowledged before the answer, which follows', async () => {
    const gated = gatedCore(createFixtureCore());
    const h = await startSlackHarness({ core: gated, mode: 'http' });
    try {
      const ev = mention('what is IRIS?');
      const res = await h.event(ev);
      const cmd = await h.command('what is IRIS?', { channel: 'C0SLOWCMD' });
      expect(res.status).toBe(200);
      expect(cmd.status).toBe(200);
      expect(JSON.parse(cmd.body!).text).toBe(MESSAGES.working);
      // Both acknowledgements came back while the core had not answered anything.
      await expect.poll(() => gated.pending()).toBe(2);
      expect(h.fake.accepted('chat.postMessage')).toHaveLength(0);
      gated.release();
      await h.fake.waitFor(postedInThread(ev.ts));
      await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0SLOWCMD');
    } finally {
      gated.release();
      await h.stop();
    }
  });

  it('GIVEN the core throws THEN a short apology is posted in the thread and the cause is logged', async () => {
    const { logger, lines } = captureLogger('error');
    const h = await startSlackHarness({ core: throwingCore(), mode: 'http', logger });
    try {
      const ev = mention('what is IRIS?');
      await h.event(ev);
      const post = await h.fake.waitFor(postedInThread(ev.ts));
      expect(plainText(post)).toBe(MESSAGES.apology);
      expect(String(post.args.text)).toBe(MESSAGES.apology);
      expect(JSON.stringify(lines())).toContain('index file is corrupt');
    } finally {
      await h.stop();
    }
  });

  it('GIVEN a corpus passage containing <!channel> THEN what is posted cannot ping anyone', async () => {
    const h = await startSlackHarness({ core: createHostileCore(), mode: 'http' });
    try {
      const ev = mention('what did staff hear? <!here>');
      await h.event(ev);
      const post = await h.fake.waitFor(postedInThread(ev.ts));
      const raw = `${String(post.args.text)}\n${blockText(post.args.blocks)}`;
      expect(raw).toContain('&lt;!channel&gt;');
      expect(raw).not.toMatch(/<[!@#]/);
      expect(raw).not.toContain('<https://');
    } finally {
      await h.stop();
    }
  });

  describe('allow-lists', () => {
    let h: SlackHarness;
    let core: RecordingCore;
    beforeAll(async () => {
      core = createFixtureCore();
      h = await startSlackHarness({ core, mode: 'http', env: { SLACK_ALLOWED_CHANNELS: 'C0ALLOWED, D0ALICE', SLACK_ALLOWED_TEAMS: 'T0TEAM' } });
    });
    afterAll(async () => h?.stop());

    it('GIVEN a channel outside the allow-list THEN the bot says it is not enabled there and does not ask the core', async () => {
      const ev = mention('what is IRIS?', { channel: 'C0ELSEWHERE' });
      await h.event(ev);
      const post = await h.fake.waitFor(postedInThread(ev.ts));
      expect(plainText(post)).toBe(MESSAGES.notEnabled);
      const cmd = await h.command('what is IRIS?', { channel: 'C0ELSEWHERE' });
      expect(JSON.parse(cmd.body!)).toMatchObject({ response_type: 'ephemeral', text: MESSAGES.notEnabled });
      const other = await h.command('what is IRIS?', { channel: 'C0ALLOWED', team: 'T0OTHERTEAM' });
      expect(JSON.parse(other.body!).text).toBe(MESSAGES.notEnabled);
      expect(core.requests).toHaveLength(0);
    });

    it('GIVEN an allowed channel THEN the bot answers', async () => {
      const ev = mention('what is IRIS?', { channel: 'C0ALLOWED' });
      await h.event(ev);
      const post = await h.fake.waitFor(postedInThread(ev.ts));
      expect(plainText(post)).toContain(fixture('what is IRIS?').quotes[0]!.text);
    });
  });
});
