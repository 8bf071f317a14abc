/**
 * Deterministic Cores (the port the adapter talks to), answering from fixture Answers built from the
 * shipped corpus text (test/slack/fixtures/answers.json). The adapter under test is never faked.
 */
import { readFileSync } from 'node:fs';
import { QuotebotError } from '../../../src/core/errors.js';
import type { Answer, AskRequest, Quote } from '../../../src/core/types.js';
import { recordingCore, type RecordingCore } from '../../helpers/fake-cores.js';

/** A fixture: an Answer holding every quote the question has; the fake pages through them. */
export interface FixtureAnswer extends Answer {
  /** When set, the fixture only answers a follow-up whose history contains these questions. */
  history?: string[];
}

const FIXTURES = new URL('../fixtures/answers.json', import.meta.url);

export function loadFixtureAnswers(): FixtureAnswer[] {
  return (JSON.parse(readFileSync(FIXTURES, 'utf8')) as { answers: FixtureAnswer[] }).answers;
}

/** The fixture answering `question` (exact text). */
export function fixture(question: string): FixtureAnswer {
  const hit = loadFixtureAnswers().find((a) => a.question === question);
  if (!hit) throw new Error(`no fixture for ${question}`);
  return hit;
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

function validate(req: AskRequest, maxChars = 2000): void {
  if (!req.question.trim()) throw new QuotebotError('QUESTION_EMPTY', 'Please type a question.');
  if (req.question.length > maxChars) throw new QuotebotError('QUESTION_TOO_LONG', `Questions are limited to ${maxChars} characters.`);
}

/** Pages through fixture quotes like the real core: `quotes.slice(offset, offset + k)`, `more` when some remain. */
export function page(answer: FixtureAnswer, req: AskRequest): Answer {
  const k = req.k ?? 5;
  const offset = req.offset ?? 0;
  const { history: _h, ...rest } = answer;
  return { ...rest, question: req.question, quotes: answer.quotes.slice(offset, offset + k), more: offset + k < answer.quotes.length, offset };
}

/** Answers the fixture questions; anything else is not_found with no closest matches. */
export function createFixtureCore(fixtures: FixtureAnswer[] = loadFixtureAnswers()): RecordingCore {
  return recordingCore(
    async (req) => {
      validate(req);
      const hit = fixtures.find(
        (a) => norm(a.question) === norm(req.question) && (a.history ?? []).every((h) => (req.history ?? []).map(norm).includes(norm(h))),
      );
      if (hit) return page(hit, req);
      return { question: req.question, status: 'not_found', ms: 3, quotes: [], closest: [] };
    },
    async () => {
      const seen = new Map<string, Quote['document']>();
      for (const a of fixtures) for (const q of [...a.quotes, ...a.closest]) seen.set(q.document.file, q.document);
      return [...seen.values()];
    },
  );
}

/**
 * A corpus whose passage contains strings Slack would turn into pings or links if they were not escaped
 * (a pasted chat log or an e-mail inside a document).
 */
export const HOSTILE_TEXT =
  'Staff were told in the all-hands thread: <!channel> <!here> please ask <@U0ADMIN> & see <https://evil.example|the audit>.';

export function createHostileCore(): RecordingCore {
  const base = fixture('what is IRIS?');
  const q = base.quotes[0]!;
  const passage = `${q.passage} ${HOSTILE_TEXT}`;
  const start = passage.indexOf(HOSTILE_TEXT);
  const hostile: Quote = {
    ...q,
    id: `${q.passageId}:${start}-${start + HOSTILE_TEXT.length}`,
    text: passage.slice(start, start + HOSTILE_TEXT.length),
    passage,
    start,
    end: start + HOSTILE_TEXT.length,
    footnotes: [{ n: 999, text: 'Internal memo, <!everyone> list.' }],
    citation: { ...q.citation, short: `${q.citation.short} <@U0ADMIN>` },
  };
  // Answers every question with the hostile passage, echoing the question (which may be hostile too).
  return recordingCore(
    async (req) => {
      validate(req);
      return page({ ...base, quotes: [hostile] }, req);
    },
    async () => [hostile.document],
  );
}
