/**
 * @module adapters/slack/listeners/cite
 * "Cite": the full reference in the configured style plus the quote, posted to the clicking user only.
 */
import { MESSAGES } from '../../shared/messages.js';
import { CITE_ACTION, type CiteValue } from '../action-values.js';
import { quietly, type SlackListener } from '../listener.js';
import { renderCite, renderNotice } from '../render.js';
import { clickedMessage, replyPrivately } from './private-reply.js';

/** Every "Cite" button (one per quote). */
export const cite = {
  name: 'quotebot_cite',
  register(app, rt) {
    app.action({ type: 'block_actions', action_id: CITE_ACTION }, async ({ ack, body, action, client, respond }) => {
      await ack();
      const click = { body, client, respond };
      if (!rt.enabled(body.team?.id ?? body.user.team_id, clickedMessage(body).channel)) {
        await quietly(rt, 'saying not enabled', () => replyPrivately(click, renderNotice(MESSAGES.notEnabled)));
        return;
      }
      const value = rt.codec.decode<CiteValue>('value' in action ? action.value : undefined);
      const message = value?.quote && value.full ? renderCite(value) : renderNotice(MESSAGES.expired);
      await replyPrivately(click, message);
    });
  },
} satisfies SlackListener;
