/**
 * Deterministic fake Cores (the port the Discord adapter talks to), built from fixture quotes taken
 * verbatim from the shipped corpus.
 */
import { readFileSync } from 'node:fs';
import { QuotebotError } from '../../src/core/errors.js';
import type { Answer, Quote, QuoteDocument } from '../../src/core/types.js';
import { recordingCore, type RecordingCore } from '../helpers/fake-cores.js';

export const turkey: Answer = JSON.parse(readFileSync(new URL('./fixtures/answer-turkey.json', import.meta.url), 'utf8'));

export const DOCS: QuoteDocument[] = [
  turkey.quotes[0]!.document,
  turkey.quotes[2]!.document,
  { file: 'corpus/bradley-who-and-what-is-iom-for.txt', title: 'Who and What Is IOM For? The Evolution of IOM’s Mandate, Policies, and Obligations', authors: ['Megan Bradley'], year: 2021 },
  { file: 'corpus/sherwood-bradley-holding-iom-to-account.txt', title: 'Holding IOM to Account', authors: ['Angela Sherwood', 'Megan Bradley'], year: 2022 },
];

/** Answers every question from `pool`: quotes `offset … offset + k`, `more` when the pool has further quotes. */
export function poolCore(pool: Quote[] = turkey.quotes, docs: QuoteDocument[] = DOCS): RecordingCore {
  return recordingCore(
    async (req) => {
      if (!req.question.trim()) throw new QuotebotError('QUESTION_EMPTY', 'Please type a question.');
      const k = req.k ?? 5;
      const offset = req.offset ?? 0;
      const from = req.doc ? pool.filter((q) => q.document.file === req.doc) : pool;
      const quotes = from.slice(offset, offset + k);
      return {
        question: req.question,
        status: quotes.length ? 'answered' : 'not_found',
        ms: 12,
        quotes,
        closest: [],
        more: offset + k < from.length,
        offset,
      };
    },
    async () => docs,
  );
}

/** Never answers: returns not_found with `closest` as the nearest passages. */
export function notFoundCore(closest: Quote[] = [turkey.quotes[2]!]): RecordingCore {
  return recordingCore(async (req) => ({ question: req.question, status: 'not_found', ms: 9, quotes: [], closest }), async () => DOCS);
}

/** A quote whose passage carries mention syntax and markdown, as a corpus might. */
export function mentionQuote(): Quote {
  const passage = 'The notice was posted to @everyone and @here, signed <@123456789012345678>, under the heading # **Urgent** — see [the form](https://example.org).';
  const text = passage;
  return {
    ...turkey.quotes[0]!,
    id: 'mention:p1:0-' + text.length,
    passageId: 'mention:p1',
    text,
    passage,
    start: 0,
    end: text.length,
    footnotes: [],
  };
}

/** Another verbatim sentence of an existing quote's passage, as its own quote. */
function sibling(base: Quote, sentence: string, n: number): Quote {
  const start = base.passage.indexOf(sentence);
  if (start < 0) throw new Error(`fixture sentence not in passage: ${sentence}`);
  const end = start + sentence.length;
  return { ...base, id: `${base.passageId}:${start}-${end}`, text: base.passage.slice(start, end), start, end, footnotes: [], score: base.score - 0.05 * n };
}

/** Six quotes (five body sentences, one footnote): more than one page of five. */
export const POOL: Quote[] = [
  turkey.quotes[0]!,
  turkey.quotes[1]!,
  sibling(turkey.quotes[0]!, 'The subtext of IOM messaging might suggest, for example,', 1),
  sibling(turkey.quotes[0]!, 'Conversely, compliance could bring the targeted state desired international standing', 2),
  sibling(turkey.quotes[0]!, 'with developing and implementing Turkish migration policy.', 3),
  turkey.quotes[2]!,
];
