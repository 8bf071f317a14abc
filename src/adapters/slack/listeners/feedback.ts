/**
 * @module adapters/slack/listeners/feedback
 * "Helpful" / "Not helpful": appended to the feedback log (what `quotebot report` summarises), with a
 * private thank-you so the click visibly did something.
 */
import { MESSAGES } from '../../shared/messages.js';
import { ACTION, type FeedbackValue } from '../action-values.js';
import type { SlackListener } from '../listener.js';
import { renderNotice } from '../render.js';
import { onButton } from './button-click.js';
import { replyPrivately } from './private-reply.js';

/** The "Helpful" and "Not helpful" buttons. */
export const feedback = {
  name: 'quotebot_feedback',
  register(app, rt) {
    const verdicts = { [ACTION.helpful]: 'helpful', [ACTION.notHelpful]: 'not_helpful' } as const;
    for (const [actionId, verdict] of Object.entries(verdicts)) {
      onButton<FeedbackValue>(app, rt, actionId, async (click) => {
        await rt.feedback.record({
          platform: 'slack',
          channel: click.where.channel,
          user: click.body.user.id,
          question: click.value.q,
          status: click.value.st,
          quoteIds: click.value.ids,
          verdict,
        });
        await replyPrivately(click, renderNotice(MESSAGES.thanks));
      });
    }
  },
} satisfies SlackListener;
