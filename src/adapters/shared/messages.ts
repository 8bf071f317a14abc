/**
 * @module adapters/shared/messages
 * The words every front end uses, so Slack, Discord and the terminal say the same thing.
 */
import { isQuotebotError } from '../../core/errors.js';

export const MESSAGES = {
  apology: "Sorry, something went wrong while answering that. The team has been told; please try again in a moment.",
  notEnabled: 'quotebot is not enabled here. Ask an admin to add this channel to its allow-list.',
  notFound: 'The corpus does not answer this question.',
  closestLabel: 'Closest matches (these do not answer the question):',
  machineWritten: 'Machine-written summary; check it against the quotes below.',
  working: 'Searching the corpus…',
  noMore: 'No more passages for this question.',
  expired: 'This answer has expired; please ask again.',
} as const;

/**
 * What to tell a user when answering failed: the error's own message for input problems
 * (empty or overlong question), the generic apology for anything else.
 */
export function userMessageFor(e: unknown): string {
  if (isQuotebotError(e, 'QUESTION_EMPTY') || isQuotebotError(e, 'QUESTION_TOO_LONG') || isQuotebotError(e, 'BAD_INPUT')) {
    return e.message;
  }
  return MESSAGES.apology;
}

/** True when `id` is allowed by an allow-list (an empty list allows everything). */
export function allowed(list: readonly string[], id: string | undefined | null): boolean {
  return list.length === 0 || (id != null && list.includes(id));
}
