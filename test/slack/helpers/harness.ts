/**
 * Starts a fake Slack and the real Slack adapter (real Bolt, real HTTP / WebSocket, real signatures)
 * against it, given any Core. Reusable by tests that run the real core over the shipped corpus.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../../src/config.js';
import { startSlack, type SlackOptions } from '../../../src/adapters/slack/index.js';
import { createFeedbackLog, type FeedbackLog } from '../../../src/core/feedback.js';
import { silentLogger, type Logger } from '../../../src/core/logger.js';
import type { Core } from '../../../src/core/types.js';
import { unescapeSlack } from '../../../src/adapters/slack/escape.js';
import { BOT, startFakeSlack, type FakeSlack, type RecordedCall, type SocketAck } from './fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface HarnessOptions {
  core: Core;
  mode: 'http' | 'socket';
  /** Extra environment (e.g. SLACK_ALLOWED_CHANNELS). */
  env?: Record<string, string>;
  options?: Partial<SlackOptions>;
  logger?: Logger;
  /** Replace the feedback log (e.g. one that fails); by default a real one in a temporary data dir. */
  feedback?: FeedbackLog;
  /** Arrange the fake before the adapter starts (e.g. make auth.test fail). */
  beforeStart?: (fake: FakeSlack) => void;
}

/** What a delivery got back: the HTTP status and body (HTTP mode) or the envelope's ack (Socket Mode). */
export interface Delivery {
  status?: number;
  body?: string;
  ack?: SocketAck;
}

export interface Message {
  channel: string;
  ts: string;
  thread_ts?: string;
}

export interface SlackHarness {
  fake: FakeSlack;
  mode: 'http' | 'socket';
  config: Config;
  feedback: FeedbackLog;
  /** Deliver an Events API event (app_mention, message…). */
  event(event: Record<string, unknown>, opts?: { eventId?: string; retryNum?: number }): Promise<Delivery>;
  /** Deliver `/ask <text>`. */
  command(text: string, opts?: { channel?: string; user?: string; team?: string }): Promise<Delivery>;
  /** Click a button of a message (the value as Slack would return it). */
  click(actionId: string, value: string, message: Message, opts?: { user?: string; ephemeral?: boolean }): Promise<Delivery>;
  /** HTTP mode: post a raw body with explicit headers (signature tests). */
  post(body: string, headers: Record<string, string>): Promise<Delivery>;
  /** HTTP mode: headers signing `body` at `timestamp` (seconds). */
  sign(body: string, timestamp?: number, secret?: string): Record<string, string>;
  stop(): Promise<void>;
}

export async function startSlackHarness(opts: HarnessOptions): Promise<SlackHarness> {
  const fake = await startFakeSlack();
  const dataDir = mkdtempSync(join(tmpdir(), 'quotebot-slack-'));
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_API_URL: fake.apiUrl,
    QUOTEBOT_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...(opts.mode === 'socket' ? { SLACK_APP_TOKEN: 'xapp-test-token' } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    ...opts.env,
  };
  const config = loadConfig({ env, envFile: join(dataDir, 'no.env'), cwd: dataDir });
  const feedback = opts.feedback ?? createFeedbackLog(config.dataDir);
  opts.beforeStart?.(fake);
  let running;
  try {
    running = await startSlack({
      core: opts.core,
      config,
      logger: opts.logger ?? silentLogger(),
      feedback,
      options: {
        host: '127.0.0.1',
        // The SDK still waits Retry-After on a 429; only p-retry's own extra back-off is shortened.
        retryConfig: { retries: 5, factor: 1, minTimeout: 10, maxTimeout: 50 },
        ...(opts.mode === 'socket' ? { clientPingTimeout: 60_000 } : {}),
        ...opts.options,
      },
    });
  } catch (e) {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const url = `http://127.0.0.1:${running.port}/slack/events`;

  const sign = (body: string, timestamp = Math.floor(Date.now() / 1000), secret = SIGNING_SECRET): Record<string, string> => ({
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
  });
  const post = async (body: string, headers: Record<string, string>): Promise<Delivery> => {
    const res = await fetch(url, { method: 'POST', body, headers });
    return { status: res.status, body: await res.text() };
  };
  const envelope = (type: string, payload: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    envelope_id: randomUUID(),
    type,
    payload,
    accepts_response_payload: type !== 'events_api',
    ...extra,
  });

  return {
    fake,
    mode: opts.mode,
    config,
    feedback,
    sign,
    post,
    async event(event, o = {}) {
      const body = {
        token: 'legacy',
        team_id: BOT.teamId,
        api_app_id: BOT.appId,
        event: { event_ts: event.ts, ...event },
        type: 'event_callback',
        event_id: o.eventId ?? `Ev${randomUUID().slice(0, 8)}`,
        event_time: Math.floor(Date.now() / 1000),
        authorizations: [{ team_id: BOT.teamId, user_id: BOT.userId, is_bot: true }],
      };
      if (opts.mode === 'socket') {
        const retry = o.retryNum ? { retry_attempt: o.retryNum, retry_reason: 'timeout' } : { retry_attempt: 0, retry_reason: '' };
        return { ack: await fake.deliver(envelope('events_api', body, retry)) };
      }
      const raw = JSON.stringify(body);
      const retry: Record<string, string> = o.retryNum ? { 'x-slack-retry-num': String(o.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
      return post(raw, { 'content-type': 'application/json', ...sign(raw), ...retry });
    },
    async command(text, o = {}) {
      const fields = {
        token: 'legacy',
        team_id: o.team ?? BOT.teamId,
        team_domain: 'fake',
        channel_id: o.channel ?? 'C0GENERAL',
        channel_name: 'general',
        user_id: o.user ?? 'U0ALICE',
        user_name: 'alice',
        command: '/ask',
        text,
        api_app_id: BOT.appId,
        response_url: fake.responseUrl(),
        trigger_id: `trig.${randomUUID()}`,
      };
      if (opts.mode === 'socket') return { ack: await fake.deliver(envelope('slash_commands', fields)) };
      const raw = new URLSearchParams(fields).toString();
      return post(raw, { 'content-type': 'application/x-www-form-urlencoded', ...sign(raw) });
    },
    async click(actionId, value, message, o = {}) {
      const payload = {
        type: 'block_actions',
        team: { id: BOT.teamId, domain: 'fake' },
        user: { id: o.user ?? 'U0ALICE', username: 'alice', team_id: BOT.teamId },
        api_app_id: BOT.appId,
        token: 'legacy',
        container: { type: 'message', message_ts: message.ts, channel_id: message.channel, is_ephemeral: Boolean(o.ephemeral) },
        trigger_id: `trig.${randomUUID()}`,
        channel: { id: message.channel, name: 'general' },
        ...(o.ephemeral ? {} : { message: { type: 'message', ts: message.ts, thread_ts: message.thread_ts, text: '' } }),
        response_url: fake.responseUrl(),
        actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, action_ts: String(Date.now() / 1000), text: { type: 'plain_text', text: actionId } }],
      };
      if (opts.mode === 'socket') return { ack: await fake.deliver(envelope('interactive', payload)) };
      const raw = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return post(raw, { 'content-type': 'application/x-www-form-urlencoded', ...sign(raw) });
    },
    async stop() {
      await running.stop();
      await fake.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The buttons of a posted message, by action id. */
export function buttons(blocks: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (b: Record<string, unknown>): void => {
    const elements = [...((b.elements as Array<Record<string, unknown>>) ?? []), ...(b.accessory ? [b.accessory as Record<string, unknown>] : [])];
    for (const e of elements) if (e.type === 'button') out.set(String(e.action_id), String(e.value));
  };
  for (const b of (blocks as Array<Record<string, unknown>>) ?? []) visit(b);
  return out;
}

/** All mrkdwn/plain text of a message's blocks, joined. */
export function blockText(blocks: unknown): string {
  return JSON.stringify(blocks ?? [])
    .match(/"text":"((?:[^"\\]|\\.)*)"/g)!
    .map((m) => JSON.parse(m.slice(7)) as string)
    .join('\n');
}

/** Fresh, increasing Slack timestamps under `seconds` (one base per test file, so ids never collide). */
export function timestamps(seconds: number): () => string {
  let seq = 0;
  return () => `${seconds}.${String(++seq).padStart(6, '0')}`;
}

/** An `app_mention` of the bot by U0ALICE at `ts`, in C0GENERAL unless `extra` says otherwise. */
export function mentionEvent(text: string, ts: string, extra: Record<string, unknown> = {}) {
  return { type: 'app_mention', user: 'U0ALICE', text: `<@${BOT.userId}> ${text}`, ts, channel: 'C0GENERAL', ...extra };
}

/** A posted message's block text as a reader sees it (mrkdwn escaping undone). */
export function plainText(call: RecordedCall): string {
  return unescapeSlack(blockText(call.args.blocks));
}

/** Matches a `chat.postMessage` Slack accepted in the thread under `ts`. */
export function postedInThread(ts: string): (c: RecordedCall) => boolean {
  return (c) => c.method === 'chat.postMessage' && c.answered === 'ok' && c.args.thread_ts === ts;
}
