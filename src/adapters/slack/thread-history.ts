/**
 * @module adapters/slack/thread-history
 * Earlier questions of a thread, for follow-ups: from memory when this process answered them, otherwise
 * from the thread itself (`conversations.replies`, the messages that mentioned the bot), e.g. after a restart.
 */
import type { webApi } from '@slack/bolt';
import { questionFromMessage } from './escape.js';
import { quietly } from './listener.js';
import type { SlackRuntime } from './runtime.js';

export const threadKey = (channel: string, threadTs: string): string => `${channel}:${threadTs}`;

/** Earlier questions of `threadTs` in `channel`, oldest first, excluding the message `currentTs`. */
export async function threadHistory(
  rt: SlackRuntime,
  client: webApi.WebClient,
  where: { channel: string; threadTs?: string; currentTs: string; botUserId?: string },
): Promise<string[]> {
  const { channel, threadTs, currentTs, botUserId } = where;
  if (!threadTs || threadTs === currentTs) return [];
  const remembered = rt.threads.get(threadKey(channel, threadTs));
  if (remembered) return remembered.slice(-rt.options.historyMax);
  const found: string[] = [];
  await quietly(rt, 'reading the thread', async () => {
    const res = await client.conversations.replies({ channel, ts: threadTs, limit: 50 });
    for (const m of res.messages ?? []) {
      if (!m.ts || m.ts === currentTs || m.bot_id || !m.text) continue;
      if (botUserId && !m.text.includes(`<@${botUserId}>`) && m.ts !== threadTs) continue;
      const q = questionFromMessage(m.text);
      if (q) found.push(q);
    }
  });
  return found.slice(-rt.options.historyMax);
}

/** Remember `question` as the latest of the thread(s) `keys` (the thread root and the answer's own ts). */
export function rememberQuestion(rt: SlackRuntime, channel: string, roots: Array<string | undefined>, history: string[], question: string): void {
  const next = [...history, question].slice(-rt.options.historyMax);
  for (const ts of new Set(roots)) if (ts) rt.threads.set(threadKey(channel, ts), next);
}
