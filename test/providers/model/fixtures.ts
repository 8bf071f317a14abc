/**
 * Fixtures for the model-fetch tests: a small synthetic ModelSpec whose files are made here (with their real
 * SHA-256), a ZIP writer (stored or deflated entries, real CRC-32) to build wheels, a fake hub (a real
 * node:http server on 127.0.0.1), a fake `python` (a real executable that imitates `python -m pip download`),
 * and a pino logger whose lines are kept in memory.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import { pino, type Logger } from 'pino';
import { sha256 } from '../../../src/providers/model/fetch.js';
import type { ModelFile, ModelSpec } from '../../../src/providers/model/spec.js';

const created: string[] = [];

/** A new temporary folder, removed by {@link removeTempDirs}. */
export function tempDir(prefix = 'qb-model-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Remove every folder {@link tempDir} made. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The bytes of the synthetic model's files, by name. */
export const CONTENT: Record<string, Buffer> = {
  'weights.bin': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) & 0xff)),
  'vocab.json': Buffer.from(JSON.stringify({ '[PAD]': 0, '[UNK]': 1, quote: 2, bot: 3 })),
  'config.json': Buffer.from('{"do_lower_case":true,"model_max_length":16}\n'),
};

const file = (name: string, wheel: ModelFile['wheel'], hubPath: string): ModelFile => ({
  name,
  sha256: sha256(CONTENT[name]!),
  bytes: CONTENT[name]!.length,
  wheel,
  hubPath,
});

/** Shaped like MINILM_INT8: one wheel carrying one file, another carrying two. */
export const SPEC: ModelSpec = {
  id: 'fake-model@test/1',
  name: 'synthetic test model',
  licence: 'MIT',
  dims: 4,
  maxTokens: 16,
  files: [
    file('weights.bin', { name: 'qb-fake-weights', version: '1.2.3', path: 'qb_fake_weights/weights.bin' }, 'onnx/weights.bin'),
    file('vocab.json', { name: 'qb-fake-tok', version: '0.4.0', path: 'qb_fake_tok/model/vocab.json' }, 'vocab.json'),
    file('config.json', { name: 'qb-fake-tok', version: '0.4.0', path: 'qb_fake_tok/model/config.json' }, 'config.json'),
  ],
};

/** A folder holding the model's files (`override` replaces some bytes; `omit` leaves some out). */
export function modelFolder(options: { override?: Record<string, Buffer>; omit?: string[] } = {}): string {
  const dir = tempDir('qb-model-dir-');
  for (const f of SPEC.files) {
    if (options.omit?.includes(f.name)) continue;
    writeFileSync(join(dir, f.name), options.override?.[f.name] ?? CONTENT[f.name]!);
  }
  return dir;
}

/** One byte changed. */
export const altered = (b: Buffer) => {
  const c = Buffer.from(b);
  c[0] = c[0]! ^ 0xff;
  return c;
};

// ---------------------------------------------------------------------------------------------- ZIP

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** @defaultValue 'deflate' */
  method?: 'store' | 'deflate';
}

/** A ZIP archive (no data descriptors, no ZIP64) as a wheel or DOCX writer would make it. */
export function makeZip(entries: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const method = e.method === 'store' ? 0 : 8;
    const body = method === 8 ? deflateRawSync(e.data) : Buffer.from(e.data);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** The wheels carrying SPEC's files, by `name==version` (`override` replaces a file's bytes; `omit` leaves it out). */
export function makeWheels(options: { override?: Record<string, Buffer>; omit?: string[] } = {}): Map<string, Buffer> {
  const byWheel = new Map<string, ZipInput[]>();
  for (const f of SPEC.files) {
    const req = `${f.wheel.name}==${f.wheel.version}`;
    if (!byWheel.has(req)) byWheel.set(req, [{ name: `${f.wheel.path.split('/')[0]}/__init__.py`, data: Buffer.from('') }]);
    if (options.omit?.includes(f.name)) continue;
    // the weights stored, the tokenizer files deflated: both methods a real wheel uses
    byWheel.get(req)!.push({ name: f.wheel.path, data: options.override?.[f.name] ?? CONTENT[f.name]!, method: f.name === 'weights.bin' ? 'store' : 'deflate' });
  }
  return new Map([...byWheel].map(([req, entries]) => [req, makeZip(entries)]));
}

// ---------------------------------------------------------------------------------------------- fake hub

export interface FakeHub {
  endpoint: string;
  repo: string;
  revision: string;
  /** Every request's path, in order. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A hub on 127.0.0.1 serving `/<repo>/resolve/<revision>/<hubPath>` for SPEC's files.
 * `override` replaces a file's bytes (by hubPath); `status` answers a hubPath with that HTTP status instead.
 */
export async function startHub(options: { override?: Record<string, Buffer>; status?: Record<string, number> } = {}): Promise<FakeHub> {
  const repo = 'fake-org/fake-model';
  const revision = '0123abcd';
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const prefix = `/${repo}/resolve/${revision}/`;
    const hubPath = path.startsWith(prefix) ? path.slice(prefix.length) : null;
    const f = SPEC.files.find((x) => x.hubPath === hubPath);
    const status = hubPath !== null ? options.status?.[hubPath] : undefined;
    if (!f || status) {
      res.writeHead(status ?? 404, { 'content-type': 'text/plain' }).end('Entry not found');
      return;
    }
    const body = options.override?.[f.hubPath] ?? CONTENT[f.name]!;
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/`,
    repo,
    revision,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An endpoint nothing listens on (a port just released). */
export async function closedEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

// ---------------------------------------------------------------------------------------------- fake python

export interface FakePython {
  /** The executable to pass as `python`. */
  path: string;
  /** The argument lists it was run with, in order. */
  calls(): string[][];
}

/**
 * An executable that imitates `python -m pip download --no-deps ... --dest DIR name==version`: it records its
 * arguments, then writes the wheel it was given for that requirement into DIR (as pip names wheels).
 * With `fail`, it prints `fail.stderr` to stderr and exits with `fail.code` instead.
 */
export function fakePython(options: { wheels?: Map<string, Buffer>; fail?: { stderr: string; code: number } } = {}): FakePython {
  const dir = tempDir('qb-fake-python-');
  const wheels: Record<string, string> = {};
  for (const [req, zip] of options.wheels ?? []) {
    const at = join(dir, `${req.replace('==', '-')}.zip`);
    writeFileSync(at, zip);
    wheels[req] = at;
  }
  const log = join(dir, 'calls.jsonl');
  const script = `#!${process.execPath}
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n');
const fail = ${JSON.stringify(options.fail ?? null)};
if (fail) { process.stderr.write(fail.stderr); process.exit(fail.code); }
const wheels = ${JSON.stringify(wheels)};
if (args[0] !== '-m' || args[1] !== 'pip' || args[2] !== 'download') { process.stderr.write('usage: python -m pip download ...\\n'); process.exit(2); }
const dest = args[args.indexOf('--dest') + 1];
const req = args[args.length - 1];
if (!wheels[req]) { process.stderr.write('ERROR: No matching distribution found for ' + req + '\\n'); process.exit(1); }
const [name, version] = req.split('==');
fs.mkdirSync(dest, { recursive: true });
fs.copyFileSync(wheels[req], path.join(dest, name.replace(/-/g, '_') + '-' + version + '-py3-none-any.whl'));
`;
  const path = join(dir, 'python.cjs');
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return {
    path,
    calls: () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as string[])
        : [],
  };
}

export { captureLogger } from '../../helpers/capture-logger.js';
