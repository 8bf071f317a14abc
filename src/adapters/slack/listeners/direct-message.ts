/**
 * @module adapters/slack/listeners/direct-message
 * A direct message to the bot is a question, answered in the DM (in its thread when asked in one).
 */
import { firstDelivery, type SlackListener } from '../listener.js';
import { askInConversation } from './ask-in-conversation.js';

/** `message.im` events. */
export const directMessage = {
  name: 'message.im',
  register(app, rt) {
    app.event('message', async ({ event, body, client, context }) => {
      // Edits, deletions, joins and bot posts (including our own answers) are not questions.
      if (event.channel_type !== 'im' || event.subtype !== undefined || ('bot_id' in event && event.bot_id)) return;
      if (!event.text?.trim()) return;
      if (!firstDelivery(rt, [body.event_id, `msg:${event.channel}:${event.ts}`], context.retryNum)) return;
      await askInConversation(rt, {
        client,
        team: body.team_id,
        channel: event.channel,
        user: event.user,
        ts: event.ts,
        threadTs: event.thread_ts,
        text: event.text,
        botUserId: context.botUserId,
        threadReplies: false,
        source: 'dm',
      });
    });
  },
} satisfies SlackListener;
