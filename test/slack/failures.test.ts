/** Starting with bad credentials, and the error boundary for failures outside answering. */
import { describe, expect, it } from 'vitest';
import { startSlack } from '../../src/adapters/slack/index.js';
import { unescapeSlack } from '../../src/adapters/slack/escape.js';
import { MESSAGES } from '../../src/adapters/shared/messages.js';
import { loadConfig } from '../../src/config.js';
import { isQuotebotError } from '../../src/core/errors.js';
import type { FeedbackLog } from '../../src/core/feedback.js';
import { silentLogger } from '../../src/core/logger.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { createFixtureCore } from './helpers/fake-cores.js';
import { blockText, buttons, startSlackHarness } from './helpers/harness.js';

describe('starting the Slack adapter', () => {
  for (const mode of ['http', 'socket'] as const) {
    it(`GIVEN a bot token Slack rejects (${mode}) THEN start fails with CONFIG_INVALID and a hint`, async () => {
      const err = await startSlackHarness({ core: createFixtureCore(), mode, beforeStart: (f) => f.failNext('auth.test', 'invalid_auth') }).then(
        async (h) => {
          await h.stop();
          return undefined;
        },
        (e: unknown) => e,
      );
      expect(isQuotebotError(err, 'CONFIG_INVALID')).toBe(true);
      expect((err as Error).message).toContain('SLACK_BOT_TOKEN');
      expect((err as { hint?: string }).hint).toBeTruthy();
    });
  }

  it('GIVEN an app-level token Slack rejects THEN start fails naming SLACK_APP_TOKEN', async () => {
    const err = await startSlackHarness({
      core: createFixtureCore(),
      mode: 'socket',
      beforeStart: (f) => f.failNext('apps.connections.open', 'invalid_auth'),
    }).then(
      async (h) => {
        await h.stop();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(isQuotebotError(err, 'CONFIG_INVALID')).toBe(true);
    expect((err as Error).message).toContain('SLACK_APP_TOKEN');
  });

  it('GIVEN no signing secret and no app token THEN start refuses with a hint', async () => {
    const config = loadConfig({ env: { SLACK_BOT_TOKEN: 'xoxb-x' }, envFile: '/nonexistent/.env', cwd: '/tmp' });
    const err = await startSlack({ core: createFixtureCore(), config, logger: silentLogger(), feedback: {} as FeedbackLog }).catch((e: unknown) => e);
    expect(isQuotebotError(err, 'CONFIG_INVALID')).toBe(true);
    expect((err as { hint?: string }).hint).toContain('SLACK_APP_TOKEN');
  });
});

describe('the error boundary', () => {
  it('GIVEN the feedback log cannot be written THEN the clicking user gets the apology and the cause is logged', async () => {
    const { logger, lines } = captureLogger('error');
    const broken: FeedbackLog = {
      path: '/unwritable/feedback.jsonl',
      record: async () => {
        throw new Error('EACCES: permission denied, open /unwritable/feedback.jsonl');
      },
      flush: async () => undefined,
      readAll: async () => [],
    };
    const h = await startSlackHarness({ core: createFixtureCore(), mode: 'http', feedback: broken, logger });
    try {
      const ts = '1730000000.000100';
      await h.event({ type: 'app_mention', user: 'U0ALICE', text: '<@UQUOTEBOT> what is IRIS?', ts, channel: 'C0BOUNDARY' });
      const answer = await h.fake.waitFor((c) => c.method === 'chat.postMessage' && c.args.thread_ts === ts);
      const res = await h.click('quotebot_helpful', buttons(answer.args.blocks).get('quotebot_helpful')!, {
        channel: 'C0BOUNDARY',
        ts: `${ts}9`,
        thread_ts: ts,
      });
      expect(res.status).toBe(200);
      const apology = await h.fake.waitFor((c) => c.method === 'response_url' && unescapeSlack(blockText(c.args.blocks)) === MESSAGES.apology);
      expect(apology.args.response_type).toBe('ephemeral');
      expect(JSON.stringify(lines())).toContain('EACCES');
    } finally {
      await h.stop();
    }
  });
});
