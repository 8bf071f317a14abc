/**
 * @module bench/system
 * One embedder's index, measured end to end in its own temp data dir over its own temp copy of the
 * corpus: a full build (time, embedded units, peak memory), an update after one file changed (time,
 * units re-embedded), and start-up over the built index (a fresh core until its search engine is ready).
 */
import { appendFile, cp, mkdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Config } from '../config.js';
import { indexOptions, openCore } from '../compose.js';
import { ensureIndex, type BuildProgress, type LoadedIndex } from '../core/index/store.js';
import { formatOf } from '../core/ingest/detect.js';
import type { Logger } from '../core/logger.js';
import type { QuotebotCore } from '../core/core.js';
import { maxRssBytes, startRssSampler } from './memory.js';
import { median } from './stats.js';
import { mb, round, timed } from './timing.js';

/** The embedders the benchmark compares: the default trained model, and corpus-trained LSA. */
export type EmbedderName = 'model' | 'lsa';

/** A forced full build into an empty data dir (ingest, fit, embed, HNSW, write). */
export interface BuildFigures {
  ms: number;
  passages: number;
  /** Embedding units (one per sentence, with the next) embedded. */
  units: number;
  rssBeforeMb: number;
  /** Highest RSS sampled (20 ms timer plus each embedding batch) during the build. */
  peakRssMb: number;
  /** `process.resourceUsage().maxRSS` right after: the process's high-water mark so far (earlier sections included). */
  maxRssMb: number;
}

/** `ensureIndex` after a paragraph was appended to one file of the corpus copy. */
export interface UpdateFigures {
  ms: number;
  /** The changed file (the text file with the most passages: the costliest one to change). */
  file: string;
  /** Units re-embedded (every unit of the changed file; the others are reused). */
  unitsReembedded: number;
}

/** Everything measured for one embedder before the question latency. */
export interface SystemFigures {
  /** The embedder kind recorded in the index manifest. */
  kind: string;
  build: BuildFigures;
  /** Null when the corpus has no text file to append to (see the report's `skipped`). */
  update: UpdateFigures | null;
  /** A fresh `openCore` until `await core.engine()` resolves (scan, load, embedder, search engine): median of runs. */
  startup: { medianMs: number; runs: number };
}

/** A measured system, with the core its latency is measured on. */
export interface PreparedSystem {
  name: EmbedderName;
  /** The configuration its index was built with (its own corpus copy and data dir). */
  config: Config;
  figures: SystemFigures;
  core: QuotebotCore;
}

/** The paragraph appended to one file to measure an update. */
export const APPENDED_PARAGRAPH =
  'Benchmark addendum. The organisation reported that its budget for assisted voluntary return grew again this year. ' +
  'Member states asked for an independent review of how earmarked contributions shape its projects. ' +
  'The review is due before the next meeting of the council.';

/** A copy of `base` whose corpus and data live under `dir/<name>` and whose embedder is `name`. */
export async function systemConfig(base: Config, name: EmbedderName, dir: string): Promise<Config> {
  const corpusDir = join(dir, name, 'corpus');
  const dataDir = join(dir, name, 'data');
  await mkdir(dataDir, { recursive: true });
  await cp(base.corpusDir, corpusDir, { recursive: true });
  return { ...base, corpusDir, dataDir, providers: { ...base.providers, embeddings: name === 'lsa' ? 'lsa' : 'default' } };
}

/** Build, update and open the index of one embedder; `say` gets progress lines. */
export async function prepareSystem(name: EmbedderName, config: Config, logger: Logger, repeat: number, say: (m: string) => void): Promise<PreparedSystem> {
  say(`${name}: full index build`);
  const built = await measureBuild(config, logger);
  say(`${name}: update after one changed file`);
  const update = await measureUpdate(config, logger, built.index);
  say(`${name}: start-up over the built index (${repeat} run${repeat > 1 ? 's' : ''})`);
  const startup = await measureStartup(config, logger, repeat);
  return { name, config, core: startup.core, figures: { kind: built.index.manifest.embedder.kind, build: built.figures, update, startup: startup.figures } };
}

/** A progress sink that counts the units embedded and samples RSS at each batch. */
function unitCounter(sample: () => void = () => {}): { progress: BuildProgress; units: () => number } {
  let units = 0;
  return {
    progress: { start: (total) => ((units += total), sample()), tick: sample, stop: sample },
    units: () => units,
  };
}

async function measureBuild(config: Config, logger: Logger): Promise<{ figures: BuildFigures; index: LoadedIndex }> {
  const sampler = startRssSampler(20);
  const counter = unitCounter(() => sampler.sample());
  const t = await timed(async () => ensureIndex({ ...(await indexOptions(config, logger, counter.progress)), force: true }));
  const rss = sampler.stop();
  const figures: BuildFigures = {
    ms: round(t.ms, 1),
    passages: t.value.passages.length,
    units: counter.units(),
    rssBeforeMb: mb(rss.startBytes),
    peakRssMb: mb(rss.peakBytes),
    maxRssMb: mb(maxRssBytes()),
  };
  return { figures, index: t.value };
}

/** The text file of the index with the most passages, or null when there is none. */
export function fileToChange(index: Pick<LoadedIndex, 'manifest'>): string | null {
  const texts = index.manifest.files.filter((f) => formatOf(f.path) === 'text' || formatOf(f.path) === 'markdown');
  return texts.sort((a, b) => b.passages - a.passages || a.path.localeCompare(b.path))[0]?.path ?? null;
}

async function measureUpdate(config: Config, logger: Logger, index: LoadedIndex): Promise<UpdateFigures | null> {
  const file = fileToChange(index);
  if (!file) return null;
  await appendFile(resolve(process.cwd(), file), `\n\n${APPENDED_PARAGRAPH}\n`);
  const counter = unitCounter();
  const t = await timed(async () => ensureIndex(await indexOptions(config, logger, counter.progress)));
  return { ms: round(t.ms, 1), file: basename(file), unitsReembedded: counter.units() };
}

async function measureStartup(config: Config, logger: Logger, runs: number): Promise<{ figures: SystemFigures['startup']; core: QuotebotCore }> {
  const samples: number[] = [];
  let core: QuotebotCore | undefined;
  for (let i = 0; i < runs; i++) {
    const t = await timed(async () => {
      const fresh = openCore(config, logger);
      await fresh.engine();
      return fresh;
    });
    samples.push(t.ms);
    core = t.value;
  }
  return { figures: { medianMs: round(median(samples), 1), runs: samples.length }, core: core! };
}
