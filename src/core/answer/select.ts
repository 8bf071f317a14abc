/**
 * @module core/answer/select
 * Picks the one to three consecutive sentences of a passage that best answer the question: the window
 * covering the most (idf-weighted) question terms, with a length penalty so quotes stay pasteable.
 */
import { tokenize } from '../retrieve/tokenize.js';
import type { QueryTerms } from '../retrieve/search.js';
import { splitSentences } from './sentences.js';

export interface Span {
  start: number;
  end: number;
  /** Share of the question's idf-weighted terms the span covers, 0..1. */
  coverage: number;
  /** Raw weighted match score of the span. */
  score: number;
}

/** Removed markers or page joins a quote may span (each splits the quote into another source piece). */
export const MAX_BREAKS = 2;

/** Words a quote may have before it is penalised. */
export const QUOTE_WORDS = { soft: 55, max: 90 };

const YEAR = /\b(1[6-9]\d\d|20\d\d)\b/;
const NUMBER = /\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand|million|billion|dozen|half|third|quarter|percent|per cent)\b/i;
const PLACE = /\b(based in|headquarter(s|ed)?|located|seat)\b/i;

/** What an answer to this question looks like: a date, a number or a place (a pattern its sentences match). */
export function answerShape(question: string): RegExp | null {
  const q = question.toLowerCase();
  if (/\b(how (many|much|big|large|long ago)|what (share|percentage|proportion|number)|number of)\b/.test(q)) return NUMBER;
  if (/\b(when|what year|since when|how long)\b/.test(q)) return YEAR;
  if (/\bwhere\b/.test(q)) return PLACE;
  return null;
}

/** The best 1–3 sentence span of `text` for the query. */
export function selectSpan(
  text: string,
  query: QueryTerms,
  idf: (t: string) => number,
  similarity?: (sentence: string) => number,
  breaks: number[] = [],
): Span {
  const sentences = splitSentences(text);
  if (!sentences.length) return { start: 0, end: text.length, coverage: 0, score: 0 };
  const sentTerms = sentences.map((s) => new Set(tokenize(text.slice(s.start, s.end))));
  const sentWords = sentences.map((s) => text.slice(s.start, s.end).split(/\s+/).length);
  const wants = answerShape(query.question ?? '');
  const shapeBonus = sentences.map((s) => (wants && wants.test(text.slice(s.start, s.end)) ? 1 : 0));
  const sentSim = sentences.map((s) => (similarity ? Math.max(0, similarity(text.slice(s.start, s.end))) : 0));
  const total = [...query.weights].reduce((a, [t, w]) => a + w * idf(t), 0) || 1;
  const ownTotal = query.own.reduce((a, t) => a + idf(t), 0) || 1;
  let best: Span | null = null;
  let bestValue = -Infinity;
  for (let i = 0; i < sentences.length; i++) {
    const covered = new Set<string>();
    let wordsSoFar = 0;
    for (let j = i; j < Math.min(sentences.length, i + 3); j++) {
      for (const t of sentTerms[j]!) covered.add(t);
      wordsSoFar += sentWords[j]!;
      if (j > i && wordsSoFar > QUOTE_WORDS.max) break;
      // a quote must stay traceable as at most three pieces of the source: at most two breaks inside it
      const s0 = sentences[i]!.start;
      const s1 = sentences[j]!.end;
      if (breaks.filter((b) => b > s0 && b < s1).length > MAX_BREAKS) break;
      let score = 0;
      for (const t of covered) score += (query.weights.get(t) ?? 0) * idf(t);
      let sim = 0;
      for (let x = i; x <= j; x++) sim = Math.max(sim, sentSim[x]!);
      score += 0.35 * sim * total;
      let shaped = 0;
      for (let x = i; x <= j; x++) shaped = Math.max(shaped, shapeBonus[x]!);
      score += 0.4 * shaped * total;
      const ownCovered = query.own.filter((t) => covered.has(t)).reduce((a, t) => a + idf(t), 0);
      // a later sentence must add something to be worth its length
      const penalty = Math.max(0, wordsSoFar - QUOTE_WORDS.soft) * 0.012 * total + (j - i) * 0.005 * total;
      const value = score - penalty;
      if (value > bestValue + 1e-9) {
        bestValue = value;
        best = { start: sentences[i]!.start, end: sentences[j]!.end, coverage: Math.min(1, ownCovered / ownTotal), score: score / total };
      }
    }
  }
  return best!;
}
