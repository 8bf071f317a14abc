/**
 * @module adapters/slack/listeners/app-mention
 * `@quotebot what is IRIS?` in a channel: answered in a thread under the question; a mention inside
 * that thread is a follow-up and carries the thread's earlier questions.
 */
import type { SlackListener } from '../listener.js';
import { answerMessageEvent } from './ask-in-conversation.js';

/** `app_mention` events. */
export const appMention = {
  name: 'app_mention',
  register(app, rt) {
    app.event('app_mention', async (args) => {
      const team = args.body.team_id ?? args.event.team;
      await answerMessageEvent(rt, args, { team, threadReplies: true, source: 'mention' });
    });
  },
} satisfies SlackListener;
