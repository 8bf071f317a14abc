/**
 * @module adapters/discord/listeners/message-create
 * Mentions in a channel and direct messages: answered in a reply, or in a thread opened on the
 * question when `DISCORD_USE_THREADS` is on. Follow-ups in such a thread carry the earlier questions.
 * Mentions and DMs carry their content without the privileged MessageContent intent.
 */
import { Events, type Message } from 'discord.js';
import { MESSAGES } from '../../shared/messages.js';
import { isAllowedHere, parentOf } from '../access.js';
import type { DiscordContext } from '../context.js';
import { clip } from '../../shared/clip.js';
import { renderText, type DiscordPayload } from '../render.js';
import { answerPayload, deliver } from '../respond.js';
import type { Listener } from './listener.js';
import { withoutMentions } from '../escape.js';

/** Threads whose questions are remembered for follow-ups; the least recently used is forgotten first. */
export const THREADS_REMEMBERED = 1000;
/** Earlier questions of a thread passed to the core per follow-up (and remembered per thread). */
export const THREAD_HISTORY_MAX = 5;

export const messageCreate = {
  event: Events.MessageCreate,
  async run(ctx, message) {
    const me = message.client.user;
    if (message.author.bot || message.author.id === me.id) return;
    const inGuild = message.inGuild();
    if (inGuild && !message.mentions.users.has(me.id)) return;
    const place = { guildId: message.guildId, channelId: message.channelId, parentId: parentOf(message.channel) };
    if (!isAllowedHere(ctx.config, place)) {
      ctx.logger.info(place, 'discord: message outside the allow-list');
      await deliver(ctx, 'reply not enabled', () => message.reply(renderText(MESSAGES.notEnabled)));
      return;
    }
    try {
      await answerMessage(ctx, message);
    } catch (e) {
      ctx.logger.error({ err: e }, 'discord: answering a message failed');
      await deliver(ctx, 'apology', () => message.reply(renderText(MESSAGES.apology)));
    }
  },
} satisfies Listener<Events.MessageCreate>;

async function answerMessage(ctx: DiscordContext, message: Message): Promise<void> {
    const question = questionOf(message);
    const history = ctx.threads.get(message.channelId);
    if ('sendTyping' in message.channel) {
      message.channel.sendTyping().catch((e: unknown) => ctx.logger.debug({ err: e }, 'discord: typing indicator failed'));
    }
    const payload = await answerPayload(ctx, {
      request: { question, ...(history?.length ? { history: [...history] } : {}) },
      channel: message.channelId,
      user: message.author.id,
    });
    if (history) rememberQuestion(ctx, message.channelId, question);
    await replyTo(ctx, message, question, payload);
}

/** The message text without mentions: the bot's own, and anyone else's (they address people, not the corpus). */
export function questionOf(message: Message): string {
  return withoutMentions(message.content);
}

async function replyTo(ctx: DiscordContext, message: Message, question: string, payload: DiscordPayload): Promise<void> {
  const wantThread =
    ctx.config.discord.useThreads && message.inGuild() && !message.channel.isThread() && payload.embeds.length > 0;
  if (wantThread) {
    try {
      const thread = await message.startThread({ name: clip(question, 100, { trimEnd: true }) || 'quotebot' });
      remember(ctx, thread.id, question);
      await deliver(ctx, 'send in thread', () => thread.send(payload));
      return;
    } catch (e) {
      ctx.logger.warn({ err: e }, 'discord: could not open a thread; replying in the channel');
    }
  }
  await deliver(ctx, 'reply to message', () => message.reply(payload));
}

function remember(ctx: DiscordContext, threadId: string, question: string): void {
  ctx.threads.set(threadId, [question]);
}

/** Add `question` as the latest of the thread, keeping the last {@link THREAD_HISTORY_MAX}. */
function rememberQuestion(ctx: DiscordContext, threadId: string, question: string): void {
  // Read again: other questions in the same thread may have been answered meanwhile.
  const latest = ctx.threads.get(threadId);
  if (latest) ctx.threads.set(threadId, [...latest, question].slice(-THREAD_HISTORY_MAX));
}
