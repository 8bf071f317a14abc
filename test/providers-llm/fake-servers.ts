/**
 * Local fake language-model servers on 127.0.0.1 (real HTTP, ephemeral ports): an OpenAI-compatible one
 * (`POST /v1/embeddings`, `POST /v1/chat/completions`) and an Ollama one (`POST /api/embed`, streaming
 * `POST /api/chat`). Each request is recorded; scripted faults (an HTTP status, a hang) are consumed in order
 * before normal replies resume.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino, type Logger } from 'pino';

/** A deterministic embedding: hashed bag of lowercased words, L2-normalised. Same text, same vector. */
export function fakeEmbedding(text: string, dims = 32): number[] {
  const v = new Array<number>(dims).fill(0);
  for (const w of text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean)) {
    let h = 2166136261;
    for (const ch of w) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619);
    v[(h >>> 0) % dims]! += 1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

/** A scripted fault; with `path`, it waits for a request to that path. */
export type Fault = ({ status: number; body?: string } | { hang: true }) & { path?: string };

export interface Recorded {
  path: string;
  body: Record<string, unknown>;
}

export interface FakeServer {
  url: string;
  requests: Recorded[];
  /** Faults served, in order, before normal replies. */
  faults: Fault[];
  /** The chat reply text (OpenAI `message.content`, Ollama streamed `message.content`). */
  chatReply: string | ((body: Record<string, unknown>) => string);
  dims: number;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function start(handle: (fake: FakeServer, path: string, body: Record<string, unknown>, res: ServerResponse) => void): Promise<FakeServer> {
  const hung = new Set<ServerResponse>();
  let server!: Server;
  const fake: FakeServer = {
    url: '',
    requests: [],
    faults: [],
    chatReply: '{"sentences": []}',
    dims: 32,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hung) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server = createServer((req, res) => {
    void readJson(req).then((body) => {
      const path = (req.url ?? '').split('?')[0]!;
      fake.requests.push({ path, body });
      const at = fake.faults.findIndex((f) => !f.path || f.path === path);
      const fault = at >= 0 ? fake.faults.splice(at, 1)[0] : undefined;
      if (fault && 'hang' in fault) {
        hung.add(res);
        return;
      }
      if (fault) {
        res.writeHead(fault.status, { 'content-type': 'application/json' });
        res.end(fault.body ?? JSON.stringify({ error: { message: `fake fault ${fault.status}` } }));
        return;
      }
      handle(fake, path, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

const replyText = (fake: FakeServer, body: Record<string, unknown>) =>
  typeof fake.chatReply === 'function' ? fake.chatReply(body) : fake.chatReply;

/** A fake OpenAI-compatible server; its base URL for clients is `${url}/v1`. */
export function startFakeOpenAI(): Promise<FakeServer> {
  return start((fake, path, body, res) => {
    if (path === '/v1/embeddings') {
      const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
      const data = input.map((t, index) => {
        const v = fakeEmbedding(t, fake.dims);
        const embedding = body.encoding_format === 'base64' ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v;
        return { object: 'embedding', index, embedding };
      });
      return send(res, 200, { object: 'list', data, model: body.model, usage: { prompt_tokens: 1, total_tokens: 1 } });
    }
    if (path === '/v1/chat/completions') {
      return send(res, 200, {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: replyText(fake, body) }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
    }
    send(res, 404, { error: { message: `no route ${path}` } });
  });
}

/** A fake Ollama server; its base URL for clients is `url`. */
export function startFakeOllama(): Promise<FakeServer> {
  return start((fake, path, body, res) => {
    if (path === '/api/embed') {
      const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
      return send(res, 200, { model: body.model, embeddings: input.map((t) => fakeEmbedding(t, fake.dims)) });
    }
    if (path === '/api/chat') {
      const text = replyText(fake, body);
      const half = Math.ceil(text.length / 2);
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      for (const part of [text.slice(0, half), text.slice(half)]) {
        res.write(JSON.stringify({ model: body.model, created_at: new Date(0).toISOString(), message: { role: 'assistant', content: part }, done: false }) + '\n');
      }
      res.end(JSON.stringify({ model: body.model, created_at: new Date(0).toISOString(), message: { role: 'assistant', content: '' }, done: true, done_reason: 'stop', eval_count: 1, prompt_eval_count: 1 }) + '\n');
      return;
    }
    send(res, 404, { error: `no route ${path}` });
  });
}

/** A debug-level pino logger that keeps every record (for asserting on what was logged). */
export function captureLogger(): { logger: Logger; records: { level: number; msg: string; [k: string]: unknown }[] } {
  const records: { level: number; msg: string }[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void records.push(JSON.parse(line)) });
  return { logger, records };
}
