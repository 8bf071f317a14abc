/**
 * @module bench/run
 * `runBench`: in one process, the default model's fetch, and for each embedder (the default trained
 * model, corpus-trained LSA) a full index build, an update after one changed file, start-up over the
 * built index and question latency; plus the naive hybrid recipe ({@link buildNaiveRecipe}) with the
 * same model. Times are medians and percentiles, and the headline figures are ratios between systems
 * measured in the same run, interleaved, because the machine is shared and noisy.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { QuotebotError } from '../core/errors.js';
import { parseEvalItems } from '../core/eval/dataset.js';
import type { Logger } from '../core/logger.js';
import type { SearchEngine } from '../core/retrieve/search.js';
import { embedderFactoryFor } from '../providers/index.js';
import { interleavedLatency, type Probe } from './latency.js';
import { startRssSampler } from './memory.js';
import { measureModelFetch, type ModelFetchSection } from './model-fetch.js';
import { buildNaiveRecipe, NAIVE_DEFAULTS, type NaiveOptions, type NaiveRecipe } from './naive.js';
import { measureParsing, type ParseSection } from './parse.js';
import { ratio, type LatencySummary } from './stats.js';
import { prepareSystem, systemConfig, type EmbedderName, type PreparedSystem, type SystemFigures } from './system.js';
import { mb, round, roundRatio, timed } from './timing.js';

export type { ParseFigures } from './parse.js';

/** Options of {@link runBench}. */
export interface BenchOptions {
  /** Times each question is asked of each system, the corpus parsed, and each index started. @defaultValue 5 */
  repeat?: number;
  /** The JSONL question set. @defaultValue 'test/eval/dev.jsonl' */
  questionsFile?: string;
  /** Overrides of the naive recipe's settings (the defaults are the recipe under test). */
  naive?: NaiveOptions;
  /** Time a fetch of the model into an empty cache (downloads ~105 MB). @defaultValue true */
  fetch?: boolean;
}

/** What {@link runBench} needs from its caller. */
export interface BenchDeps {
  /**
   * The corpus comes from `config.corpusDir` (copied, never changed); `config.dataDir` is never touched.
   * `providers.embeddings: 'lsa'` skips every model section; any other value benchmarks the default model.
   */
  config: Config;
  logger: Logger;
  /** Human progress messages (stderr), never results. */
  progress?: (message: string) => void;
}

/** One embedder's figures: its index, and its question latency (ms). */
export interface EmbedderSection extends SystemFigures {
  latency: {
    /** `core.ask` for the whole answer (retrieval, quote selection, verification, citations). */
    ask: LatencySummary;
    /** Retrieval alone (query analysis + hybrid search + rerank), without quote selection. */
    retrieval: LatencySummary;
    /** `embedQuery` of the loaded embedder on the question alone. */
    embed: LatencySummary;
  };
}

/** The naive recipe's build and query latency. */
export interface NaiveSection {
  /** Which of quotebot's embedders it uses (the model, or LSA when the model is skipped), and its kind. */
  system: EmbedderName;
  embedder: string;
  buildMs: number;
  chunks: number;
  rssGrowthMb: number;
  chunkSize: number;
  chunkOverlap: number;
  candidates: number;
  rrfK: number;
  top: number;
  /** BM25 + embed + HNSW + RRF, top chunks. */
  latency: LatencySummary;
}

/** Same-run ratios (null when a side is missing). */
export interface BenchRatios {
  /** The model's figure over LSA's: full build, update, start-up, `ask` p50. */
  modelOverLsa: { build: number | null; update: number | null; startup: number | null; p50: number | null };
  /** quotebot's `ask` p50 over the naive recipe's p50, both with the embedder `naive.system`. */
  quotebotOverNaiveP50: number | null;
}

/** The model's goals, each met or not. */
export interface ModelGoals {
  buildAtMost180s: boolean;
  updateAtMost20s: boolean | null;
  startupAtMost2s: boolean;
  p50AtMost100ms: boolean;
  p95AtMost300ms: boolean;
}

/** Every figure of one benchmark run. Durations in ms, memory in MB (10⁶ bytes). */
export interface BenchReport {
  environment: { node: string; platform: string; cpus: number; loadAvgStart: number[]; loadAvgEnd: number[]; startedAt: string };
  repeat: number;
  corpus: { dir: string; files: number; bytes: number };
  questions: number;
  parse: ParseSection;
  modelFetch: ModelFetchSection;
  embedders: { model: EmbedderSection | null; lsa: EmbedderSection };
  naive: NaiveSection;
  ratios: BenchRatios;
  /** Null when the model was skipped. */
  goals: { model: ModelGoals | null };
  /** Why each null figure is null, keyed by its path in the report (`embedders.model`, `modelFetch.uncached`, …). */
  skipped: Record<string, string>;
}

/** Run every benchmark once and return the figures. Cleans up its temp dirs even on failure. */
export async function runBench(options: BenchOptions, deps: BenchDeps): Promise<BenchReport> {
  const repeat = Math.max(1, Math.floor(options.repeat ?? 5));
  const { config, logger } = deps;
  const say = deps.progress ?? (() => {});
  const loadAvgStart = loadavg();
  const startedAt = new Date().toISOString();

  const questionsFile = options.questionsFile ?? 'test/eval/dev.jsonl';
  const questions = parseEvalItems(await readText(questionsFile, 'question set'), questionsFile).map((q) => q.question);

  say(`parsing ${config.corpusDir} (${repeat} timed run${repeat > 1 ? 's' : ''})`);
  const parsed = await measureParsing(config.corpusDir, repeat);
  const fetched = await measureModelFetch(config, { fetch: options.fetch ?? true, repeat, logger, say });
  const skipped: Record<string, string> = { ...fetched.skipped };
  if (fetched.unavailable) skipped['embedders.model'] = fetched.unavailable;

  const workDir = await mkdtemp(join(tmpdir(), 'quotebot-bench-'));
  try {
    // LSA first: its peak RSS is then measured before the model's sessions and buffers fill the process
    const names: EmbedderName[] = fetched.unavailable ? ['lsa'] : ['lsa', 'model'];
    const systems: PreparedSystem[] = [];
    for (const name of names) {
      const system = await prepareSystem(name, await systemConfig(config, name, workDir), logger, repeat, say);
      if (!system.figures.update) skipped[`embedders.${name}.update`] = 'no text or markdown file in the corpus to append a paragraph to';
      systems.push(system);
    }
    const primary = systems.find((s) => s.name === 'model') ?? systems[0]!;
    const naive = await measureNaiveBuild(parsed.rawFiles, primary, options.naive, logger, say);
    const latency = await interleavedLatency(questions, probes(await withEngines(systems), naive.recipe), { repeat, say });

    const sections = Object.fromEntries(systems.map((s) => [s.name, embedderSection(s, latency)])) as Partial<Record<EmbedderName, EmbedderSection>>;
    const naiveSection: NaiveSection = { ...naive.figures, system: primary.name, latency: latency.naive! };
    return {
      environment: environment(loadAvgStart, startedAt),
      repeat,
      corpus: { dir: config.corpusDir, ...parsed.corpus },
      questions: questions.length,
      parse: parsed.section,
      modelFetch: fetched.section,
      embedders: { model: sections.model ?? null, lsa: sections.lsa! },
      naive: naiveSection,
      ratios: ratios(sections.model ?? null, sections.lsa!, sections[primary.name]!, naiveSection),
      goals: { model: sections.model ? modelGoals(sections.model) : null },
      skipped,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

function environment(loadAvgStart: number[], startedAt: string): BenchReport['environment'] {
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpus().length,
    loadAvgStart: loadAvgStart.map((x) => round(x, 2)),
    loadAvgEnd: loadavg().map((x) => round(x, 2)),
    startedAt,
  };
}

/** Build the naive recipe with the embedder of `system` (a fresh instance of the same factory). */
async function measureNaiveBuild(
  files: { file: string; text: string }[],
  system: PreparedSystem,
  overrides: NaiveOptions | undefined,
  logger: Logger,
  say: (m: string) => void,
): Promise<{ recipe: NaiveRecipe; figures: Omit<NaiveSection, 'system' | 'latency'> }> {
  const o = { ...NAIVE_DEFAULTS, ...overrides };
  say(`naive recipe: ${o.chunkSize}/${o.chunkOverlap} chunks, BM25 + ${system.name} vectors in HNSWLib, RRF`);
  const embedders = await embedderFactoryFor(system.config.providers, { logger });
  const sampler = startRssSampler(20);
  const build = await timed(() => buildNaiveRecipe(files, overrides, embedders));
  const rss = sampler.stop();
  const { chunkSize, chunkOverlap, candidates, rrfK, top } = o;
  return {
    recipe: build.value,
    figures: {
      embedder: embedders.kind,
      buildMs: round(build.ms, 1),
      chunks: build.value.chunks.length,
      rssGrowthMb: mb(rss.peakBytes - rss.startBytes),
      chunkSize,
      chunkOverlap,
      candidates,
      rrfK,
      top,
    },
  };
}

async function withEngines(systems: PreparedSystem[]): Promise<{ system: PreparedSystem; engine: SearchEngine }[]> {
  return Promise.all(systems.map(async (system) => ({ system, engine: await system.core.engine() })));
}

/** For each system: the whole answer, retrieval alone, the question's embedding alone; then the naive query. */
function probes(systems: { system: PreparedSystem; engine: SearchEngine }[], naive: NaiveRecipe): Probe[] {
  return [
    ...systems.flatMap(({ system: s, engine: e }): Probe[] => [
      { name: `${s.name}.ask`, call: (question) => s.core.ask({ question, k: 5 }) },
      { name: `${s.name}.retrieval`, call: (question) => e.search(e.analyse(question)) },
      { name: `${s.name}.embed`, call: (question) => e.index.embedder.embedQuery(question) },
    ]),
    { name: 'naive', call: (question) => naive.query(question) },
  ];
}

function embedderSection(s: PreparedSystem, latency: Record<string, LatencySummary>): EmbedderSection {
  const of = (probe: string) => latency[`${s.name}.${probe}`]!;
  return { ...s.figures, latency: { ask: of('ask'), retrieval: of('retrieval'), embed: of('embed') } };
}

function ratios(model: EmbedderSection | null, lsa: EmbedderSection, primary: EmbedderSection, naive: NaiveSection): BenchRatios {
  const over = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? null : roundRatio(ratio(a, b)));
  return {
    modelOverLsa: {
      build: over(model?.build.ms, lsa.build.ms),
      update: over(model?.update?.ms, lsa.update?.ms),
      startup: over(model?.startup.medianMs, lsa.startup.medianMs),
      p50: over(model?.latency.ask.p50, lsa.latency.ask.p50),
    },
    quotebotOverNaiveP50: over(primary.latency.ask.p50, naive.latency.p50),
  };
}

/** The model's goals: build ≤ 180 s, update ≤ 20 s, start-up ≤ 2 s, `ask` p50 ≤ 100 ms and p95 ≤ 300 ms. */
export function modelGoals(m: EmbedderSection): ModelGoals {
  return {
    buildAtMost180s: m.build.ms <= 180_000,
    updateAtMost20s: m.update ? m.update.ms <= 20_000 : null,
    startupAtMost2s: m.startup.medianMs <= 2_000,
    p50AtMost100ms: m.latency.ask.p50 <= 100,
    p95AtMost300ms: m.latency.ask.p95 <= 300,
  };
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new QuotebotError('BAD_INPUT', `cannot read the ${what} ${file}: ${(e as Error).message}`, {
      hint: 'run the benchmark from the project folder, or pass --questions',
      cause: e,
    });
  }
}
