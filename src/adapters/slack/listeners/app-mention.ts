/**
 * @module adapters/slack/listeners/app-mention
 * `@quotebot what is IRIS?` in a channel: answered in a thread under the question; a mention inside
 * that thread is a follow-up and carries the thread's earlier questions.
 */
import { firstDelivery, type SlackListener } from '../listener.js';
import { askInConversation } from './ask-in-conversation.js';

/** `app_mention` events. */
export const appMention = {
  name: 'app_mention',
  register(app, rt) {
    app.event('app_mention', async ({ event, body, client, context }) => {
      if (!firstDelivery(rt, [body.event_id, `msg:${event.channel}:${event.ts}`], context.retryNum)) return;
      await askInConversation(rt, {
        client,
        team: body.team_id ?? event.team,
        channel: event.channel,
        user: event.user,
        ts: event.ts,
        threadTs: event.thread_ts,
        text: event.text,
        botUserId: context.botUserId,
        threadReplies: true,
        source: 'mention',
      });
    });
  },
} satisfies SlackListener;
