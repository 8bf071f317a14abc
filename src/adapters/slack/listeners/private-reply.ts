/**
 * @module adapters/slack/listeners/private-reply
 * Replies that only the clicking user sees: `chat.postEphemeral` in the message's conversation (and thread),
 * or the click's response URL when the clicked message was itself ephemeral (e.g. a `/ask --private` answer).
 */
import type { BlockAction, RespondFn, webApi } from '@slack/bolt';
import type { SlackMessage } from '../render.js';

/** What a button listener has to reply with. */
export interface ClickContext {
  body: BlockAction;
  client: webApi.WebClient;
  respond: RespondFn;
}

/** Where the clicked message lives. */
export function clickedMessage(body: BlockAction): { channel?: string; ts?: string; threadTs?: string; ephemeral: boolean } {
  const container = (body.container ?? {}) as { is_ephemeral?: boolean; channel_id?: string; message_ts?: string };
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  return {
    channel: body.channel?.id ?? container.channel_id,
    ts: message?.ts ?? container.message_ts,
    threadTs: message?.thread_ts,
    ephemeral: Boolean(container.is_ephemeral) || !message,
  };
}

/** Post `message` so that only the clicking user sees it. */
export async function replyPrivately({ body, client, respond }: ClickContext, message: SlackMessage): Promise<void> {
  const where = clickedMessage(body);
  if (where.ephemeral || !where.channel) {
    await respond({ response_type: 'ephemeral', replace_original: false, text: message.text, blocks: message.blocks });
    return;
  }
  await client.chat.postEphemeral({
    channel: where.channel,
    user: body.user.id,
    ...(where.threadTs ? { thread_ts: where.threadTs } : {}),
    text: message.text,
    blocks: message.blocks,
  });
}
