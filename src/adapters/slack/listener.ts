/**
 * @module adapters/slack/listener
 * The shape of one listener file, and the small helpers listeners share.
 */
import type { App } from '@slack/bolt';
import type { SlackRuntime } from './runtime.js';

/** One listener (event, command or action) per file; `index.ts` registers them all. */
export interface SlackListener {
  name: string;
  register(app: App, rt: SlackRuntime): void;
}

/**
 * True the first time any of `keys` is seen. Slack redelivers an event it thinks was not acknowledged
 * (`X-Slack-Retry-Num` over HTTP, `retry_attempt` over Socket Mode) with the same event id; the same
 * message can also arrive as two events (`app_mention` and `message.im`), hence the message key.
 */
export function firstDelivery(rt: SlackRuntime, keys: Array<string | undefined>, retryNum?: number): boolean {
  const present = keys.filter((k): k is string => Boolean(k));
  const duplicate = present.some((k) => rt.seen.has(k));
  if (duplicate) {
    rt.logger.debug({ component: 'slack', keys: present, retryNum }, 'duplicate delivery ignored');
    return false;
  }
  if (retryNum) rt.logger.info({ component: 'slack', keys: present, retryNum }, 'retried delivery not seen before; answering');
  for (const k of present) rt.seen.set(k, true);
  return true;
}

/** Best effort: errors are logged, never thrown (a missing reaction must not cost the answer). */
export async function quietly(rt: SlackRuntime, what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (e) {
    rt.logger.warn({ err: e, component: 'slack' }, `${what} failed`);
  }
}
