import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseRepeat } from '../../src/adapters/cli/commands/bench.js';
import { formatBenchReport } from '../../src/bench/format.js';
import { interleavedLatency, rotation } from '../../src/bench/latency.js';
import { startRssSampler } from '../../src/bench/memory.js';
import { measureModelFetch, parsePipSources } from '../../src/bench/model-fetch.js';
import { buildNaiveRecipe, chunkFiles, reciprocalRankFusion } from '../../src/bench/naive.js';
import type { BenchReport } from '../../src/bench/run.js';
import { quantile, summarise } from '../../src/bench/stats.js';
import { fileToChange } from '../../src/bench/system.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/core/logger.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/quotebot.js');

const TOPICS = [
  ['detention', 'migrants', 'removal', 'maximum', 'period', 'courts'],
  ['funding', 'donors', 'earmarked', 'contributions', 'projects', 'budget'],
  ['accountability', 'complaints', 'procedure', 'independent', 'oversight', 'victims'],
  ['constitution', 'amendment', 'members', 'committee', 'council', 'vote'],
  ['agreement', 'relationship', 'negotiation', 'assembly', 'secretariat', 'status'],
  ['refugees', 'camps', 'protection', 'mandate', 'agency', 'shelter'],
  ['trafficking', 'victims', 'police', 'borders', 'smuggling', 'routes'],
  ['labour', 'recruitment', 'wages', 'employers', 'contracts', 'workers'],
  ['return', 'voluntary', 'assisted', 'reintegration', 'programmes', 'incentives'],
  ['data', 'statistics', 'surveys', 'displacement', 'tracking', 'matrix'],
  ['health', 'screening', 'vaccination', 'clinics', 'doctors', 'epidemics'],
  ['climate', 'drought', 'floods', 'environment', 'disasters', 'relocation'],
];

/** One paragraph about topic `t`: four sentences over its own words, so topics co-occur within chunks only. */
function paragraph(t: number, n: number): string {
  const w = TOPICS[t % TOPICS.length]!;
  const s = (a: number, b: number, c: number) => `The ${w[a]} and the ${w[b]} shaped the ${w[c]} of ${w[(a + b + c) % 6]}.`;
  return `${n}. ${s(0, 1, 2)} ${s(3, 4, 5)} ${s(1, 3, 5)} ${s(0, 2, 4)}`;
}

/** Three files of numbered paragraphs on rotating topics, long enough for many 1,000-character chunks. */
function syntheticFiles(): { file: string; text: string }[] {
  return [0, 1, 2].map((f) => ({
    file: `doc-${f}.txt`,
    text:
      Array.from({ length: 30 }, (_, p) => paragraph(f * 5 + p * 7, p + 1)).join('\n\n') +
      (f === 1 ? '\n\nThe peculiar zanzibar quokka clause appears only here, in the final paragraph of the second file.' : ''),
  }));
}

describe('reciprocal rank fusion', () => {
  it('GIVEN a BM25 list and a vector list THEN ids in both lists rank first, each scored Σ 1/(k + rank), and only top are kept', () => {
    const fused = reciprocalRankFusion([['a', 'b', 'c', 'a'], ['c', 'd', 'a']], 60, 3);
    expect(fused.map((f) => f.id)).toEqual(['a', 'c', 'b']);
    expect(fused[0]!.score).toBeCloseTo(1 / 61 + 1 / 63, 12);
    expect(fused[0]!.ranks).toEqual([1, 3]);
    expect(fused[1]!.score).toBeCloseTo(1 / 63 + 1 / 61, 12);
    expect(fused[2]).toEqual({ id: 'b', score: 1 / 62, ranks: [2, null] });
  });

  it('GIVEN one empty list THEN the other list comes back in its own order', () => {
    expect(reciprocalRankFusion([[], ['x', 'y']], 60, 5).map((f) => [f.id, f.ranks])).toEqual([['x', [null, 1]], ['y', [null, 2]]]);
  });
});

describe('the naive hybrid recipe', () => {
  it('GIVEN files THEN they are cut into chunks of at most 1,000 characters, and short lines overlap by up to 200', async () => {
    const lines = Array.from({ length: 80 }, (_, i) => `Line ${i + 1} of the register records one more decision.`).join('\n');
    const chunks = await chunkFiles([...syntheticFiles(), { file: 'lines.txt', text: lines }]);
    expect(chunks.length).toBeGreaterThan(6);
    expect(chunks.every((c) => c.text.length <= 1000)).toBe(true);
    const [a, b] = chunks.filter((c) => c.file === 'lines.txt');
    const firstLineOfB = b!.text.split('\n')[0]!;
    expect(a!.text).toContain(firstLineOfB);
    const shared = a!.text.slice(a!.text.indexOf(firstLineOfB));
    expect(b!.text.startsWith(shared)).toBe(true);
    expect(shared.length).toBeGreaterThan(100);
    expect(shared.length).toBeLessThanOrEqual(200);
  });

  it('GIVEN a question THEN it returns 5 chunks fused from both lists, each scored Σ 1/(60 + rank), best first', async () => {
    const recipe = await buildNaiveRecipe(syntheticFiles());
    const hits = await recipe.query('zanzibar quokka detention');
    expect(hits).toHaveLength(5);
    for (const h of hits) {
      const expected = [h.lexicalRank, h.vectorRank].reduce<number>((sum, r) => sum + (r === null ? 0 : 1 / (60 + r)), 0);
      expect(h.score).toBeCloseTo(expected, 12);
    }
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    expect(hits.some((h) => h.lexicalRank !== null && h.vectorRank !== null)).toBe(true);
  });

  it('GIVEN words the embedder never saw THEN BM25 ranks their chunk first, yet fusion puts chunks both lists rank high above it', async () => {
    const recipe = await buildNaiveRecipe(syntheticFiles(), { top: 40 });
    const hits = await recipe.query('zanzibar quokka detention');
    const quokka = hits.findIndex((h) => h.chunk.text.includes('zanzibar quokka'));
    expect(quokka).toBeGreaterThan(0);
    expect(hits[quokka]!.lexicalRank).toBe(1);
    expect(hits[0]!.lexicalRank).not.toBeNull();
    expect(hits[0]!.vectorRank).not.toBeNull();
    // the vector list contributes chunks BM25 never returned (no query word in them)
    expect(hits.some((h) => h.lexicalRank === null && h.vectorRank !== null)).toBe(true);
  });
});

describe('benchmark helpers', () => {
  it('GIVEN samples THEN quantiles interpolate between ranks and the summary holds p50 and p95', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([10], 0.95)).toBe(10);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
    expect(summarise([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21])).toEqual({ n: 21, p50: 11, p95: 20, min: 1, max: 21 });
  });

  it('GIVEN manual samples THEN the RSS sampler keeps the highest one', () => {
    const values = [100, 300, 200, 150];
    const sampler = startRssSampler(1_000_000, () => values.shift() ?? 0);
    sampler.sample();
    sampler.sample();
    expect(sampler.stop()).toEqual({ startBytes: 100, peakBytes: 300, samples: 4 });
  });

  it('GIVEN a bad --repeat THEN it is refused with a hint', () => {
    expect(parseRepeat('3')).toBe(3);
    expect(() => parseRepeat('0')).toThrow(/--repeat/);
    expect(() => parseRepeat('two')).toThrow(/--repeat/);
  });
});

describe('interleaved latency', () => {
  it('GIVEN probes THEN each question goes to every probe, the order rotating from one call to the next', () => {
    expect(rotation(['a', 'b', 'c'], 0)).toEqual(['a', 'b', 'c']);
    expect(rotation(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a']);
    expect(rotation([], 3)).toEqual([]);
  });

  it('GIVEN 2 questions, 2 probes and 3 rounds THEN one untimed warm-up pass, then 6 timed calls per probe in rotating order', async () => {
    const calls: string[] = [];
    const probe = (name: string) => ({ name, call: async (q: string) => void calls.push(`${name}:${q}`) });
    const rounds: string[] = [];
    const result = await interleavedLatency(['q1', 'q2'], [probe('x'), probe('y')], { repeat: 3, say: (m) => rounds.push(m) });
    expect(calls.slice(0, 4)).toEqual(['x:q1', 'y:q1', 'x:q2', 'y:q2']);
    expect(calls.slice(4, 8)).toEqual(['x:q1', 'y:q1', 'y:q2', 'x:q2']);
    expect(calls).toHaveLength(4 + 12);
    expect(rounds).toHaveLength(3);
    for (const name of ['x', 'y']) {
      expect(result[name]!.n).toBe(6);
      expect(result[name]!.p95).toBeGreaterThanOrEqual(result[name]!.p50);
    }
  });
});

describe('benchmark sections', () => {
  it('GIVEN an index manifest THEN the text file with the most passages is the one changed', () => {
    const manifest = (files: [string, number][]) => ({ manifest: { files: files.map(([path, passages]) => ({ path, passages, hash: '' })) } }) as never;
    expect(fileToChange(manifest([['a.txt', 10], ['b.md', 30], ['c.pdf', 99]]))).toBe('b.md');
    expect(fileToChange(manifest([['c.pdf', 99]]))).toBeNull();
  });

  it('GIVEN `pip config list` output THEN only where pip looks for wheels is kept', () => {
    const out = [":env:.cert='/etc/ssl/certs/ca.crt'", ":env:.find-links='/opt/wheels'", "global.extra-index-url='file:///opt/pypi/simple'", "global.find-links='/opt/wheels'", "global.timeout='60'"].join('\n');
    expect(parsePipSources(out)).toEqual([":env:.find-links='/opt/wheels'", "global.extra-index-url='file:///opt/pypi/simple'", "global.find-links='/opt/wheels'"]);
    expect(parsePipSources('')).toEqual([]);
  });

  it('GIVEN EMBEDDINGS=lsa THEN the model fetch is skipped with a reason and nothing is fetched', async () => {
    const config = loadConfig({ env: { EMBEDDINGS: 'lsa', QUOTEBOT_PYTHON: '/nonexistent/python' }, envFile: '/nonexistent/.env' });
    const r = await measureModelFetch(config, { fetch: true, repeat: 1, logger: createLogger('silent'), say: () => {} });
    expect(r.section.cached).toBeNull();
    expect(r.section.uncached).toBeNull();
    expect(r.unavailable).toMatch(/EMBEDDINGS=lsa/);
    expect(Object.keys(r.skipped).sort()).toEqual(['modelFetch.cached', 'modelFetch.uncached']);
  });

  it('GIVEN a model that cannot be fetched THEN the reason is reported, not thrown', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'quotebot-bench-test-'));
    try {
      const config = loadConfig({ env: { QUOTEBOT_MODEL_CACHE: cache, QUOTEBOT_PYTHON: '/nonexistent/python' }, envFile: '/nonexistent/.env' });
      const r = await measureModelFetch(config, { fetch: true, repeat: 1, logger: createLogger('silent'), say: () => {} });
      expect(r.section.cached).toBeNull();
      expect(r.unavailable).toMatch(/could not be fetched/);
      expect(r.skipped['modelFetch.uncached']).toBe(r.unavailable);
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});

describe('quotebot bench', () => {
  it('GIVEN EMBEDDINGS=lsa --no-fetch --json --repeat 1 THEN stdout is one JSON object: LSA and naive figures, model sections null with reasons', { timeout: 120_000 }, async () => {
    const { stdout } = await run(process.execPath, [BIN, 'bench', '--json', '--repeat', '1', '--no-fetch'], {
      cwd: ROOT,
      // a python that does not exist: were anything to try a download, it would fail at once instead
      env: { ...process.env, LOG_LEVEL: 'silent', QUOTEBOT_CORPUS: 'corpus', EMBEDDINGS: 'lsa', QUOTEBOT_PYTHON: '/nonexistent/python' },
      maxBuffer: 10 * 1024 * 1024,
    });
    const r = JSON.parse(stdout) as BenchReport;
    const positive = (x: unknown) => expect(typeof x === 'number' && Number.isFinite(x) && x > 0, String(x)).toBe(true);
    const latency = (s: { n: number; p50: number; p95: number; min: number; max: number }) => {
      expect(s.n).toBe(r.questions);
      for (const k of ['p50', 'p95', 'min', 'max'] as const) positive(s[k]);
      expect(s.p95).toBeGreaterThanOrEqual(s.p50);
      expect(s.max).toBeGreaterThanOrEqual(s.p95);
      expect(s.p50).toBeGreaterThanOrEqual(s.min);
    };

    expect(r.repeat).toBe(1);
    expect(r.questions).toBeGreaterThan(10);
    positive(r.corpus.files);
    positive(r.corpus.bytes);
    for (const k of ['cpus', 'loadAvgStart', 'loadAvgEnd'] as const) expect(r.environment[k]).toBeDefined();
    expect(r.environment.loadAvgStart).toHaveLength(3);
    for (const p of [r.parse.ingestDirectory, r.parse.parseConvertedText!]) {
      for (const k of ['files', 'bytes', 'medianMs', 'mbPerSec'] as const) positive(p[k]);
    }
    expect(typeof r.parse.goalUnder1s).toBe('boolean');

    // the model: skipped, every null explained
    expect(r.modelFetch).toMatchObject({ cached: null, uncached: null });
    expect(r.embedders.model).toBeNull();
    expect(r.goals.model).toBeNull();
    for (const key of ['modelFetch.cached', 'modelFetch.uncached', 'embedders.model']) expect(r.skipped[key]).toMatch(/EMBEDDINGS=lsa/);
    expect(r.ratios.modelOverLsa).toEqual({ build: null, update: null, startup: null, p50: null });

    // LSA: build, update, start-up, latency
    const lsa = r.embedders.lsa;
    expect(lsa.kind).toBe('lsa');
    for (const k of ['ms', 'passages', 'units', 'rssBeforeMb', 'peakRssMb', 'maxRssMb'] as const) positive(lsa.build[k]);
    expect(lsa.build.units).toBeGreaterThanOrEqual(lsa.build.passages);
    expect(lsa.build.peakRssMb).toBeGreaterThanOrEqual(lsa.build.rssBeforeMb);
    expect(lsa.build.maxRssMb).toBeGreaterThanOrEqual(lsa.build.peakRssMb * 0.99);
    positive(lsa.update!.ms);
    positive(lsa.update!.unitsReembedded);
    expect(lsa.update!.unitsReembedded).toBeLessThan(lsa.build.units);
    positive(lsa.startup.medianMs);
    expect(lsa.startup.runs).toBe(1);
    for (const s of Object.values(lsa.latency)) latency(s);

    // the naive recipe, with the same (LSA) embedder
    expect(r.naive).toMatchObject({ system: 'lsa', embedder: 'lsa', chunkSize: 1000, chunkOverlap: 200, rrfK: 60, top: 5 });
    positive(r.naive.buildMs);
    positive(r.naive.chunks);
    latency(r.naive.latency);
    positive(r.ratios.quotebotOverNaiveP50);
    expect(r.ratios.quotebotOverNaiveP50).toBeCloseTo(lsa.latency.ask.p50 / r.naive.latency.p50, 1);

    // the table renders every section from the same object
    const table = formatBenchReport(r);
    for (const text of ['Parsing', 'Model fetch', 'Index', 'Naive recipe', 'Question latency', 'Skipped', 'EMBEDDINGS=lsa']) expect(table).toContain(text);
  });
});
