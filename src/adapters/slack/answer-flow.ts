/**
 * @module adapters/slack/answer-flow
 * The path every question takes once acknowledged: ask the core, render, post; log a not_found answer
 * as a gap in the corpus; and on failure post a short apology (the cause goes to the log). Never silence.
 */
import type { Answer } from '../../core/types.js';
import { isInputProblem, MESSAGES, userMessageFor } from '../shared/messages.js';
import { renderAnswer, renderNotice, type SlackMessage } from './render.js';
import type { SlackRuntime } from './runtime.js';

export interface AskTarget {
  question: string;
  history?: string[];
  /** @defaultValue 0 */
  offset?: number;
  channel?: string;
  user?: string;
  /** Where the answer goes; returns the posted message's ts when known. */
  post(message: SlackMessage): Promise<string | undefined>;
  /** Where a problem notice (bad question, apology) goes. @defaultValue `post` */
  postProblem?(message: SlackMessage): Promise<string | undefined>;
  /** What happened, for the log. */
  source: string;
  /** Credit the asker under the question (answers the bot posts on someone's behalf). */
  askedBy?: string;
}

export interface AskOutcome {
  answer?: Answer;
  /** ts of the posted answer (or apology). */
  ts?: string;
}

/** Ask, render, post. Resolves in every case; failures are logged and answered with an apology. */
export async function answerAndPost(rt: SlackRuntime, target: AskTarget): Promise<AskOutcome> {
  const offset = target.offset ?? 0;
  const log = rt.logger.child({ component: 'slack', source: target.source, channel: target.channel });
  let answer: Answer;
  try {
    answer = await rt.ask({ question: target.question, history: target.history, offset });
  } catch (e) {
    const notice = userMessageFor(e);
    if (isInputProblem(e)) log.info({ reason: notice }, 'question refused');
    else log.error({ err: e }, 'answering failed');
    const problemTarget = target.postProblem ? { ...target, post: target.postProblem } : target;
    return { ts: await postSafely(rt, problemTarget, renderNotice(notice), true) };
  }
  const message = renderAnswer(answer, {
    request: { question: target.question, history: target.history, offset, k: rt.options.k },
    codec: rt.codec,
    askedBy: target.askedBy,
  });
  const ts = await postSafely(rt, target, message);
  if (answer.status === 'not_found' && offset === 0) {
    await rt.feedback
      .record({
        platform: 'slack',
        channel: target.channel,
        user: target.user,
        question: target.question,
        status: 'not_found',
        quoteIds: [],
        verdict: 'unanswered',
      })
      .catch((e: unknown) => log.error({ err: e }, 'could not write the feedback log'));
  }
  log.info({ status: answer.status, quotes: answer.quotes.length, ms: answer.ms }, 'answered');
  return { answer, ts };
}

async function postSafely(
  rt: SlackRuntime,
  target: AskTarget,
  message: SlackMessage,
  isApology = false,
): Promise<string | undefined> {
  try {
    return await target.post(message);
  } catch (e) {
    rt.logger.error({ err: e, component: 'slack', source: target.source }, 'posting to Slack failed');
    // A rejected answer (e.g. Slack refusing the blocks) still deserves a reply.
    return isApology ? undefined : postSafely(rt, target, renderNotice(MESSAGES.apology), true);
  }
}
