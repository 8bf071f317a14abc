/**
 * @module adapters/slack/listeners/more-passages
 * "More passages": ask the same question again with the offset advanced, and post the next quotes in the
 * answer's thread (privately when the answer was private).
 */
import { ACTION, type MoreValue } from '../action-values.js';
import { answerAndPost } from '../answer-flow.js';
import type { SlackListener } from '../listener.js';
import type { SlackMessage } from '../render.js';
import { onButton } from './button-click.js';
import { replyPrivately } from './private-reply.js';

/** The "More passages" button. */
export const morePassages = {
  name: ACTION.more,
  register(app, rt) {
    onButton<MoreValue>(app, rt, ACTION.more, async (click) => {
      const { where, value } = click;
      const post = async (m: SlackMessage): Promise<string | undefined> => {
        if (where.ephemeral || !where.channel) return replyPrivately(click, m).then(() => undefined);
        const res = await click.client.chat.postMessage({
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
        user: click.body.user.id,
        post,
        source: 'more',
      });
    });
  },
} satisfies SlackListener;
