/**
 * @module adapters/slack/create-app
 * Builds the Bolt app: Socket Mode when an app-level token is configured (no public URL needed),
 * HTTP otherwise (Bolt's receiver checks the signature and rejects timestamps older than five minutes).
 * `SLACK_API_URL` points both the bot's Web API client and the Socket Mode connection at another host
 * (a proxy, or the fake Slack in tests).
 */
import { createRequire } from 'node:module';
import type { webApi } from '@slack/bolt';
import { QuotebotError } from '../../core/errors.js';
import { toBoltLogger } from './bolt-logger.js';
import type { SlackRuntime } from './runtime.js';

export type SlackMode = 'socket' | 'http';

export interface BuiltApp {
  app: import('@slack/bolt').App;
  mode: SlackMode;
}

/** The endpoint Slack posts events, commands and interactions to in HTTP mode. */
export const HTTP_ENDPOINT = '/slack/events';

/** Build (not start) the Bolt app for the configured mode; loads `@slack/bolt` on first use. */
export async function createSlackApp(rt: SlackRuntime): Promise<BuiltApp> {
  const { slack } = rt.config;
  if (!slack.botToken) {
    throw new QuotebotError('CONFIG_INVALID', 'SLACK_BOT_TOKEN is not set', {
      hint: 'copy the Bot User OAuth Token (xoxb-…) from the app settings into .env; see the Slack section of the README',
    });
  }
  if (!slack.appToken && !slack.signingSecret) {
    throw new QuotebotError('CONFIG_INVALID', 'Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP)', {
      hint: 'for an internal tool set SLACK_APP_TOKEN (xapp-…, scope connections:write); see the README',
    });
  }
  const bolt = await import('@slack/bolt');
  const logger = toBoltLogger(rt.logger);
  const clientOptions: webApi.WebClientOptions = {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
    ...(rt.options.retryConfig ? { retryConfig: rt.options.retryConfig } : {}),
    // Rate-limited calls wait for Retry-After and are retried, never dropped.
    rejectRateLimitedCalls: false,
  };
  const appOptions = {
    token: slack.botToken,
    logger,
    clientOptions,
    extendedErrorHandler: true,
    // auth.test runs in `app.init()`, awaited by startSlack, so a bad token fails the start with a hint
    // instead of surfacing later as an unhandled rejection.
    deferInitialization: true,
    // quotebot keeps no per-conversation state in Bolt; its own memory is bounded (see runtime.ts).
    convoStore: false as const,
  };
  if (slack.appToken) {
    warnIfSocketModeCannotPing(rt);
    const receiver = new bolt.SocketModeReceiver({
      appToken: slack.appToken,
      logger,
      ...(rt.options.clientPingTimeout ? { clientPingTimeout: rt.options.clientPingTimeout } : {}),
      // The Socket Mode client takes its Web API options (apps.connections.open) from here.
      installerOptions: { clientOptions: { ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}) } },
    });
    return { app: new bolt.App({ ...appOptions, receiver }), mode: 'socket' };
  }
  const receiver = new bolt.HTTPReceiver({
    signingSecret: slack.signingSecret!,
    endpoints: HTTP_ENDPOINT,
    logger,
    // Acknowledge first, answer after: a cold index can take seconds, Slack waits three.
    processBeforeResponse: false,
  });
  return { app: new bolt.App({ ...appOptions, receiver }), mode: 'http' };
}

/**
 * `@slack/socket-mode` keeps its connection alive with `undici.ping`, which undici < 7 lacks; without it the
 * client drops and re-opens the connection every few seconds. undici is a peer dependency npm skips under
 * `legacy-peer-deps`, so say so loudly at start rather than let the bot flap.
 */
function warnIfSocketModeCannotPing(rt: SlackRuntime): void {
  try {
    const fromSocketMode = createRequire(createRequire(import.meta.url).resolve('@slack/socket-mode'));
    const undici = fromSocketMode('undici') as { ping?: unknown };
    if (typeof undici.ping === 'function') return;
  } catch {
    // unresolvable: fall through to the warning
  }
  rt.logger.error(
    { component: 'slack', hint: 'npm install undici@^7 (peer dependency of @slack/socket-mode)' },
    'Socket Mode keep-alive unavailable: the installed undici has no ping(); the connection will drop and reconnect repeatedly',
  );
}

const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

/** Turn a failure to start into a QuotebotError naming the likely cause and the fix. */
export function explainStartError(e: unknown, step: 'bot token' | 'connect'): unknown {
  const code = (e as { data?: { error?: string } }).data?.error;
  if (code && TOKEN_ERRORS.has(code)) {
    const which = step === 'bot token' ? 'SLACK_BOT_TOKEN (xoxb-…)' : 'SLACK_APP_TOKEN (xapp-…, scope connections:write)';
    return new QuotebotError('CONFIG_INVALID', `Slack rejected ${which}: ${code}`, {
      hint: 'copy the token again from the app settings (OAuth & Permissions / Basic Information → App-Level Tokens)',
      cause: e,
    });
  }
  if ((e as { code?: string }).code === 'EADDRINUSE') {
    return new QuotebotError('CONFIG_INVALID', 'The HTTP port for Slack is already in use', { hint: 'set PORT to a free port', cause: e });
  }
  if (code || e instanceof TypeError) {
    return new QuotebotError('PROVIDER_UNAVAILABLE', `Could not connect to Slack: ${code ?? (e as Error).message}`, {
      hint: 'check network access to slack.com (or SLACK_API_URL) and the tokens in .env',
      cause: e,
    });
  }
  return e;
}
