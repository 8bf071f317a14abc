/**
 * @module adapters/slack
 * quotebot in Slack: mentions (answered in a thread), direct messages, `/ask`, and the More passages /
 * Cite / Helpful / Not helpful buttons. A thin layer over `core.ask()`; Bolt is loaded only when started.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackApp, explainStartError, type SlackMode } from './create-app.js';
import { installErrorBoundary } from './error-boundary.js';
import type { SlackListener } from './listener.js';
import { appMention } from './listeners/app-mention.js';
import { askCommand } from './listeners/ask-command.js';
import { cite } from './listeners/cite.js';
import { directMessage } from './listeners/direct-message.js';
import { feedback } from './listeners/feedback.js';
import { morePassages } from './listeners/more-passages.js';
import { createRuntime, type SlackDeps, type SlackOptions } from './runtime.js';

export type { SlackDeps, SlackOptions } from './runtime.js';
export { DEFAULT_SLACK_OPTIONS } from './runtime.js';

/** Every listener, one per file. */
export const LISTENERS: readonly SlackListener[] = [appMention, directMessage, askCommand, morePassages, cite, feedback];

export interface RunningSlack {
  stop(): Promise<void>;
  mode: SlackMode;
  /** HTTP mode: the port actually bound (useful with PORT=0). */
  port?: number;
}

/**
 * Start the Slack adapter: Socket Mode when `SLACK_APP_TOKEN` is set, HTTP on `PORT` otherwise.
 * Resolves once connected (Socket Mode) or listening (HTTP).
 */
export async function startSlack(deps: SlackDeps & { options?: Partial<SlackOptions> }): Promise<RunningSlack> {
  const { options, ...rest } = deps;
  const rt = createRuntime(rest, options);
  const { app, mode } = await createSlackApp(rt);
  for (const listener of LISTENERS) listener.register(app, rt);
  installErrorBoundary(app, rt);
  await app.init().catch((e: unknown) => {
    throw explainStartError(e, 'bot token');
  });
  let port: number | undefined;
  try {
    if (mode === 'http') {
      const server = (await app.start({ port: rt.config.slack.port, ...(rt.options.host ? { host: rt.options.host } : {}) })) as Server;
      port = (server.address() as AddressInfo).port;
    } else {
      await app.start();
    }
  } catch (e) {
    throw explainStartError(e, 'connect');
  }
  rt.logger.info({ component: 'slack', mode, port }, 'Slack adapter started');
  return {
    mode,
    port,
    stop: async () => {
      await app.stop();
      // Feedback clicks and unanswered questions already being written must reach the log before exit.
      await rt.feedback.flush();
      rt.logger.info({ component: 'slack' }, 'Slack adapter stopped');
    },
  };
}
