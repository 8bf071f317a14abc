/**
 * @module adapters/shared/messages
 * The words every front end uses, so Slack, Discord and the terminal say the same thing.
 */
import { isQuotebotError, type QuotebotError } from '../../core/errors.js';
import type { Answer } from '../../core/types.js';

export const MESSAGES = {
  apology: "Sorry, something went wrong while answering that. The team has been told; please try again in a moment.",
  notEnabled: 'quotebot is not enabled here. Ask an admin to add this channel to its allow-list.',
  notFound: 'The corpus does not answer this question.',
  closestLabel: 'Closest matches (these do not answer the question):',
  machineWritten: 'Machine-written summary; check it against the quotes below.',
  working: 'Searching the corpus…',
  noMore: 'No more passages for this question.',
  expired: 'This answer has expired; please ask again.',
  thanks: 'Thanks, your feedback was recorded.',
  loading: 'Loading the index (the first answer may take a moment)…',
} as const;

/**
 * What an answer says about itself above its quotes: the part of the question the corpus does not cover,
 * and that only a few passages answer closely. `moreHow` names the platform's way to see more.
 */
export function answerNotes(answer: Answer, moreHow: string): string[] {
  const notes: string[] = [];
  if (answer.status !== 'answered') return notes;
  if (answer.uncovered?.length) {
    notes.push(`The corpus does not mention ${listOf(answer.uncovered.map((u) => u.replace(/ \+ /g, ' together with ')))}; these passages answer the rest of the question.`);
  }
  if (answer.figures?.length) {
    notes.push(`The figures come from different years; newest first: ${answer.figures.map((f) => `${f.year} (quote ${f.n})`).join(', ')}.`);
  }
  if (answer.held && answer.quotes.length) {
    const n = answer.quotes.length;
    notes.push(`Only ${n === 1 ? 'this passage answers' : `these ${n} passages answer`} closely; ${moreHow} shows weaker matches.`);
  }
  return notes;
}

function listOf(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** The labels of the buttons under an answer (Slack and Discord). */
export const BUTTONS = {
  more: 'More passages',
  cite: 'Cite',
  helpful: 'Helpful',
  notHelpful: 'Not helpful',
} as const;

/** True for errors about the question itself (empty, overlong, malformed): the asker's to fix, not a fault. */
export function isInputProblem(e: unknown): e is QuotebotError {
  return isQuotebotError(e, 'QUESTION_EMPTY') || isQuotebotError(e, 'QUESTION_TOO_LONG') || isQuotebotError(e, 'BAD_INPUT');
}

/**
 * What to tell a user when answering failed: the error's own message for input problems
 * (empty or overlong question), the generic apology for anything else.
 */
export function userMessageFor(e: unknown): string {
  return isInputProblem(e) ? e.message : MESSAGES.apology;
}

/** True when `id` is allowed by an allow-list (an empty list allows everything). */
export function allowed(list: readonly string[], id: string | undefined | null): boolean {
  return list.length === 0 || (id != null && list.includes(id));
}
