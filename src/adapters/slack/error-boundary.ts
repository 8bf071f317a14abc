/**
 * @module adapters/slack/error-boundary
 * The Slack front end's one error boundary (Bolt's `app.error`): whatever a listener throws is logged with
 * its cause, and the user who triggered it gets the short apology where they asked: never silence.
 */
import type { App, webApi } from '@slack/bolt';
import type { ExtendedErrorHandler } from '@slack/bolt/dist/App.js';
import { userMessageFor } from '../shared/messages.js';
import { renderNotice, type SlackMessage } from './render.js';
import type { SlackRuntime } from './runtime.js';

interface AnyBody {
  event?: { channel?: string; ts?: string; thread_ts?: string; channel_type?: string };
  channel?: { id?: string };
  channel_id?: string;
  user?: { id?: string };
  user_id?: string;
  message?: { ts?: string; thread_ts?: string };
  response_url?: string;
}

/** Register the boundary as the app's error handler (one per app). */
export function installErrorBoundary(app: App, rt: SlackRuntime): void {
  const handler: ExtendedErrorHandler = async ({ error, body }) => {
    const cause = (error as { original?: unknown }).original ?? error;
    rt.logger.error({ err: cause, component: 'slack', code: (error as { code?: string }).code }, 'unhandled error in a listener');
    const notice = renderNotice(userMessageFor(cause));
    try {
      await tellUser(app.client, body as AnyBody, notice);
    } catch (e) {
      rt.logger.error({ err: e, component: 'slack' }, 'could not deliver the apology');
    }
  };
  // Extended handlers (with the request body) need `extendedErrorHandler: true`, set in create-app.
  app.error(handler);
}

async function tellUser(client: webApi.WebClient, body: AnyBody, notice: SlackMessage): Promise<void> {
  const { text, blocks } = notice;
  if (body.event?.channel) {
    const e = body.event;
    const threadTs = e.thread_ts ?? (e.channel_type === 'im' ? undefined : e.ts);
    await client.chat.postMessage({ channel: e.channel!, ...(threadTs ? { thread_ts: threadTs } : {}), text, blocks });
    return;
  }
  const channel = body.channel?.id ?? body.channel_id;
  const user = body.user?.id ?? body.user_id;
  if (body.response_url) {
    const res = await fetch(body.response_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text, blocks }),
    });
    if (res.ok) return;
  }
  if (channel && user) await client.chat.postEphemeral({ channel, user, text, blocks });
}
