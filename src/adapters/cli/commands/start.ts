/**
 * @module adapters/cli/commands/start
 * `quotebot start` (what `npm start` runs): Slack and/or Discord when configured, else the terminal chat.
 */
import type { CliCommand } from '../context.js';

export const command: CliCommand = {
  register(program, ctx) {
    program
      .command('start')
      .description('run quotebot: Slack/Discord when their tokens are set, otherwise a terminal chat')
      .action(async () => {
        const { start } = await import('../../../main.js');
        await start(ctx.config(), ctx.logger());
      });
  },
};
