/**
 * @module adapters/slack/listeners/ask-command
 * `/ask <question>`: acknowledged at once (an ephemeral "Searching…"), answered in the channel, or only
 * to the asker with `--private` (or when `SLACK_ASK_PRIVATE` is set; `--public` overrides it).
 */
import { MESSAGES } from '../../shared/messages.js';
import { answerAndPost } from '../answer-flow.js';
import { questionFromMessage } from '../escape.js';
import type { SlackListener } from '../listener.js';
import type { SlackMessage } from '../render.js';
import { rememberQuestion } from '../thread-history.js';

/** Split `/ask` text into the question and the visibility flag. */
export function parseAskText(text: string, privateByDefault: boolean): { question: string; private: boolean } {
  const words = questionFromMessage(text).split(/\s+/).filter(Boolean);
  const flags = words.filter((w) => w === '--private' || w === '--public');
  const last = flags.at(-1);
  return {
    question: words.filter((w) => w !== '--private' && w !== '--public').join(' '),
    private: last ? last === '--private' : privateByDefault,
  };
}

/** Slack errors meaning the bot cannot post in this conversation itself (not a member, a DM with someone else). */
const CANNOT_POST = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

/** The `/ask` slash command. */
export const askCommand = {
  name: '/ask',
  register(app, rt) {
    app.command('/ask', async ({ command, ack, respond, client }) => {
      if (!rt.enabled(command.team_id, command.channel_id)) {
        await ack({ response_type: 'ephemeral', text: MESSAGES.notEnabled });
        return;
      }
      await ack({ response_type: 'ephemeral', text: MESSAGES.working });
      const { question, private: isPrivate } = parseAskText(command.text ?? '', rt.config.slack.askPrivate);
      const privately = (m: SlackMessage) => respond({ response_type: 'ephemeral', text: m.text, blocks: m.blocks }).then(() => undefined);
      const post = async (m: SlackMessage): Promise<string | undefined> => {
        if (isPrivate) return privately(m);
        try {
          const res = await client.chat.postMessage({ channel: command.channel_id, text: m.text, blocks: m.blocks, unfurl_links: false });
          return res.ts;
        } catch (e) {
          const code = (e as { data?: { error?: string } }).data?.error;
          if (!code || !CANNOT_POST.has(code)) throw e;
          // The response URL works where the bot is not a member; the answer is still public.
          await respond({ response_type: 'in_channel', text: m.text, blocks: m.blocks });
          return undefined;
        }
      };
      const outcome = await answerAndPost(rt, {
        question,
        channel: command.channel_id,
        user: command.user_id,
        post,
        // An unusable question or a failure concerns the asker only.
        postProblem: privately,
        source: 'command',
        ...(isPrivate ? {} : { askedBy: command.user_id }),
      });
      // A mention in the answer's thread is a follow-up to this question.
      if (outcome.answer && outcome.ts) rememberQuestion(rt, command.channel_id, [outcome.ts], [], question);
    });
  },
} satisfies SlackListener;
