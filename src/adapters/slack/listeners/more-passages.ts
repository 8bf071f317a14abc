/**
 * @module adapters/slack/listeners/more-passages
 * "More passages": ask the same question again with the offset advanced, and post the next quotes in the
 * answer's thread (privately when the answer was private).
 */
import { MESSAGES } from '../../shared/messages.js';
import { ACTION, type MoreValue } from '../action-values.js';
import { answerAndPost } from '../answer-flow.js';
import { quietly, type SlackListener } from '../listener.js';
import { renderNotice, type SlackMessage } from '../render.js';
import { clickedMessage, replyPrivately } from './private-reply.js';

/** The "More passages" button. */
export const morePassages = {
  name: ACTION.more,
  register(app, rt) {
    app.action({ type: 'block_actions', action_id: ACTION.more }, async ({ ack, body, action, client, respond }) => {
      await ack();
      const click = { body, client, respond };
      const where = clickedMessage(body);
      if (!rt.enabled(body.team?.id ?? body.user.team_id, where.channel)) {
        await quietly(rt, 'saying not enabled', () => replyPrivately(click, renderNotice(MESSAGES.notEnabled)));
        return;
      }
      const value = rt.codec.decode<MoreValue>('value' in action ? action.value : undefined);
      if (!value) {
        await quietly(rt, 'saying expired', () => replyPrivately(click, renderNotice(MESSAGES.expired)));
        return;
      }
      const post = async (m: SlackMessage): Promise<string | undefined> => {
        if (where.ephemeral || !where.channel) return replyPrivately(click, m).then(() => undefined);
        const res = await client.chat.postMessage({
          channel: where.channel,
          thread_ts: where.threadTs ?? where.ts,
          text: m.text,
          blocks: m.blocks,
          unfurl_links: false,
        });
        return res.ts;
      };
      await answerAndPost(rt, {
        question: value.q,
        history: value.h,
        offset: value.o,
        channel: where.channel,
        user: body.user.id,
        post,
        source: 'more',
      });
    });
  },
} satisfies SlackListener;
