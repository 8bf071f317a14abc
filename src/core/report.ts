/**
 * @module core/report
 * Summarises the feedback log (pure): counts per verdict and per platform, and the questions the corpus
 * could not answer, grouped and counted, most recent first: the gaps the team should fill.
 * Shared by every front end; `quotebot report` prints it.
 */
import type { FeedbackEvent } from './feedback.js';

export type Verdict = FeedbackEvent['verdict'];
export type Platform = FeedbackEvent['platform'];

export interface UnansweredQuestion {
  /** The most recent wording of the question. */
  question: string;
  /** How many times it (or the same words, ignoring case, spacing and end punctuation) went unanswered. */
  count: number;
  firstAsked: string;
  lastAsked: string;
  platforms: Platform[];
}

export interface FeedbackReport {
  /** Events read. */
  total: number;
  /** Earliest and latest event time (ISO), when any. */
  from?: string;
  to?: string;
  byVerdict: Record<Verdict, number>;
  byPlatform: Partial<Record<Platform, Record<Verdict, number>>>;
  /** not_found questions, deduplicated, most recently asked first. */
  unanswered: UnansweredQuestion[];
}

const VERDICTS: readonly Verdict[] = ['helpful', 'not_helpful', 'unanswered'];

const zero = (): Record<Verdict, number> => ({ helpful: 0, not_helpful: 0, unanswered: 0 });

/** The key two wordings of one question share: case, spacing, quotes and trailing punctuation ignored. */
export function questionKey(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/[\s?!.…]+$/u, '')
    .trim();
}

/** Summarise feedback events. Events with an unknown verdict are counted in `total` only. */
export function summariseFeedback(events: readonly FeedbackEvent[]): FeedbackReport {
  const byVerdict = zero();
  const byPlatform: FeedbackReport['byPlatform'] = {};
  const groups = new Map<string, UnansweredQuestion>();
  let from: string | undefined;
  let to: string | undefined;
  for (const e of events) {
    if (e.time && (!from || e.time < from)) from = e.time;
    if (e.time && (!to || e.time > to)) to = e.time;
    if (!VERDICTS.includes(e.verdict)) continue;
    byVerdict[e.verdict] += 1;
    (byPlatform[e.platform] ??= zero())[e.verdict] += 1;
    if (e.verdict !== 'unanswered' || !e.question?.trim()) continue;
    const key = questionKey(e.question);
    const g = groups.get(key);
    if (!g) {
      groups.set(key, { question: e.question.trim(), count: 1, firstAsked: e.time, lastAsked: e.time, platforms: [e.platform] });
      continue;
    }
    g.count += 1;
    if (e.time >= g.lastAsked) {
      g.lastAsked = e.time;
      g.question = e.question.trim();
    }
    if (e.time < g.firstAsked) g.firstAsked = e.time;
    if (!g.platforms.includes(e.platform)) g.platforms.push(e.platform);
  }
  const unanswered = [...groups.values()].sort((a, b) => (a.lastAsked < b.lastAsked ? 1 : a.lastAsked > b.lastAsked ? -1 : b.count - a.count));
  return { total: events.length, ...(from ? { from } : {}), ...(to ? { to } : {}), byVerdict, byPlatform, unanswered };
}
