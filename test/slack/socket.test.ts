/**
 * End to end over Socket Mode on 127.0.0.1: the real adapter calls the fake `apps.connections.open`,
 * connects to the fake's WebSocket, receives `hello`, then envelopes, and must ack each one.
 */
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../src/adapters/shared/messages.js';
import type { RecordingCore } from '../helpers/fake-cores.js';
import { createFixtureCore, fixture } from './helpers/fake-cores.js';
import { buttons, mentionEvent, plainText, postedInThread, startSlackHarness, timestamps, type SlackHarness } from './helpers/harness.js';

const nextTs = timestamps(1720000000);
const mention = (text: string, channel = 'C0SOCKET') => mentionEvent(text, nextTs(), { channel });

describe('Slack over Socket Mode', () => {
  let h: SlackHarness;
  let core: RecordingCore;
  beforeAll(async () => {
    core = createFixtureCore();
    h = await startSlackHarness({ core, mode: 'socket' });
  });
  afterAll(async () => h?.stop());

  it('GIVEN an app token THEN the connection URL is fetched with it and the socket is open after hello', () => {
    const open = h.fake.calls.find((c) => c.method === 'apps.connections.open');
    expect(open?.token).toBe('xapp-test-token');
    expect(h.fake.socketConnections()).toBe(1);
  });

  it('GIVEN an app_mention envelope THEN it is acked and answered in a thread', async () => {
    const ev = mention('what is IRIS?');
    const { ack } = await h.event(ev);
    expect(ack?.envelope_id).toBeTruthy();
    const post = await h.fake.waitFor(postedInThread(ev.ts));
    expect(plainText(post)).toContain(fixture('what is IRIS?').quotes[0]!.text);
    expect(post.token).toBe('xoxb-test-token');
  });

  it('GIVEN a redelivered envelope (retry_attempt) with the same event id THEN it is acked again but answered once', async () => {
    const ev = mention('what is IRIS?', 'C0SOCKRETRY');
    const a = await h.event(ev, { eventId: 'EvSock1' });
    const b = await h.event(ev, { eventId: 'EvSock1', retryNum: 1 });
    expect(a.ack && b.ack).toBeTruthy();
    await h.fake.waitFor(postedInThread(ev.ts));
    const later = mention('what is IRIS?', 'C0SOCKRETRY');
    await h.event(later);
    await h.fake.waitFor(postedInThread(later.ts));
    expect(h.fake.accepted('chat.postMessage').filter((c) => c.args.thread_ts === ev.ts)).toHaveLength(1);
  });

  it('GIVEN a /ask envelope THEN the ack carries the working notice and the answer follows in the channel', async () => {
    const { ack } = await h.command('what is IRIS?', { channel: 'C0SOCKASK' });
    expect(ack?.payload).toMatchObject({ response_type: 'ephemeral', text: MESSAGES.working });
    const post = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.channel === 'C0SOCKASK');
    expect(plainText(post)).toContain(fixture('what is IRIS?').quotes[0]!.text);
  });

  it('GIVEN an interactive envelope for "Cite" THEN it is acked and the reference is posted to the clicker only', async () => {
    const ev = mention('what is IRIS?', 'C0SOCKCITE');
    await h.event(ev);
    const answer = await h.fake.waitFor(postedInThread(ev.ts));
    const { ack } = await h.click('quotebot_cite_1', buttons(answer.args.blocks).get('quotebot_cite_1')!, {
      channel: 'C0SOCKCITE',
      ts: `${ev.ts}9`,
      thread_ts: ev.ts,
    }, { user: 'U0SOCKUSER' });
    expect(ack?.envelope_id).toBeTruthy();
    const eph = await h.fake.waitFor((c) => c.method === 'chat.postEphemeral' && c.args.user === 'U0SOCKUSER');
    expect(plainText(eph)).toContain(fixture('what is IRIS?').quotes[1]!.citation.full);
  });
});

// @slack/socket-mode pings with undici.ping(), which only undici >= 7 exports (a peer dependency that
// npm leaves out under legacy-peer-deps). Without it the client drops the connection after each ping.
const undiciHasPing = (() => {
  try {
    const req = createRequire(createRequire(import.meta.url).resolve('@slack/socket-mode'));
    return typeof (req('undici') as { ping?: unknown }).ping === 'function';
  } catch {
    return false;
  }
})();

describe('Socket Mode keep-alive', () => {
  let h: SlackHarness | undefined;
  afterEach(async () => h?.stop());

  it.skipIf(!undiciHasPing)('GIVEN pings every 200 ms THEN the connection stays up and still answers (needs undici >= 7)', async () => {
    h = await startSlackHarness({ core: createFixtureCore(), mode: 'socket', options: { clientPingTimeout: 600 } });
    await new Promise((r) => setTimeout(r, 1500));
    const ev = mention('what is IRIS?', 'C0KEEPALIVE');
    await h.event(ev);
    await h.fake.waitFor(postedInThread(ev.ts));
    expect(h.fake.socketConnections()).toBe(1);
  });
});
