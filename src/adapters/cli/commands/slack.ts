/**
 * @module adapters/cli/commands/slack
 * `quotebot slack`: run the Slack bot alone (Socket Mode with SLACK_APP_TOKEN, HTTP otherwise) until
 * interrupted. Bolt and the index load only here, inside the action.
 */
import type { Command } from 'commander';
import { slackEnabled } from '../../../config.js';
import { QuotebotError } from '../../../core/errors.js';
import type { CliCommand } from '../context.js';

export const command = {
  register(program: Command, ctx) {
    program
      .command('slack')
      .description('run the Slack bot alone (Socket Mode when SLACK_APP_TOKEN is set, HTTP on PORT otherwise)')
      .action(async () => {
        const config = ctx.config();
        if (!slackEnabled(config)) {
          throw new QuotebotError('CONFIG_INVALID', 'Slack is not configured', {
            hint: 'set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (or SLACK_SIGNING_SECRET for HTTP mode); see .env.example',
          });
        }
        const logger = ctx.logger();
        const [{ openCore }, { createFeedbackLog }, { startSlack }] = await Promise.all([
          import('../../../compose.js'),
          import('../../../core/feedback.js'),
          import('../../slack/index.js'),
        ]);
        const slack = await startSlack({ core: openCore(config, logger), config, logger, feedback: createFeedbackLog(config.dataDir) });
        ctx.err(`quotebot: Slack bot running (${slack.mode === 'socket' ? 'Socket Mode' : `HTTP on port ${slack.port}`}); Ctrl-C to stop`);
        const { runUntilSignal } = await import('../../shared/run-until-signal.js');
        await runUntilSignal([slack], (err) => logger.error({ err }, 'Slack did not stop cleanly'));
      });
  },
} satisfies CliCommand;
