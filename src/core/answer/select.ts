/**
 * @module core/answer/select
 * Picks the one to three consecutive sentences of a passage that best answer the question: the window
 * covering the most (idf-weighted) question terms, with a length penalty so quotes stay pasteable.
 */
import { containsPhrase, tokenize } from '../text/tokenize.js';
import type { QueryTerms } from '../retrieve/query.js';
import { splitSentences, type Sentence } from '../text/sentences.js';
import { DEFAULT_RANKING, type RankingOptions } from '../ranking-options.js';

export interface Span {
  start: number;
  end: number;
  /** Share of the question's idf-weighted terms the span covers, 0..1. */
  coverage: number;
  /** Raw weighted match score of the span. */
  score: number;
  /** The answering sentences inside the span, before context was added (offsets). */
  core?: [number, number];
}

/** Removed markers or page joins a quote may span (each splits the quote into another source piece). */
export const MAX_BREAKS = 2;



const YEAR = /\b(1[6-9]\d\d|20\d\d)\b/;
/** The shape of an answer to "how many", "what share". */
export const NUMBER_SHAPE = /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand|million|billion|dozen|half|third|quarter|percent|per cent)\b/i;
const DEFINITION = /\(\s*["“]?\p{Lu}{2,}[a-z]?["”]?\s*\)|\brefers? to\b|\bmeans\b|\bdefined as\b|\bstands? for\b/u;
const PLACE = /\b(based in|headquarter(s|ed)?|located|seat)\b/i;

/** What an answer to this question looks like: a date, a number or a place (a pattern its sentences match). */
export function answerShape(question: string): RegExp | null {
  const q = question.toLowerCase();
  if (/\b(how (many|much|big|large|long ago)|what (share|percentage|proportion|fraction|number)|number of)\b/.test(q)) return NUMBER_SHAPE;
  if (/\b(when|what year|since when|how long)\b/.test(q)) return YEAR;
  if (/\bwhere\b/.test(q)) return PLACE;
  if (/^\s*(what|who)(\s+is|\s+are|'s|’s|\s+was|\s+were)\b|\bstand for\b|\bmeaning of\b|\bwhat does .* mean\b|\bdefin/.test(q)) return DEFINITION;
  return null;
}

/** The best 1–3 sentence span of `text` for the query. */
/** What span selection needs of a passage, independent of the question (computed once, cached). */
export interface PassageAnalysis {
  sentences: Sentence[];
  terms: Set<string>[];
  words: number[];
  /** Sentence embeddings: the index's (of sentence pairs), or an embedder's cheap synchronous ones. */
  vectors: number[][] | null;
  /** `vectors[i]` is of sentences i and i+1 together (as the index embeds them). */
  pairs?: boolean;
}

/** Split and analyse a passage for span selection. */
export function analysePassage(text: string, embed?: (t: string) => number[] | null, stored?: number[][]): PassageAnalysis {
  const sentences = splitSentences(text);
  const slices = sentences.map((s) => text.slice(s.start, s.end));
  const vectors = stored?.length === sentences.length ? stored : embed ? slices.map((t) => embed(t) ?? []) : null;
  return {
    sentences,
    terms: slices.map((t) => new Set(tokenize(t))),
    words: slices.map((t) => t.split(/\s+/).length),
    vectors: vectors && vectors.every((v) => v.length) ? vectors : null,
    pairs: vectors === stored,
  };
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function selectSpan(
  text: string,
  query: QueryTerms,
  idf: (t: string) => number,
  options: {
    analysis?: PassageAnalysis;
    /** The question's embedding (compared with cached sentence vectors). */
    queryVector?: number[] | null;
    /** Embeds an arbitrary substring (for spans trimmed at breaks). */
    embed?: (t: string) => number[] | null;
    breaks?: number[];
    /** @defaultValue DEFAULT_RANKING.span */
    weights?: RankingOptions['span'];

  } = {},
): Span {
  const weights = options.weights ?? DEFAULT_RANKING.span;
  const breaks = options.breaks ?? [];
  const analysis = options.analysis ?? analysePassage(text);
  const { sentences, terms: sentTerms, words: sentWords, vectors } = analysis;
  if (!sentences.length) return { start: 0, end: text.length, coverage: 0, score: 0 };
  const qv = options.queryVector ?? null;
  const similarity = (t: string) => {
    const v = qv && options.embed ? options.embed(t) : null;
    return v && qv ? dot(qv, v) : 0;
  };
  const wants = answerShape(query.question ?? '');
  const phrases = query.phrases ?? [];
  const shapeBonus = sentences.map((s) => {
    const t = text.slice(s.start, s.end);
    return (wants && wants.test(t) ? 1 : 0) + (phrases.length && containsPhrase(t, phrases) ? 1 : 0);
  });
  const unitSim = sentences.map((_, i) => (qv && vectors ? Math.max(0, dot(qv, vectors[i]!)) : 0));
  // vectors of an index that embeds sentence pairs (unit i = sentences i and i+1) speak for both sentences
  const sentSim = analysis.pairs ? unitSim.map((u, i) => (i > 0 ? (u + unitSim[i - 1]!) / 2 : u)) : unitSim;
  const total = [...query.weights].reduce((a, [t, w]) => a + w * idf(t), 0) || 1;
  const ownTotal = query.own.reduce((a, t) => a + idf(t), 0) || 1;
  let best: (Span & { i?: number; j?: number }) | null = null;
  let bestValue = -Infinity;
  const consider = (
    start: number,
    end: number,
    covered: Set<string>,
    sim: number,
    shaped: number,
    words: number,
    sentencesUsed?: [number, number],
  ) => {
    let score = 0;
    for (const t of covered) score += (query.weights.get(t) ?? 0) * idf(t);
    score += weights.similarity * sim * total + weights.shape * shaped * total;
    const ownCovered = query.own.filter((t) => covered.has(t)).reduce((a, t) => a + idf(t), 0);
    // judged on what it says: a longer window must add content to beat a shorter one
    const extra = sentencesUsed ? sentencesUsed[1] - sentencesUsed[0] : 0;
    const value = score - Math.max(0, words - weights.maxWords) * 0.012 * total - extra * 0.02 * total;
    if (value > bestValue + 1e-9) {
      bestValue = value;
      best = { start, end, coverage: Math.min(1, ownCovered / ownTotal), score: score / total, i: sentencesUsed?.[0], j: sentencesUsed?.[1] };
    }
  };
  const breaksIn = (s0: number, s1: number) => breaks.filter((b) => b > s0 && b < s1).length;
  // A span whose source is in more than three pieces is cut at its breaks instead (it may then start or end
  // mid-sentence, as a page-cut sentence does in the source).
  const considerTrimmed = (s0: number, s1: number) => {
    const inner = breaks.filter((b) => b > s0 && b < s1);
    const cuts = [s0, ...inner, s1];
    for (let x = 0; x + MAX_BREAKS + 1 < cuts.length; x++) {
      const piece = text.slice(cuts[x]!, cuts[x + MAX_BREAKS + 1]!);
      const lead = piece.length - piece.trimStart().length;
      const start = cuts[x]! + lead;
      const end = cuts[x + MAX_BREAKS + 1]! - (piece.length - piece.trimEnd().length);
      if (end - start < 20) continue;
      const sub = text.slice(start, end);
      const shaped = wants && wants.test(sub) ? 1 : 0;
      consider(start, end, new Set(tokenize(sub)), Math.max(0, similarity(sub)), shaped, sub.split(/\s+/).length);
    }
  };
  for (let i = 0; i < sentences.length; i++) {
    const covered = new Set<string>();
    let wordsSoFar = 0;
    let sim = 0;
    let shaped = 0;
    for (let j = i; j < Math.min(sentences.length, i + 3); j++) {
      for (const t of sentTerms[j]!) covered.add(t);
      wordsSoFar += sentWords[j]!;
      sim = Math.max(sim, sentSim[j]!);
      shaped = Math.max(shaped, shapeBonus[j]!);
      if (j > i && wordsSoFar > weights.maxWords) break;
      if (breaksIn(sentences[i]!.start, sentences[j]!.end) > MAX_BREAKS) {
        if (j === i) considerTrimmed(sentences[i]!.start, sentences[j]!.end);
        break;
      }
      consider(sentences[i]!.start, sentences[j]!.end, covered, sim, shaped, wordsSoFar, [i, j]);
    }
  }
  if (!best) return { start: 0, end: breaks.filter((b) => b > 0)[MAX_BREAKS] ?? text.length, coverage: 0, score: 0 };
  const core: Span & { i?: number; j?: number } = best;
  // Then context: neighbouring sentences join the answering ones (the next first) while the quote stays
  // within the word budget, three sentences and three source pieces.
  if (core.i !== undefined && core.j !== undefined) {
    let [i, j] = [core.i, core.j];
    const words = (a: number, b: number) => sentWords.slice(a, b + 1).reduce((x, y) => x + y, 0);
    const fits = (a: number, b: number) =>
      b - a < 3 && words(a, b) <= weights.softWords && breaksIn(sentences[a]!.start, sentences[b]!.end) <= MAX_BREAKS;
    for (;;) {
      if (j + 1 < sentences.length && fits(i, j + 1)) j++;
      else if (i > 0 && fits(i - 1, j)) i--;
      else break;
    }
    return { start: sentences[i]!.start, end: sentences[j]!.end, coverage: core.coverage, score: core.score, core: [core.start, core.end] };
  }
  return { start: core.start, end: core.end, coverage: core.coverage, score: core.score, core: [core.start, core.end] };
}
