/**
 * @module bench/run
 * `runBench`: parsing throughput, index build time and memory, and question latency of quotebot against
 * the naive hybrid recipe ({@link buildNaiveRecipe}) and against embedding the question alone, all in one
 * process on the same questions. Times are medians and percentiles, and the headline figures are ratios
 * to baselines measured in the same run, interleaved, because the machine is shared and noisy.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Config } from '../config.js';
import { QuotebotError } from '../core/errors.js';
import { parseEvalItems } from '../core/eval/dataset.js';
import { ensureIndex } from '../core/index/store.js';
import { looksLikePdfConversion, parseConvertedText } from '../core/ingest/converted-text.js';
import { formatOf } from '../core/ingest/detect.js';
import { ingestDirectory } from '../core/ingest/index.js';
import type { Logger } from '../core/logger.js';
import { indexOptions, openCore } from '../compose.js';
import type { ParsedDocument } from '../core/types.js';
import { maxRssBytes, startRssSampler } from './memory.js';
import { buildNaiveRecipe, NAIVE_DEFAULTS, type NaiveOptions } from './naive.js';
import { median, ratio, summarise, type LatencySummary } from './stats.js';

/** Options of {@link runBench}. */
export interface BenchOptions {
  /** Times each question is asked of each system, and times the corpus is parsed. @defaultValue 5 */
  repeat?: number;
  /** The JSONL question set. @defaultValue 'test/eval/dev.jsonl' */
  questionsFile?: string;
  /** Overrides of the naive recipe's settings (the defaults are the recipe under test). */
  naive?: NaiveOptions;
}

/** What {@link runBench} needs from its caller. */
export interface BenchDeps {
  /** The corpus comes from `config.corpusDir`; `config.dataDir` is never touched (a temp dir is used). */
  config: Config;
  logger: Logger;
  /** Human progress messages (stderr), never results. */
  progress?: (message: string) => void;
}

/** Median time and throughput of one parsing path. */
export interface ParseFigures {
  files: number;
  bytes: number;
  medianMs: number;
  /** Megabytes (10⁶ bytes) per second at the median time. */
  mbPerSec: number | null;
}

/** Every figure of one benchmark run. Durations in ms, memory in MB (10⁶ bytes). */
export interface BenchReport {
  environment: { node: string; platform: string; cpus: number; loadAvgStart: number[]; loadAvgEnd: number[]; startedAt: string };
  repeat: number;
  corpus: { dir: string; files: number; bytes: number };
  parse: {
    /** Full ingestion (read, detect, sniff, parse, catalog) of the corpus directory. */
    ingestDirectory: ParseFigures;
    /** The PDF-conversion parser alone on the texts that ingestion routes to it (null when none do). */
    parseConvertedText: ParseFigures | null;
    /** Goal: ingesting the whole corpus takes well under a second (median under 1,000 ms). */
    goalUnder1s: boolean;
  };
  index: {
    /** Wall time of a forced full `ensureIndex` into an empty temp data dir (ingest + fit + embed + HNSW + write). */
    buildMs: number;
    passages: number;
    rssBeforeMb: number;
    /** Highest RSS sampled (20 ms timer plus each embedding batch) during the build. */
    peakRssMb: number;
    /** `process.resourceUsage().maxRSS` right after the build: the process's high-water mark so far. */
    maxRssMb: number;
    /** Time for the core to open the built index on first use (re-ingest to check for changes, read it, build the search engine). */
    loadMs: number;
  };
  naive: { buildMs: number; chunks: number; rssGrowthMb: number; chunkSize: number; chunkOverlap: number; candidates: number; rrfK: number; top: number };
  latency: {
    questions: number;
    /** `core.ask` for the whole answer (retrieval, quote selection, verification, citations). */
    quotebot: LatencySummary;
    /** The naive recipe's query: BM25 + embed + HNSW + RRF, top 5 chunks. */
    naive: LatencySummary;
    /** `embedQuery` of quotebot's own loaded embedder on the question alone. */
    embed: LatencySummary;
    /** quotebot's retrieval alone (query analysis + hybrid search + rerank), without quote selection: where the time goes. */
    quotebotRetrieval: LatencySummary;
    ratios: { quotebotOverNaiveP50: number | null; quotebotOverEmbedP50: number | null };
    goals: { p50Under30ms: boolean; p50AtMost1_5xEmbed: boolean };
  };
}

const MB = 1e6;
const round = (x: number, digits = 3): number => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);
const roundSummary = (s: LatencySummary): LatencySummary => ({ n: s.n, p50: round(s.p50, 4), p95: round(s.p95, 4), min: round(s.min, 4), max: round(s.max, 4) });
const roundRatio = (r: number | null): number | null => (r === null ? null : round(r, 2));

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

function figures(files: number, bytes: number, samples: number[]): ParseFigures {
  const medianMs = median(samples);
  return { files, bytes, medianMs: round(medianMs), mbPerSec: roundRatio(ratio(bytes / MB, medianMs / 1000)) };
}

/** Run every benchmark once and return the figures. Cleans up its temp data dir even on failure. */
export async function runBench(options: BenchOptions, deps: BenchDeps): Promise<BenchReport> {
  const repeat = Math.max(1, Math.floor(options.repeat ?? 5));
  const { config, logger } = deps;
  const say = deps.progress ?? (() => {});
  const loadAvgStart = loadavg();
  const startedAt = new Date().toISOString();

  const questionsFile = options.questionsFile ?? 'test/eval/dev.jsonl';
  const questions = parseEvalItems(await readText(questionsFile, 'question set'), questionsFile);

  // (1) parsing: one untimed pass (warm caches, lazy imports), then `repeat` timed passes of each path
  say(`parsing ${config.corpusDir} (${repeat} timed run${repeat > 1 ? 's' : ''})`);
  const root = process.cwd();
  const first = await ingestDirectory(config.corpusDir, { root });
  const okFiles = first.files.filter((f) => f.ok);
  if (!okFiles.length) {
    throw new QuotebotError('NO_CORPUS', `No readable documents found in ${config.corpusDir}`, { hint: 'put documents in corpus/ (or set QUOTEBOT_CORPUS)' });
  }
  const raw = await Promise.all(okFiles.map(async (f) => ({ file: f.path, bytes: await readFile(resolve(root, f.path)) })));
  const corpusBytes = raw.reduce((n, f) => n + f.bytes.byteLength, 0);
  const converted = raw
    .filter((f) => formatOf(f.file) === 'text' || formatOf(f.file) === 'markdown')
    .map((f) => ({ file: f.file, text: f.bytes.toString('utf8'), bytes: f.bytes.byteLength }))
    .filter((f) => looksLikePdfConversion(f.text));
  const parseConverted = () => converted.forEach((f) => parseConvertedText(f.text, f.file));
  parseConverted();
  // interleaved, so a burst of load from elsewhere on the machine hits both paths alike
  const ingestMs: number[] = [];
  const convertedMs: number[] = [];
  for (let i = 0; i < repeat; i++) {
    ingestMs.push((await timed(() => ingestDirectory(config.corpusDir, { root }))).ms);
    if (converted.length) convertedMs.push((await timed(async () => parseConverted())).ms);
  }
  const convertedFigures = converted.length ? figures(converted.length, converted.reduce((n, f) => n + f.bytes, 0), convertedMs) : null;

  const dataDir = await mkdtemp(join(tmpdir(), 'quotebot-bench-'));
  try {
    const benchConfig: Config = { ...config, dataDir };

    // (2) index build: a forced full build into the empty temp dir, sampling RSS
    say('building the index (forced full build into a temp data dir)');
    const sampler = startRssSampler(20);
    const progress = { start: () => sampler.sample(), tick: () => sampler.sample(), stop: () => sampler.sample() };
    const build = await timed(async () => ensureIndex({ ...(await indexOptions(benchConfig, logger, progress)), force: true }));
    const rss = sampler.stop();
    const maxRss = maxRssBytes();

    // the naive recipe over each file's raw text; formats that are not text go through our parser's text
    say('building the naive recipe (1000/200 chunks, BM25, LSA vectors in HNSWLib)');
    const docsByFile = new Map<string, ParsedDocument>(first.docs.map((d) => [d.meta.file, d]));
    const naiveFiles = raw.map((f) => {
      const format = formatOf(f.file);
      const text = format === 'text' || format === 'markdown' ? f.bytes.toString('utf8') : plainText(docsByFile.get(f.file));
      return { file: f.file, text };
    });
    const naiveSampler = startRssSampler(20);
    const naiveBuild = await timed(async () => buildNaiveRecipe(naiveFiles, options.naive, (await indexOptions(config, logger)).embedders));
    const naiveRss = naiveSampler.stop();
    const naive = naiveBuild.value;

    // (3) question latency, after the index is loaded and one untimed warm-up pass of every call
    say('loading the index and warming up');
    const core = openCore(benchConfig, logger);
    const load = await timed(() => core.documents());
    const engine = await core.engine();
    const embedder = engine.index.embedder;
    const ask = (question: string) => core.ask({ question, k: 5 });
    const retrieve = (question: string) => engine.search(engine.analyse(question));
    for (const q of questions) {
      await ask(q.question);
      await retrieve(q.question);
      await naive.query(q.question);
      await embedder.embedQuery(q.question);
    }

    const times = { quotebot: [] as number[], naive: [] as number[], embed: [] as number[], retrieve: [] as number[] };
    for (let r = 0; r < repeat; r++) {
      say(`asking ${questions.length} questions, round ${r + 1}/${repeat}`);
      for (const [i, q] of questions.entries()) {
        // alternate which system goes first, so neither always runs on a cache the other just warmed
        const order = (r + i) % 2 === 0 ? (['quotebot', 'naive'] as const) : (['naive', 'quotebot'] as const);
        for (const system of order) {
          const t = await timed<unknown>(() => (system === 'quotebot' ? ask(q.question) : naive.query(q.question)));
          times[system].push(t.ms);
        }
        times.retrieve.push((await timed(() => retrieve(q.question))).ms);
        times.embed.push((await timed(() => embedder.embedQuery(q.question))).ms);
      }
    }

    const quotebot = summarise(times.quotebot);
    const naiveLatency = summarise(times.naive);
    const embed = summarise(times.embed);
    const o = { ...NAIVE_DEFAULTS, ...options.naive };
    return {
      environment: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length, loadAvgStart: loadAvgStart.map((x) => round(x, 2)), loadAvgEnd: loadavg().map((x) => round(x, 2)), startedAt },
      repeat,
      corpus: { dir: config.corpusDir, files: okFiles.length, bytes: corpusBytes },
      parse: { ingestDirectory: figures(okFiles.length, corpusBytes, ingestMs), parseConvertedText: convertedFigures, goalUnder1s: median(ingestMs) < 1000 },
      index: {
        buildMs: round(build.ms, 1),
        passages: build.value.passages.length,
        rssBeforeMb: round(rss.startBytes / MB, 1),
        peakRssMb: round(rss.peakBytes / MB, 1),
        maxRssMb: round(maxRss / MB, 1),
        loadMs: round(load.ms, 1),
      },
      naive: {
        buildMs: round(naiveBuild.ms, 1),
        chunks: naive.chunks.length,
        rssGrowthMb: round((naiveRss.peakBytes - naiveRss.startBytes) / MB, 1),
        chunkSize: o.chunkSize,
        chunkOverlap: o.chunkOverlap,
        candidates: o.candidates,
        rrfK: o.rrfK,
        top: o.top,
      },
      latency: {
        questions: questions.length,
        quotebot: roundSummary(quotebot),
        naive: roundSummary(naiveLatency),
        embed: roundSummary(embed),
        quotebotRetrieval: roundSummary(summarise(times.retrieve)),
        ratios: { quotebotOverNaiveP50: roundRatio(ratio(quotebot.p50, naiveLatency.p50)), quotebotOverEmbedP50: roundRatio(ratio(quotebot.p50, embed.p50)) },
        goals: { p50Under30ms: quotebot.p50 < 30, p50AtMost1_5xEmbed: quotebot.p50 <= 1.5 * embed.p50 },
      },
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** A parsed document's text as a plain loader would give it: blocks, then footnotes, blank-line separated. */
function plainText(doc: ParsedDocument | undefined): string {
  if (!doc) return '';
  return [...doc.blocks.map((b) => b.text), ...doc.footnotes.map((f) => f.text)].join('\n\n');
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
