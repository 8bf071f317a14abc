/**
 * @module adapters/slack/listeners/ask-in-conversation
 * Shared by mentions and direct messages: react so the asker knows the bot heard, gather the thread's
 * earlier questions, answer, remember the question for follow-ups, and clear the reaction.
 */
import type { webApi } from '@slack/bolt';
import { MESSAGES } from '../../shared/messages.js';
import { answerAndPost } from '../answer-flow.js';
import { questionFromMessage } from '../escape.js';
import { firstDelivery, quietly } from '../listener.js';
import { renderNotice, type SlackMessage } from '../render.js';
import type { SlackRuntime } from '../runtime.js';
import { rememberQuestion, threadHistory } from '../thread-history.js';

export interface ConversationMessage {
  client: webApi.WebClient;
  team?: string;
  channel: string;
  user?: string;
  ts: string;
  threadTs?: string;
  text: string;
  botUserId?: string;
  /** Reply in a thread under the message even when it is not in one (channels); DMs reply inline. */
  threadReplies: boolean;
  source: string;
}

/** The parts of an `app_mention` or `message` event (and its envelope) a question needs. */
export interface MessageEventArgs {
  event: { channel: string; user?: string; ts: string; thread_ts?: string; text?: string };
  body: { event_id: string };
  client: webApi.WebClient;
  context: { retryNum?: number; botUserId?: string };
}

/**
 * Answer a message event once: a redelivery (same event id) or the same message arriving as a second
 * event (`app_mention` and `message.im`) is ignored; see {@link firstDelivery}.
 */
export async function answerMessageEvent(
  rt: SlackRuntime,
  { event, body, client, context }: MessageEventArgs,
  how: Pick<ConversationMessage, 'team' | 'threadReplies' | 'source'>,
): Promise<void> {
  if (!firstDelivery(rt, [body.event_id, `msg:${event.channel}:${event.ts}`], context.retryNum)) return;
  await askInConversation(rt, {
    client,
    channel: event.channel,
    user: event.user,
    ts: event.ts,
    threadTs: event.thread_ts,
    text: event.text ?? '',
    botUserId: context.botUserId,
    ...how,
  });
}

/** Answer one message (mention or DM); resolves after the answer (or apology) is posted. */
export async function askInConversation(rt: SlackRuntime, m: ConversationMessage): Promise<void> {
  const replyTs = m.threadTs ?? (m.threadReplies ? m.ts : undefined);
  const post = async (message: SlackMessage): Promise<string | undefined> => {
    const res = await m.client.chat.postMessage({
      channel: m.channel,
      ...(replyTs ? { thread_ts: replyTs } : {}),
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
    });
    return res.ts;
  };
  if (!rt.enabled(m.team, m.channel)) {
    await quietly(rt, 'saying not enabled', () => post(renderNotice(MESSAGES.notEnabled)));
    return;
  }
  const question = questionFromMessage(m.text);
  const reaction = { channel: m.channel, timestamp: m.ts, name: rt.options.workingReaction };
  const reacting = quietly(rt, 'adding the working reaction', () => m.client.reactions.add(reaction));
  const history = await threadHistory(rt, m.client, {
    channel: m.channel,
    threadTs: m.threadTs,
    currentTs: m.ts,
    botUserId: m.botUserId,
  });
  const outcome = await answerAndPost(rt, { question, history, channel: m.channel, user: m.user, post, source: m.source });
  if (outcome.answer) rememberQuestion(rt, m.channel, [replyTs, outcome.ts], history, question);
  await reacting;
  await quietly(rt, 'removing the working reaction', () => m.client.reactions.remove(reaction));
}
