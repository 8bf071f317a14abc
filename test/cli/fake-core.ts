/**
 * A deterministic fake Core for the CLI tests: a handful of passages, ranked by how many of the
 * question's words (4+ letters) each contains. It honours k, offset and style, records every request,
 * and fails on demand: a question containing "explode" throws a plain Error, one containing
 * "toolong" throws QUESTION_TOO_LONG, one containing "brokenindex" throws INDEX_UNREADABLE.
 */
import { QuotebotError } from '../../src/core/errors.js';
import type { Answer, AskRequest, Core } from '../../src/core/types.js';
import { makeQuote } from './fixtures.js';

export const FAKE_PASSAGES = [
  'IOM was founded in 1951 to move migrants out of post-war Europe.',
  'IOM joined the United Nations system as a related organization in 2016.',
  'The constitution of IOM contains no explicit protection mandate for migrants.',
  'Human rights advocates have criticised IOM for its role in detention of migrants.',
  'IOM projects are funded by states, which shapes which migrants it serves.',
  'Member states govern IOM through its Council, which meets each year.',
  'Migrants returned under IOM programmes are sometimes not fully informed.',
  'IOM describes itself as the leading inter-governmental organization in migration.',
];

function words(s: string): string[] {
  return s.toLowerCase().match(/[a-z]{4,}/g) ?? [];
}

export interface FakeCore extends Core {
  requests: AskRequest[];
}

export function createFakeCore(): FakeCore {
  const requests: AskRequest[] = [];
  return {
    requests,
    async documents() {
      return [{ file: 'corpus/chuang.txt', title: 'Fake', authors: ['Janie A. Chuang'], year: 2024 }];
    },
    async ask(req: AskRequest): Promise<Answer> {
      requests.push(req);
      if (req.question.includes('explode')) throw new Error('fake core exploded');
      if (req.question.includes('toolong')) throw new QuotebotError('QUESTION_TOO_LONG', 'Your question is too long (at most 2000 characters).');
      if (req.question.includes('brokenindex')) throw new QuotebotError('INDEX_UNREADABLE', 'the index cannot be read', { hint: 'run npm run index' });
      const k = req.k ?? 5;
      const offset = req.offset ?? 0;
      const style = req.style ?? 'oscola';
      const q = new Set(words(req.question));
      const ranked = FAKE_PASSAGES.map((p, i) => ({ p, i, score: words(p).filter((w) => q.has(w)).length }))
        .filter((r) => r.score > 0)
        .sort((a, b) => b.score - a.score || a.i - b.i);
      const toQuote = (r: { p: string; i: number }) => makeQuote({ passage: r.p, paragraph: r.i + 1, style });
      if (ranked.length === 0) {
        const closest = FAKE_PASSAGES.slice(0, 2).map((p, i) => toQuote({ p, i }));
        return { question: req.question, status: 'not_found', ms: 1, quotes: [], closest };
      }
      const page = ranked.slice(offset, offset + k);
      return {
        question: req.question,
        status: 'answered',
        ms: 1,
        quotes: page.map(toQuote),
        closest: [],
        more: offset + k < ranked.length,
        offset,
      };
    },
  };
}
