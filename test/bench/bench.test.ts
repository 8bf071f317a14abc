import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseRepeat } from '../../src/adapters/cli/commands/bench.js';
import { startRssSampler } from '../../src/bench/memory.js';
import { buildNaiveRecipe, chunkFiles, reciprocalRankFusion } from '../../src/bench/naive.js';
import { quantile, summarise } from '../../src/bench/stats.js';

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

describe('quotebot bench', () => {
  it('GIVEN --json --repeat 1 THEN stdout is one JSON object with every figure', { timeout: 120_000 }, async () => {
    const { stdout } = await run(process.execPath, [BIN, 'bench', '--json', '--repeat', '1'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', QUOTEBOT_CORPUS: 'corpus' },
      maxBuffer: 10 * 1024 * 1024,
    });
    const r = JSON.parse(stdout);
    const positive = (x: unknown) => expect(typeof x === 'number' && Number.isFinite(x) && x > 0, String(x)).toBe(true);

    expect(r.repeat).toBe(1);
    positive(r.corpus.files);
    positive(r.corpus.bytes);
    for (const p of [r.parse.ingestDirectory, r.parse.parseConvertedText]) {
      positive(p.files);
      positive(p.bytes);
      positive(p.medianMs);
      positive(p.mbPerSec);
    }
    expect(typeof r.parse.goalUnder1s).toBe('boolean');
    for (const k of ['buildMs', 'passages', 'rssBeforeMb', 'peakRssMb', 'maxRssMb', 'loadMs']) positive(r.index[k]);
    expect(r.index.peakRssMb).toBeGreaterThanOrEqual(r.index.rssBeforeMb);
    expect(r.index.maxRssMb).toBeGreaterThanOrEqual(r.index.peakRssMb * 0.99);
    positive(r.naive.buildMs);
    positive(r.naive.chunks);
    expect(r.naive).toMatchObject({ chunkSize: 1000, chunkOverlap: 200, rrfK: 60, top: 5 });

    const questions = r.latency.questions;
    expect(questions).toBeGreaterThan(10);
    for (const system of ['quotebot', 'naive', 'embed', 'quotebotRetrieval']) {
      const s = r.latency[system];
      expect(s.n).toBe(questions);
      positive(s.p50);
      positive(s.p95);
      expect(s.p95).toBeGreaterThanOrEqual(s.p50);
    }
    positive(r.latency.ratios.quotebotOverNaiveP50);
    positive(r.latency.ratios.quotebotOverEmbedP50);
    expect(r.latency.ratios.quotebotOverNaiveP50).toBeCloseTo(r.latency.quotebot.p50 / r.latency.naive.p50, 1);
    expect(typeof r.latency.goals.p50Under30ms).toBe('boolean');
    expect(typeof r.latency.goals.p50AtMost1_5xEmbed).toBe('boolean');
  });
});
