/**
 * @module core/eval/metrics
 * The scoring rules of `/work/shared/eval/README.md`, as pure functions: no I/O, no clock.
 *
 * Definitions the README leaves open, fixed here:
 * - **The quotes shown** are `answer.quotes` in order, and only when `status` is `answered`: a `not_found`
 *   answer is a miss for every hit metric whatever its `closest` list holds (a false abstention is a miss).
 * - **The passages behind the quotes** are the `passage` field of each shown quote, in quote order. Ranks are
 *   quote positions (1-based); two quotes from one passage take two ranks.
 * - **passage_hit@1 / @5** and **MRR@10** look at the passages behind the first 1, 5 and 10 quotes.
 * - **fidelity** checks every quote text the user sees verbatim: `quotes` and `closest` of every answer,
 *   answerable or not, against the file named by `quote.document.file` (directory ignored). A quote whose
 *   file is not among the sources counts as unfaithful and is listed with that reason.
 * - **median quote words**: words are whitespace-separated chunks holding a letter or digit, over the shown
 *   quotes; the median of an even count is the mean of the middle two.
 * - **latency** percentiles are nearest-rank (the ⌈p·n⌉-th smallest `Answer.ms`).
 * - A rate whose denominator is zero (e.g. abstention in a group with no unanswerable question) is `null`.
 */
import { QuotebotError } from '../errors.js';
import type { Answer, Quote } from '../types.js';
import type { EvalItem, GoldQuote } from './dataset.js';
import { isFaithful, lettersAndDigits } from './fidelity.js';
import { longestCommonRun, scoreTokens } from './tokens.js';

export { scoreTokens, longestCommonRun } from './tokens.js';
export { isFaithful, lettersAndDigits } from './fidelity.js';
export { parseEvalItems, type EvalItem, type GoldQuote } from './dataset.js';

/** Share of a gold quote's tokens a passage must contain as one contiguous run. */
export const PASSAGE_HIT_SHARE = 0.6;
/** A quote hit needs a common run of at least this many tokens (and at least half the shorter text). */
export const QUOTE_HIT_MIN_TOKENS = 5;

/** True when `passage` contains at least 60% of `gold`'s tokens as one contiguous run. */
export function passageHit(passage: string | readonly string[], gold: string | readonly string[]): boolean {
  const g = toTokens(gold);
  if (g.length === 0) return false;
  // Integer form of run >= 0.6 * |g|, immune to floating-point rounding at the boundary.
  return longestCommonRun(toTokens(passage), g) * 5 >= g.length * 3;
}

/** True when `quote` and `gold` share a contiguous run of at least max(5, half the shorter one's tokens). */
export function quoteHit(quote: string | readonly string[], gold: string | readonly string[]): boolean {
  const q = toTokens(quote);
  const g = toTokens(gold);
  const run = longestCommonRun(q, g);
  return run >= QUOTE_HIT_MIN_TOKENS && run * 2 >= Math.min(q.length, g.length);
}

/** Headline numbers for one group of questions (overall, or one kind). */
export interface EvalMetrics {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** Share of answerable questions with a quote hit among the first 5 quotes shown. The headline metric. */
  quoteHitAt5: number | null;
  passageHitAt1: number | null;
  passageHitAt5: number | null;
  /** Mean over answerable questions of 1 / rank of the first passage hit within 10 (0 when none). */
  mrrAt10: number | null;
  /** Share of unanswerable questions answered `not_found`. */
  abstention: number | null;
  /** Share of answerable questions answered `not_found`. */
  falseAbstention: number | null;
  /** Share of shown quotes (and closest passages) verified against their source file. */
  fidelity: number | null;
  quotesChecked: number;
  quotesFaithful: number;
  medianQuoteWords: number | null;
  latencyP50: number | null;
  latencyP95: number | null;
}

/** What happened to one question. Ranks are 1-based quote positions; null when there was no hit. */
export interface ItemResult {
  id: string;
  kind: string;
  answerable: boolean;
  status: Answer['status'];
  quotes: number;
  quoteHitRank: number | null;
  passageHitRank: number | null;
  ms: number;
}

/** A quote that failed the fidelity check, for debugging: any entry here is a bug. */
export interface UnfaithfulQuote {
  questionId: string;
  quoteId: string;
  file: string;
  text: string;
  reason: 'not_in_source' | 'source_missing';
}

export interface EvalReport {
  overall: EvalMetrics;
  /** Per `kind`, in first-appearance order of the items. */
  byKind: Record<string, EvalMetrics>;
  items: ItemResult[];
  unfaithful: UnfaithfulQuote[];
}

/** How far down the quote list each metric looks. */
const QUOTE_HIT_DEPTH = 5;
const MRR_DEPTH = 10;

/**
 * Score answers against the question set. `answers[i]` answers `items[i]` (the eval command keeps that order);
 * `sources` maps a corpus file name (no directory) to the file's text, for the fidelity check.
 * Throws `BAD_INPUT` when the two lists differ in length.
 */
export function evaluate(items: EvalItem[], answers: Answer[], sources: Map<string, string>): EvalReport {
  if (items.length !== answers.length) {
    throw new QuotebotError('BAD_INPUT', `evaluate: ${items.length} questions but ${answers.length} answers`, {
      hint: 'pass one answer per question, in the same order',
    });
  }
  const normalised = new Map<string, string>();
  const scored = items.map((item, i) => scoreItem(item, answers[i]!, sources, normalised));
  const byKind: Record<string, EvalMetrics> = {};
  for (const kind of new Set(items.map((it) => it.kind))) byKind[kind] = aggregate(scored.filter((s) => s.result.kind === kind));
  return {
    overall: aggregate(scored),
    byKind,
    items: scored.map((s) => s.result),
    unfaithful: scored.flatMap((s) => s.unfaithful),
  };
}

interface Scored {
  result: ItemResult;
  unfaithful: UnfaithfulQuote[];
  faithful: number;
  checked: number;
  words: number[];
}

function scoreItem(item: EvalItem, answer: Answer, sources: Map<string, string>, normalised: Map<string, string>): Scored {
  const shown = answer.status === 'answered' ? answer.quotes : [];
  const gold = item.gold.map((g: GoldQuote) => scoreTokens(g.quote));
  const hitsGold = (text: string, hit: (t: string[], g: string[]) => boolean) => {
    const tokens = scoreTokens(text);
    return gold.some((g) => hit(tokens, g));
  };
  const rankOf = (depth: number, pick: (q: Quote) => string, hit: (t: string[], g: string[]) => boolean) => {
    const i = shown.slice(0, depth).findIndex((q) => hitsGold(pick(q), hit));
    return i < 0 ? null : i + 1;
  };
  const ranked = item.answerable;
  const result: ItemResult = {
    id: item.id,
    kind: item.kind,
    answerable: item.answerable,
    status: answer.status,
    quotes: shown.length,
    quoteHitRank: ranked ? rankOf(QUOTE_HIT_DEPTH, (q) => q.text, quoteHit) : null,
    passageHitRank: ranked ? rankOf(MRR_DEPTH, (q) => q.passage, passageHit) : null,
    ms: answer.ms,
  };

  const unfaithful: UnfaithfulQuote[] = [];
  const checkedQuotes = [...answer.quotes, ...answer.closest];
  for (const q of checkedQuotes) {
    const file = baseName(q.document.file);
    const reason = fidelityProblem(q.text, file, sources, normalised);
    if (reason) unfaithful.push({ questionId: item.id, quoteId: q.id, file, text: q.text, reason });
  }
  return {
    result,
    unfaithful,
    checked: checkedQuotes.length,
    faithful: checkedQuotes.length - unfaithful.length,
    words: shown.map((q) => wordCount(q.text)),
  };
}

function fidelityProblem(text: string, file: string, sources: Map<string, string>, cache: Map<string, string>): UnfaithfulQuote['reason'] | null {
  const raw = sources.get(file);
  if (raw === undefined) return 'source_missing';
  let norm = cache.get(file);
  if (norm === undefined) cache.set(file, (norm = lettersAndDigits(raw)));
  return isFaithful(text, norm) ? null : 'not_in_source';
}

function aggregate(scored: Scored[]): EvalMetrics {
  const answerable = scored.filter((s) => s.result.answerable).map((s) => s.result);
  const unanswerable = scored.filter((s) => !s.result.answerable).map((s) => s.result);
  const checked = sum(scored.map((s) => s.checked));
  const faithful = sum(scored.map((s) => s.faithful));
  const ms = scored.map((s) => s.result.ms);
  return {
    questions: scored.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    quoteHitAt5: share(answerable, (r) => r.quoteHitRank !== null),
    passageHitAt1: share(answerable, (r) => r.passageHitRank === 1),
    passageHitAt5: share(answerable, (r) => r.passageHitRank !== null && r.passageHitRank <= 5),
    mrrAt10: answerable.length ? sum(answerable.map((r) => (r.passageHitRank ? 1 / r.passageHitRank : 0))) / answerable.length : null,
    abstention: share(unanswerable, (r) => r.status === 'not_found'),
    falseAbstention: share(answerable, (r) => r.status === 'not_found'),
    fidelity: checked ? faithful / checked : null,
    quotesChecked: checked,
    quotesFaithful: faithful,
    medianQuoteWords: median(scored.flatMap((s) => s.words)),
    latencyP50: percentile(ms, 50),
    latencyP95: percentile(ms, 95),
  };
}

function toTokens(x: string | readonly string[]): readonly string[] {
  return typeof x === 'string' ? scoreTokens(x) : x;
}

function share<T>(xs: T[], ok: (x: T) => boolean): number | null {
  return xs.length ? xs.filter(ok).length / xs.length : null;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** Median; the mean of the middle two for an even count; null when empty. */
export function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile: the ⌈p/100 · n⌉-th smallest value; null when empty. */
export function percentile(xs: number[], p: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p * s.length) / 100)));
  return s[rank - 1]!;
}

/** Words of a quote: whitespace-separated chunks that hold at least one letter or digit. */
export function wordCount(text: string): number {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
