/**
 * @module bench/format
 * The human-readable benchmark report: a pure function of {@link BenchReport}.
 */
import type { BenchReport, ParseFigures } from './run.js';
import type { LatencySummary } from './stats.js';

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toFixed(4));
const times = (r: number | null) => (r === null ? 'n/a' : `${r.toFixed(2)}×`);
const yes = (ok: boolean) => (ok ? 'met' : 'NOT met');

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd());
}

function parseRow(label: string, f: ParseFigures | null): string[] {
  if (!f) return [label, '-', '-', 'no PDF-converted text in corpus', ''];
  return [label, String(f.files), (f.bytes / 1e6).toFixed(2), ms(f.medianMs), f.mbPerSec === null ? 'n/a' : f.mbPerSec.toFixed(1)];
}

function latencyRow(label: string, s: LatencySummary): string[] {
  return [label, String(s.n), ms(s.p50), ms(s.p95), ms(s.min), ms(s.max)];
}

/** Render the report as aligned plain-text tables (for stdout). */
export function formatBenchReport(r: BenchReport): string {
  const l = r.latency;
  const e = r.environment;
  return [
    `quotebot bench: ${r.corpus.files} files (${(r.corpus.bytes / 1e6).toFixed(2)} MB) in ${r.corpus.dir}, ${l.questions} questions × ${r.repeat}`,
    `node ${e.node} ${e.platform}, ${e.cpus} cpus, load ${e.loadAvgStart.join(' ')} → ${e.loadAvgEnd.join(' ')}`,
    '',
    'Parsing (median of runs)',
    ...table([['', 'files', 'MB', 'median ms', 'MB/s'], parseRow('ingestDirectory', r.parse.ingestDirectory), parseRow('parseConvertedText', r.parse.parseConvertedText)]).map((s) => '  ' + s),
    `  goal: whole corpus in < 1 s  ${yes(r.parse.goalUnder1s)}`,
    '',
    'Index',
    `  quotebot full build   ${ms(r.index.buildMs)} ms, ${r.index.passages} passages; RSS ${r.index.rssBeforeMb} → peak ${r.index.peakRssMb} MB sampled, process maxRSS ${r.index.maxRssMb} MB`,
    `  quotebot index load   ${ms(r.index.loadMs)} ms`,
    `  naive build           ${ms(r.naive.buildMs)} ms, ${r.naive.chunks} chunks (${r.naive.chunkSize}/${r.naive.chunkOverlap}), RSS +${r.naive.rssGrowthMb} MB`,
    '',
    'Question latency (ms, interleaved, after warm-up)',
    ...table([
      ['', 'n', 'p50', 'p95', 'min', 'max'],
      latencyRow('quotebot ask', l.quotebot),
      latencyRow('quotebot retrieval only (analyse + search)', l.quotebotRetrieval),
      latencyRow(`naive hybrid (BM25 + same vectors/HNSW, RRF k=${r.naive.rrfK}, top ${r.naive.top})`, l.naive),
      latencyRow('embed question alone', l.embed),
    ]).map((s) => '  ' + s),
    '',
    `  quotebot p50 / naive p50   ${times(l.ratios.quotebotOverNaiveP50)}`,
    `  quotebot p50 / embed p50   ${times(l.ratios.quotebotOverEmbedP50)}`,
    `  goal p50 < 30 ms           ${yes(l.goals.p50Under30ms)}`,
    `  goal p50 ≤ 1.5 × embed     ${yes(l.goals.p50AtMost1_5xEmbed)}`,
  ].join('\n');
}
