/**
 * @module adapters/slack/listeners/button-click
 * What every quotebot button does before its own work: acknowledge, refuse outside the allow-list, and
 * decode the button's value, answering "expired" when it can no longer be read.
 */
import type { App } from '@slack/bolt';
import { MESSAGES } from '../../shared/messages.js';
import type { ButtonValue } from '../action-values.js';
import { quietly } from '../listener.js';
import { renderNotice } from '../render.js';
import type { SlackRuntime } from '../runtime.js';
import { clickedMessage, replyPrivately, type ClickContext } from './private-reply.js';

/** One click, past the checks: where the clicked message is, and the button's decoded value. */
export interface Click<V> extends ClickContext {
  where: ReturnType<typeof clickedMessage>;
  value: V;
}

/**
 * Register `handle` for the buttons matching `actionId`. It runs only for an enabled conversation and a
 * value that decodes (and passes `usable`, when given); otherwise the clicking user is told why, privately.
 */
export function onButton<V extends ButtonValue>(
  app: App,
  rt: SlackRuntime,
  actionId: string | RegExp,
  handle: (click: Click<V>) => Promise<void>,
  usable: (value: V) => boolean = () => true,
): void {
  app.action({ type: 'block_actions', action_id: actionId }, async ({ ack, body, action, client, respond }) => {
    await ack();
    const click = { body, client, respond };
    const where = clickedMessage(body);
    if (!rt.enabled(body.team?.id ?? body.user.team_id, where.channel)) {
      await quietly(rt, 'saying not enabled', () => replyPrivately(click, renderNotice(MESSAGES.notEnabled)));
      return;
    }
    const value = rt.codec.decode<V>('value' in action ? action.value : undefined);
    if (!value || !usable(value)) {
      await quietly(rt, 'saying expired', () => replyPrivately(click, renderNotice(MESSAGES.expired)));
      return;
    }
    await handle({ ...click, where, value });
  });
}
