/**
 * @module core/eval/format
 * The evaluation report as an aligned plain-text table for a terminal: one row per group (overall, then each
 * kind), one column per metric, a legend, and every quote that failed the fidelity check.
 */
import type { EvalMetrics, EvalReport } from './metrics.js';

interface Column {
  head: string;
  legend?: string;
  cell(m: EvalMetrics): string;
}

const rate = (x: number | null) => (x === null ? '-' : x.toFixed(2));
const whole = (x: number | null) => (x === null ? '-' : String(Math.round(x)));

const COLUMNS: Column[] = [
  { head: 'n', legend: 'questions', cell: (m) => String(m.questions) },
  { head: 'ans', legend: 'answerable', cell: (m) => String(m.answerable) },
  { head: 'quote@5', legend: 'quote hit in the first 5 quotes (headline)', cell: (m) => rate(m.quoteHitAt5) },
  { head: 'pass@1', legend: 'passage hit at rank 1', cell: (m) => rate(m.passageHitAt1) },
  { head: 'pass@5', legend: 'passage hit in the first 5', cell: (m) => rate(m.passageHitAt5) },
  { head: 'MRR@10', cell: (m) => rate(m.mrrAt10) },
  { head: 'abstain', legend: 'unanswerable answered not_found', cell: (m) => rate(m.abstention) },
  { head: 'false-abst', legend: 'answerable answered not_found', cell: (m) => rate(m.falseAbstention) },
  { head: 'fidelity', legend: 'quotes verified in their source (below 1.00 is a bug)', cell: (m) => rate(m.fidelity) },
  { head: 'words', legend: 'median words per quote', cell: (m) => (m.medianQuoteWords === null ? '-' : String(m.medianQuoteWords)) },
  { head: 'p50 ms', cell: (m) => whole(m.latencyP50) },
  { head: 'p95 ms', cell: (m) => whole(m.latencyP95) },
];

/** Render a report as an aligned table (no colours, no trailing spaces). */
export function formatReport(report: EvalReport): string {
  const rows: Array<[string, EvalMetrics]> = [['overall', report.overall], ...Object.entries(report.byKind)];
  const table = [['group', ...COLUMNS.map((c) => c.head)], ...rows.map(([name, m]) => [name, ...COLUMNS.map((c) => c.cell(m))])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [line(table[0]!), rule, line(table[1]!), rule, ...table.slice(2).map(line)];

  const o = report.overall;
  out.push('', `fidelity: ${o.quotesFaithful} of ${o.quotesChecked} quotes verified verbatim in their source file`);
  out.push(...COLUMNS.filter((c) => c.legend).map((c) => `  ${c.head.padEnd(10)} ${c.legend}`));
  const missed = report.items.filter((r) => r.answerable && r.quoteHitRank === null).map((r) => r.id);
  const overAnswered = report.items.filter((r) => !r.answerable && r.status === 'answered').map((r) => r.id);
  if (missed.length || overAnswered.length) out.push('');
  if (missed.length) out.push(`no quote hit in the first 5 (${missed.length}): ${missed.join(' ')}`);
  if (overAnswered.length) out.push(`answered although unanswerable (${overAnswered.length}): ${overAnswered.join(' ')}`);
  if (report.unfaithful.length) {
    out.push('', `UNFAITHFUL QUOTES (${report.unfaithful.length}):`);
    for (const u of report.unfaithful) {
      const why = u.reason === 'source_missing' ? 'source file not loaded' : 'not found as <= 3 pieces';
      out.push(`  ${u.questionId}  ${u.file}  (${why})  "${ellipsis(u.text, 100)}"`);
    }
  }
  return out.join('\n') + '\n';
}

function ellipsis(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1) + '…';
}
