/**
 * @module adapters/slack/listeners/direct-message
 * A direct message to the bot is a question, answered in the DM (in its thread when asked in one).
 */
import type { SlackListener } from '../listener.js';
import { answerMessageEvent } from './ask-in-conversation.js';

/** `message.im` events. */
export const directMessage = {
  name: 'message.im',
  register(app, rt) {
    app.event('message', async ({ event, body, client, context }) => {
      // Edits, deletions, joins and bot posts (including our own answers) are not questions.
      if (event.channel_type !== 'im' || event.subtype !== undefined || ('bot_id' in event && event.bot_id)) return;
      if (!event.text?.trim()) return;
      await answerMessageEvent(rt, { event, body, client, context }, { team: body.team_id, threadReplies: false, source: 'dm' });
    });
  },
} satisfies SlackListener;
