/**
 * @module adapters/discord/respond
 * The one answering flow every entry point shares (slash commands, mentions, DMs, "More passages"):
 * ask the core, log not-found answers as feedback, remember the answer for its buttons, render.
 * Failures become a user-facing message here; the cause goes to the log. Never throws.
 */
import { DiscordAPIError, RESTJSONErrorCodes, type RepliableInteraction } from 'discord.js';
import type { AskRequest } from '../../core/types.js';
import { isInputProblem, MESSAGES, userMessageFor } from '../shared/messages.js';
import type { DiscordContext } from './context.js';
import { renderAnswer, renderText, type DiscordPayload } from './render.js';

/** Quotes per answer. */
export const QUOTES_PER_ANSWER = 5;

export interface Asking {
  request: AskRequest;
  /** `cite`: one quote with its full reference. @defaultValue 'ask' */
  mode?: 'ask' | 'cite';
  /** True for "More passages": an empty page says there is nothing more. */
  continuation?: boolean;
  /** Where the question came from, for the feedback log and the logs. */
  channel?: string;
  user?: string;
}

/** Ask the core and render the outcome (answer, not found, or a plain error message). */
export async function answerPayload(ctx: DiscordContext, asking: Asking): Promise<DiscordPayload> {
  const mode = asking.mode ?? 'ask';
  const request = {
    ...asking.request,
    k: asking.request.k ?? (mode === 'cite' ? 1 : QUOTES_PER_ANSWER),
    offset: asking.request.offset ?? 0,
    style: asking.request.style ?? ctx.config.citationStyle,
  };
  let answer;
  try {
    answer = await ctx.limit(() => ctx.core.ask(request));
  } catch (e) {
    logAskFailure(ctx, e, asking);
    return renderText(userMessageFor(e));
  }
  if (asking.continuation && (answer.status === 'not_found' || answer.quotes.length === 0)) {
    return renderText(MESSAGES.noMore);
  }
  if (answer.status === 'not_found') {
    try {
      await ctx.feedback.record({
        platform: 'discord',
        channel: asking.channel,
        user: asking.user,
        question: answer.question || request.question,
        status: 'not_found',
        quoteIds: answer.closest.map((q) => q.id),
        verdict: 'unanswered',
      });
    } catch (e) {
      ctx.logger.error({ err: e }, 'discord: recording an unanswered question failed');
    }
  }
  const key = ctx.answers.newKey();
  const { payload, shown } = renderAnswer(answer, { key, mode, offset: request.offset });
  const quotes = answer.status === 'answered' ? answer.quotes.slice(0, shown) : answer.closest;
  ctx.answers.put(key, {
    request,
    nextOffset: request.offset + shown,
    status: answer.status,
    quoteIds: quotes.map((q) => q.id),
    citations: answer.status === 'answered' ? quotes.map((q) => q.citation.full) : [],
  });
  ctx.logger.info(
    { platform: 'discord', status: answer.status, quotes: quotes.length, ms: answer.ms, channel: asking.channel },
    'discord: answered',
  );
  return payload;
}

function logAskFailure(ctx: DiscordContext, e: unknown, asking: Asking): void {
  if (isInputProblem(e)) ctx.logger.info({ code: e.code, channel: asking.channel }, 'discord: question rejected');
  else ctx.logger.error({ err: e, channel: asking.channel }, 'discord: answering failed');
}

const EXPIRED_CODES = new Set<number | string>([
  RESTJSONErrorCodes.UnknownWebhook,
  RESTJSONErrorCodes.InvalidWebhookToken,
  RESTJSONErrorCodes.UnknownInteraction,
  RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
]);

/** True when a REST error means the interaction token is spent (15-minute lifetime, or already used). */
export function isExpiredInteraction(e: unknown): boolean {
  return e instanceof DiscordAPIError && (EXPIRED_CODES.has(e.code) || e.status === 401);
}

/**
 * Run a reply step (defer, edit, follow-up, send) and log instead of throwing when it fails: there is
 * nobody left to tell when Discord refuses the reply itself. Returns false on failure.
 */
export async function deliver(ctx: DiscordContext, what: string, step: () => Promise<unknown>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (e) {
    if (isExpiredInteraction(e)) {
      ctx.logger.warn({ err: e, what }, 'discord: reply failed: the interaction token has expired or was already used');
    } else {
      ctx.logger.error({ err: e, what }, 'discord: reply failed');
    }
    return false;
  }
}

/**
 * Defer the reply at once (Discord allows 3 s), build the payload (slow: asks the core), then edit the
 * deferred reply with it. `what` names the steps in the log (`defer <what>`, `edit <what> reply`).
 */
export async function deferThenEdit(
  ctx: DiscordContext,
  interaction: RepliableInteraction,
  what: string,
  build: () => Promise<DiscordPayload>,
): Promise<void> {
  if (!(await deliver(ctx, `defer ${what}`, () => interaction.deferReply()))) return;
  const payload = await build();
  await deliver(ctx, `edit ${what} reply`, () => interaction.editReply(payload));
}
