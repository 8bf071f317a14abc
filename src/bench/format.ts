/**
 * @module bench/format
 * The human-readable benchmark report: a pure function of {@link BenchReport}.
 */
import type { ParseFigures } from './parse.js';
import type { BenchReport, EmbedderSection } from './run.js';
import type { LatencySummary } from './stats.js';

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toFixed(4));
const times = (r: number | null) => (r === null ? 'n/a' : `${r.toFixed(2)}×`);
const yes = (ok: boolean | null | undefined) => (ok === null || ok === undefined ? 'n/a' : ok ? 'met' : 'NOT met');
const opt = <T>(x: T | null | undefined, show: (x: T) => string) => (x === null || x === undefined ? '-' : show(x));

/** Rows as aligned columns: the first left-aligned, the others right-aligned. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd()).map((s) => '  ' + s);
}

function parseRow(label: string, f: ParseFigures | null): string[] {
  if (!f) return [label, '-', '-', '-', 'no PDF-converted text'];
  return [label, String(f.files), (f.bytes / 1e6).toFixed(2), ms(f.medianMs), f.mbPerSec === null ? 'n/a' : f.mbPerSec.toFixed(1)];
}

function latencyRow(label: string, s: LatencySummary): string[] {
  return [label, String(s.n), ms(s.p50), ms(s.p95), ms(s.min), ms(s.max)];
}

function header(r: BenchReport): string[] {
  const e = r.environment;
  return [
    `quotebot bench: ${r.corpus.files} files (${(r.corpus.bytes / 1e6).toFixed(2)} MB) in ${r.corpus.dir}, ${r.questions} questions × ${r.repeat}`,
    `node ${e.node} ${e.platform}, ${e.cpus} cpus, load average (1/5/15 min) ${e.loadAvgStart.join(' ')} at start → ${e.loadAvgEnd.join(' ')} at end`,
  ];
}

function parsing(r: BenchReport): string[] {
  return [
    'Parsing (median of runs)',
    ...table([['', 'files', 'MB', 'median ms', 'MB/s'], parseRow('ingestDirectory', r.parse.ingestDirectory), parseRow('parseConvertedText', r.parse.parseConvertedText)]),
    `  goal: whole corpus in < 1 s  ${yes(r.parse.goalUnder1s)}`,
  ];
}

function modelFetch(r: BenchReport): string[] {
  const f = r.modelFetch;
  const cached = f.cached ? `${ms(f.cached.medianMs)} ms (median of ${f.cached.runs}, from ${f.cached.source})` : `skipped: ${r.skipped['modelFetch.cached'] ?? '?'}`;
  const uncached = f.uncached
    ? `${ms(f.uncached.ms)} ms (${(f.uncached.ms / 1000).toFixed(1)} s, from ${f.uncached.source}; ${(f.uncached.modelBytes / 1e6).toFixed(1)} MB kept)` +
      (f.uncached.pipSources.length ? `\n                               pip sources: ${f.uncached.pipSources.join(', ')}` : '')
    : `skipped: ${r.skipped['modelFetch.uncached'] ?? '?'}`;
  return [`Model fetch (${f.model})`, `  resolve from the cache       ${cached}`, `  fetch into an empty cache    ${uncached}`];
}

function indexTable(r: BenchReport): string[] {
  const m = r.embedders.model;
  const l = r.embedders.lsa;
  const g = r.goals.model;
  const x = r.ratios.modelOverLsa;
  const row = (label: string, get: (s: EmbedderSection) => string | undefined, ratio = '', goal = '') => [label, m ? get(m) ?? '-' : '-', get(l) ?? '-', ratio, goal];
  return [
    `Index (model: ${m?.kind ?? 'skipped'}; lsa: ${l.kind})`,
    ...table([
      ['', 'model', 'lsa', 'model/lsa', 'goal (model)'],
      row('full build ms', (s) => ms(s.build.ms), times(x.build), `≤ 180 s ${yes(g?.buildAtMost180s)}`),
      row('  passages / units embedded', (s) => `${s.build.passages} / ${s.build.units}`),
      row('  RSS before → peak MB', (s) => `${s.build.rssBeforeMb} → ${s.build.peakRssMb}`),
      row('  process maxRSS MB', (s) => String(s.build.maxRssMb)),
      row('update ms (1 file changed)', (s) => opt(s.update, (u) => ms(u.ms)), times(x.update), `≤ 20 s ${yes(g?.updateAtMost20s)}`),
      row('  units re-embedded', (s) => opt(s.update, (u) => String(u.unitsReembedded))),
      row('start-up ms (engine ready)', (s) => `${ms(s.startup.medianMs)}`, times(x.startup), `≤ 2 s ${yes(g?.startupAtMost2s)}`),
    ]),
    `  update: a paragraph appended to ${l.update?.file ?? '(no text file)'}; start-up: median of ${l.startup.runs} fresh core(s) until the search engine is ready`,
  ];
}

function latency(r: BenchReport): string[] {
  const n = r.naive;
  const rows: string[][] = [['', 'n', 'p50', 'p95', 'min', 'max']];
  for (const [name, s] of [['model', r.embedders.model], ['lsa', r.embedders.lsa]] as const) {
    if (!s) continue;
    rows.push(latencyRow(`quotebot ask (${name})`, s.latency.ask), latencyRow(`  retrieval only (${name})`, s.latency.retrieval), latencyRow(`  embed question alone (${name})`, s.latency.embed));
  }
  rows.push(latencyRow(`naive hybrid (${n.system}; RRF k=${n.rrfK}, top ${n.top})`, n.latency));
  const g = r.goals.model;
  return [
    'Question latency (ms, interleaved question by question, after warm-up)',
    ...table(rows),
    '',
    ...table([
      ['quotebot(model) p50 / quotebot(lsa) p50', times(r.ratios.modelOverLsa.p50)],
      [`quotebot(${n.system}) p50 / naive(${n.system}) p50`, times(r.ratios.quotebotOverNaiveP50)],
    ]),
    `  goal (model) p50 ≤ 100 ms  ${yes(g?.p50AtMost100ms)};  p95 ≤ 300 ms  ${yes(g?.p95AtMost300ms)}`,
  ];
}

function naiveBuild(r: BenchReport): string[] {
  const n = r.naive;
  return [`Naive recipe (${n.embedder} vectors)`, `  build ${ms(n.buildMs)} ms, ${n.chunks} chunks (${n.chunkSize}/${n.chunkOverlap}), RSS +${n.rssGrowthMb} MB`];
}

function skipped(r: BenchReport): string[] {
  const entries = Object.entries(r.skipped);
  return entries.length ? ['', 'Skipped', ...entries.map(([k, why]) => `  ${k}: ${why}`)] : [];
}

/** Render the report as aligned plain-text tables (for stdout). */
export function formatBenchReport(r: BenchReport): string {
  return [...header(r), '', ...parsing(r), '', ...modelFetch(r), '', ...indexTable(r), '', ...naiveBuild(r), '', ...latency(r), ...skipped(r)].join('\n');
}
