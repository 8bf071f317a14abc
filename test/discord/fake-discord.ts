/**
 * A local fake Discord on 127.0.0.1: REST under `/api/v10` and a WebSocket gateway speaking the real
 * protocol (HELLO → IDENTIFY → READY → GUILD_CREATE, heartbeats, RESUME → RESUMED, numbered dispatches).
 * JSON encoding only, no compression (the client asks for neither when zlib-sync is absent).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';

export const IDS = {
  app: '100000000000000001',
  bot: '100000000000000001',
  guild: '200000000000000001',
  channel: '300000000000000001',
  otherChannel: '300000000000000002',
  dm: '400000000000000001',
  user: '500000000000000001',
} as const;

export const TOKEN = 'fake-bot-token';

/** The bot's user object, as Discord sends it. */
export const BOT_USER = { id: IDS.bot, username: 'quotebot', discriminator: '0', global_name: null, avatar: null, bot: true };

/** A message object as the API returns it: posted by the bot now, empty, unless `fields` say otherwise. */
export function apiMessage(id: string, channelId: string, fields: Record<string, unknown> = {}) {
  return {
    id,
    channel_id: channelId,
    author: BOT_USER,
    content: '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
    ...fields,
  };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: any;
  auth: string | undefined;
}

export interface Identify {
  intents: number;
  compress: boolean;
  token: string;
}

type Override = (req: RecordedRequest) => { status: number; body?: unknown; headers?: Record<string, string> } | undefined;

export interface FakeDiscord {
  /** `DISCORD_API_URL` for the client: `http://127.0.0.1:PORT/api`. */
  apiUrl: string;
  requests: RecordedRequest[];
  identifies: Identify[];
  resumes: number;
  heartbeats: number;
  /** Messages created through REST (channel messages and webhook edits), by id. */
  channels: Map<string, { id: string; type: number; guild_id?: string; parent_id?: string; name?: string }>;
  /** Send a dispatch (op 0) on the live session; resolves once sent. */
  dispatch(t: string, d: unknown): Promise<void>;
  /** Resolves when a READY or RESUMED session is live. */
  sessionLive(): Promise<void>;
  /** Close the gateway connection abruptly (code 4000, "unknown error": clients resume). */
  drop(): Promise<void>;
  /** Answer matching REST requests yourself (first override returning a value wins). */
  override(fn: Override): () => void;
  /** Resolve with the first recorded request matching `pred` (already recorded or future). */
  waitFor(pred: (r: RecordedRequest) => boolean, what?: string, timeoutMs?: number): Promise<RecordedRequest>;
  /** All recorded requests matching `pred`, once there are at least `n`. */
  waitForCount(pred: (r: RecordedRequest) => boolean, n: number, what?: string, timeoutMs?: number): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

const HEARTBEAT_INTERVAL = 1000;

/** Start the fake on an ephemeral port. */
export async function startFakeDiscord(): Promise<FakeDiscord> {
  const requests: RecordedRequest[] = [];
  const identifies: Identify[] = [];
  const overrides: Override[] = [];
  const waiters = new Set<() => void>();
  const channels: FakeDiscord['channels'] = new Map([
    [IDS.channel, { id: IDS.channel, type: 0, guild_id: IDS.guild, name: 'research' }],
    [IDS.otherChannel, { id: IDS.otherChannel, type: 0, guild_id: IDS.guild, name: 'random' }],
  ]);
  let nextId = 900000000000000000n;
  const snowflake = () => String(nextId++);
  let seq = 0;
  let socket: WebSocket | undefined;
  let live = false;
  let liveWaiters: Array<() => void> = [];
  const sessionId = 'fake-session';
  const state = { resumes: 0, heartbeats: 0 };

  const server: Server = createServer((req, res) => void handle(req, res));
  const wss = new WebSocketServer({ server });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}`;

  function notify(): void {
    for (const w of waiters) w();
  }

  function setLive(): void {
    live = true;
    const ws = liveWaiters;
    liveWaiters = [];
    for (const w of ws) w();
  }

  function send(ws: WebSocket, payload: unknown): Promise<void> {
    return new Promise((resolve, reject) => ws.send(JSON.stringify(payload), (e) => (e ? reject(e) : resolve())));
  }

  function sendDispatch(ws: WebSocket, t: string, d: unknown): Promise<void> {
    seq += 1;
    return send(ws, { op: 0, t, s: seq, d });
  }

  wss.on('connection', (ws, req) => {
    const url = new URL(req.url ?? '/', base);
    if (url.searchParams.get('encoding') !== 'json' || url.searchParams.has('compress')) {
      ws.close(4002, 'fake gateway speaks uncompressed JSON only');
      return;
    }
    socket = ws;
    live = false;
    void send(ws, { op: 10, s: null, t: null, d: { heartbeat_interval: HEARTBEAT_INTERVAL } });
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: any };
      switch (msg.op) {
        case 1:
          state.heartbeats += 1;
          void send(ws, { op: 11, s: null, t: null, d: null });
          break;
        case 2: {
          identifies.push({ intents: msg.d.intents, compress: msg.d.compress, token: msg.d.token });
          if (msg.d.token !== TOKEN) {
            ws.close(4004, 'Authentication failed');
            return;
          }
          seq = 0;
          void (async () => {
            await sendDispatch(ws, 'READY', {
              v: 10,
              user: BOT_USER,
              guilds: [{ id: IDS.guild, unavailable: true }],
              session_id: sessionId,
              resume_gateway_url: gatewayUrl,
              shard: [0, 1],
              application: { id: IDS.app, flags: 0 },
            });
            await sendDispatch(ws, 'GUILD_CREATE', guildCreate());
            setLive();
          })();
          break;
        }
        case 6:
          if (msg.d.token !== TOKEN || msg.d.session_id !== sessionId) {
            void send(ws, { op: 9, s: null, t: null, d: false });
            return;
          }
          state.resumes += 1;
          void sendDispatch(ws, 'RESUMED', {}).then(setLive);
          break;
        default:
          break;
      }
    });
    ws.on('close', () => {
      if (socket === ws) {
        socket = undefined;
        live = false;
      }
    });
  });

  function guildCreate() {
    return {
      id: IDS.guild,
      name: 'Research Lab',
      icon: null,
      owner_id: IDS.user,
      unavailable: false,
      member_count: 2,
      large: false,
      joined_at: new Date(0).toISOString(),
      roles: [{ id: IDS.guild, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
      emojis: [],
      stickers: [],
      features: [],
      channels: [...channels.values()].filter((c) => c.guild_id === IDS.guild && c.type === 0).map((c) => ({ ...c, position: 0, permission_overwrites: [] })),
      threads: [],
      members: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  function message(channelId: string, body: any, extra: Record<string, unknown> = {}) {
    return apiMessage(snowflake(), channelId, {
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      flags: body?.flags ?? 0,
      ...extra,
    });
  }

  async function readBody(req: IncomingMessage): Promise<any> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    if (!raw.length) return undefined;
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
      const files: Array<{ name: string; text: string }> = [];
      for (const [key, value] of form.entries()) {
        if (key.startsWith('files[') && typeof value !== 'string') files.push({ name: value.name, text: await value.text() });
      }
      return { ...JSON.parse(String(form.get('payload_json') ?? '{}')), _files: files };
    }
    return JSON.parse(raw.toString('utf8'));
  }

  function reply(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
    if (body === undefined) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname).replace(/^\/api\/v10/, ''),
      query: url.searchParams,
      body: await readBody(req),
      auth: req.headers.authorization,
    };
    requests.push(rec);
    notify();
    for (const o of overrides) {
      const r = o(rec);
      if (r) return reply(res, r.status, r.body, r.headers);
    }
    if (!url.pathname.startsWith('/api/v10/')) return reply(res, 404, { message: '404: Not Found', code: 0 });
    const p = rec.path;
    const botAuth = rec.auth === `Bot ${TOKEN}`;
    let m: RegExpMatchArray | null;
    if (rec.method === 'GET' && p === '/gateway/bot') {
      if (!botAuth) return reply(res, 401, { message: '401: Unauthorized', code: 0 });
      return reply(res, 200, {
        url: gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (rec.method === 'POST' && (m = p.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) return reply(res, 204);
    if (rec.method === 'PATCH' && (m = p.match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/))) {
      return reply(res, 200, message(IDS.channel, rec.body, { webhook_id: m[1], application_id: m[1] }));
    }
    if (rec.method === 'POST' && (m = p.match(/^\/webhooks\/(\d+)\/([^/]+)$/))) {
      return reply(res, 200, message(IDS.channel, rec.body, { webhook_id: m[1] }));
    }
    if (!botAuth) return reply(res, 401, { message: '401: Unauthorized', code: 0 });
    if (rec.method === 'POST' && (m = p.match(/^\/channels\/(\d+)\/typing$/))) return reply(res, 204);
    if (rec.method === 'POST' && (m = p.match(/^\/channels\/(\d+)\/messages\/(\d+)\/threads$/))) {
      const thread = { id: snowflake(), type: 11, guild_id: IDS.guild, parent_id: m[1], name: rec.body?.name, owner_id: IDS.bot, thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false }, member_count: 1, message_count: 0 };
      channels.set(thread.id, thread);
      if (socket && live) await sendDispatch(socket, 'THREAD_CREATE', { ...thread, newly_created: true });
      return reply(res, 201, thread);
    }
    if (rec.method === 'POST' && (m = p.match(/^\/channels\/(\d+)\/messages$/))) {
      const channel = channels.get(m[1]!);
      return reply(res, 200, message(m[1]!, rec.body, channel?.guild_id ? { guild_id: channel.guild_id } : {}));
    }
    if (rec.method === 'PUT' && (m = p.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      const list = (rec.body as any[]).map((c) => ({ ...c, id: snowflake(), application_id: m![1], version: '1', ...(m![2] ? { guild_id: m![2] } : {}) }));
      return reply(res, 200, list);
    }
    return reply(res, 404, { message: '404: Not Found', code: 0 });
  }

  const fake: FakeDiscord = {
    apiUrl: `${base}/api`,
    requests,
    identifies,
    channels,
    get resumes() {
      return state.resumes;
    },
    get heartbeats() {
      return state.heartbeats;
    },
    async dispatch(t, d) {
      await fake.sessionLive();
      await sendDispatch(socket!, t, d);
    },
    sessionLive() {
      if (live && socket) return Promise.resolve();
      return new Promise((r) => liveWaiters.push(r));
    },
    async drop() {
      const ws = socket;
      if (!ws) return;
      live = false;
      socket = undefined;
      await new Promise<void>((r) => {
        ws.once('close', () => r());
        ws.close(4000, 'fake gateway drop');
      });
    },
    override(fn) {
      overrides.unshift(fn);
      return () => {
        const i = overrides.indexOf(fn);
        if (i >= 0) overrides.splice(i, 1);
      };
    },
    waitFor(pred, what = 'request', timeoutMs = 10_000) {
      return fake.waitForCount(pred, 1, what, timeoutMs).then((rs) => rs[0]!);
    },
    waitForCount(pred, n, what = 'requests', timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hits = requests.filter(pred);
          if (hits.length >= n) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hits);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake discord: timed out waiting for ${n} × ${what} (have ${requests.filter(pred).length})`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async close() {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return fake;
}
