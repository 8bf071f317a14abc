/**
 * A local fake of the parts of Slack quotebot talks to, on 127.0.0.1:
 * - the Web API (`POST /api/<method>`): records every call; answers `auth.test`, `chat.postMessage`,
 *   `chat.postEphemeral`, `reactions.add/remove`, `conversations.replies`, `apps.connections.open`;
 *   can answer 429 with `Retry-After` or a Slack error for the next calls of a method;
 * - response URLs (`POST /respond/<id>`), recorded as method `response_url`;
 * - a Socket Mode WebSocket (`/socket-mode`): sends `hello`, delivers envelopes, collects acks.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  /** 429 / error answers are recorded too, with what was answered. */
  answered: 'ok' | 'rate_limited' | string;
}

export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export const BOT = { userId: 'UQUOTEBOT', botId: 'BQUOTEBOT', teamId: 'T0TEAM', appId: 'A0QUOTEBOT' } as const;

export interface FakeSlack {
  apiUrl: string;
  baseUrl: string;
  calls: RecordedCall[];
  /** Calls of one method that Slack accepted. */
  accepted(method: string): RecordedCall[];
  /** Answer the next `times` calls of `method` with HTTP 429 and `Retry-After: seconds`. */
  rateLimit(method: string, times: number, seconds: number): void;
  /** Answer the next call of `method` with `{ ok: false, error }`. */
  failNext(method: string, error: string): void;
  /** Messages `conversations.replies` returns for a thread. */
  setThread(channel: string, ts: string, messages: Array<Record<string, unknown>>): void;
  responseUrl(): string;
  /** Resolves with the first recorded call matching, waiting for it if needed. */
  waitFor(pred: (c: RecordedCall) => boolean, what?: string, timeoutMs?: number): Promise<RecordedCall>;
  /** Socket Mode: connections opened so far. */
  socketConnections(): number;
  /** Socket Mode: send an envelope on the open connection and resolve with its ack. */
  deliver(envelope: Record<string, unknown> & { envelope_id: string }, timeoutMs?: number): Promise<SocketAck>;
  /** Socket Mode: resolves once a client has said nothing for a while after hello (connected). */
  waitForSocket(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: RecordedCall[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const limits = new Map<string, { times: number; seconds: number }>();
  const failures = new Map<string, string[]>();
  const threads = new Map<string, Array<Record<string, unknown>>>();
  let tsCounter = 1_700_000_000_000;
  let responseCounter = 0;
  let connections = 0;
  let socket: WebSocket | undefined;
  const acks = new EventEmitter();
  acks.setMaxListeners(0);

  const record = (c: RecordedCall): void => {
    calls.push(c);
    events.emit('call', c);
  };

  const server: Server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith('/respond/')) {
      record({ method: 'response_url', args: parseBody(raw, req.headers['content-type']), answered: 'ok' });
      return send(200, { ok: true });
    }
    if (!url.pathname.startsWith('/api/')) return send(404, { ok: false, error: 'not_found' });
    const method = url.pathname.slice('/api/'.length);
    const args = parseBody(raw, req.headers['content-type']);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || (args.token as string | undefined);
    const limit = limits.get(method);
    if (limit && limit.times > 0) {
      limit.times -= 1;
      record({ method, args, token, answered: 'rate_limited' });
      return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limit.seconds) });
    }
    const failure = failures.get(method)?.shift();
    if (failure) {
      record({ method, args, token, answered: failure });
      return send(200, { ok: false, error: failure });
    }
    const answer = answerFor(method, args);
    record({ method, args, token, answered: answer.ok ? 'ok' : String(answer.error) });
    return send(200, answer);
  });

  const answerFor = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake.slack.test/', team: 'Fake', user: 'quotebot', team_id: BOT.teamId, user_id: BOT.userId, bot_id: BOT.botId };
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${port()}/socket-mode` };
      case 'chat.postMessage': {
        const ts = `${Math.floor(++tsCounter / 1000)}.${String(tsCounter % 1000).padStart(6, '0')}`;
        return { ok: true, channel: args.channel, ts, message: { ts, text: args.text, thread_ts: args.thread_ts } };
      }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: `${++tsCounter}.000100` };
      case 'reactions.add':
      case 'reactions.remove':
        return { ok: true };
      case 'conversations.replies':
        return { ok: true, messages: threads.get(`${args.channel}:${args.ts}`) ?? [], has_more: false };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, sock, head) => {
    if (!req.url?.startsWith('/socket-mode')) return sock.destroy();
    wss.handleUpgrade(req, sock, head, (ws) => {
      connections += 1;
      socket = ws;
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as SocketAck;
        if (msg.envelope_id) acks.emit(msg.envelope_id, msg);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: BOT.appId }, debug_info: { host: 'fake' } }));
      events.emit('socket');
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (): number => (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port()}`;

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    calls,
    accepted: (method) => calls.filter((c) => c.method === method && c.answered === 'ok'),
    rateLimit: (method, times, seconds) => void limits.set(method, { times, seconds }),
    failNext: (method, error) => void failures.set(method, [...(failures.get(method) ?? []), error]),
    setThread: (channel, ts, messages) => void threads.set(`${channel}:${ts}`, messages),
    responseUrl: () => `${baseUrl}/respond/${++responseCounter}`,
    waitFor(pred, what = 'a matching Slack call', timeoutMs = 15_000) {
      const hit = calls.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          events.off('call', on);
          reject(new Error(`timed out waiting for ${what}; calls: ${calls.map((c) => c.method).join(', ')}`));
        }, timeoutMs);
        const on = (c: RecordedCall): void => {
          if (!pred(c)) return;
          clearTimeout(timer);
          events.off('call', on);
          resolve(c);
        };
        events.on('call', on);
      });
    },
    socketConnections: () => connections,
    deliver(envelope, timeoutMs = 10_000) {
      if (!socket) return Promise.reject(new Error('no Socket Mode connection'));
      const ws = socket;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ack for ${envelope.envelope_id}`)), timeoutMs);
        acks.once(envelope.envelope_id, (ack: SocketAck) => {
          clearTimeout(timer);
          resolve(ack);
        });
        ws.send(JSON.stringify(envelope));
      });
    },
    waitForSocket(timeoutMs = 10_000) {
      if (socket) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no Socket Mode connection')), timeoutMs);
        events.once('socket', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The Web API client sends form-encoded bodies with nested values as JSON; response URLs get JSON. */
function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('json')) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
