/**
 * @module adapters/slack/listeners/feedback
 * "Helpful" / "Not helpful": appended to the feedback log (what `quotebot report` summarises), with a
 * private thank-you so the click visibly did something.
 */
import { MESSAGES } from '../../shared/messages.js';
import { ACTION, type FeedbackValue } from '../action-values.js';
import { quietly, type SlackListener } from '../listener.js';
import { renderNotice } from '../render.js';
import { clickedMessage, replyPrivately } from './private-reply.js';

/** The thank-you shown to the clicking user. */
export const THANKS = 'Thanks, your feedback was recorded.';

/** The "Helpful" and "Not helpful" buttons. */
export const feedback = {
  name: 'quotebot_feedback',
  register(app, rt) {
    const verdicts = { [ACTION.helpful]: 'helpful', [ACTION.notHelpful]: 'not_helpful' } as const;
    for (const [actionId, verdict] of Object.entries(verdicts)) {
      app.action({ type: 'block_actions', action_id: actionId }, async ({ ack, body, action, client, respond }) => {
        await ack();
        const click = { body, client, respond };
        const where = clickedMessage(body);
        if (!rt.enabled(body.team?.id ?? body.user.team_id, where.channel)) {
          await quietly(rt, 'saying not enabled', () => replyPrivately(click, renderNotice(MESSAGES.notEnabled)));
          return;
        }
        const value = rt.codec.decode<FeedbackValue>('value' in action ? action.value : undefined);
        if (!value) {
          await replyPrivately(click, renderNotice(MESSAGES.expired));
          return;
        }
        await rt.feedback.record({
          platform: 'slack',
          channel: where.channel,
          user: body.user.id,
          question: value.q,
          status: value.st,
          quoteIds: value.ids,
          verdict,
        });
        await replyPrivately(click, renderNotice(THANKS));
      });
    }
  },
} satisfies SlackListener;
