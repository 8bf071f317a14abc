/**
 * @module adapters/cli/commands/discord
 * `quotebot discord` starts the Discord bot alone (until Ctrl-C); `quotebot discord register`
 * registers its slash commands. discord.js and the core load only when one of them runs.
 */
import type { CliCommand } from '../context.js';

export const command = {
  register(program, ctx) {
    const discord = program
      .command('discord')
      .description('Run the Discord bot (needs DISCORD_TOKEN); see also `discord register`')
      .action(async () => {
        const config = ctx.config();
        const logger = ctx.logger();
        const [{ startDiscord }, { openCore }, { createFeedbackLog }] = await Promise.all([
          import('../../discord/index.js'),
          import('../../../compose.js'),
          import('../../../core/feedback.js'),
        ]);
        const bot = await startDiscord({ core: openCore(config, logger), config, logger, feedback: createFeedbackLog(config.dataDir) });
        ctx.err('quotebot is running on Discord. Press Ctrl-C to stop.');
        const { runUntilSignal } = await import('../../shared/run-until-signal.js');
        await runUntilSignal([bot], (err) => logger.error({ err }, 'Discord did not stop cleanly'));
      });
    discord
      .command('register')
      .description('Register the /ask and /cite slash commands (guild-scoped when DISCORD_GUILD_ID is set, else global)')
      .action(async () => {
        const { registerCommands } = await import('../../discord/register.js');
        const r = await registerCommands({ config: ctx.config(), logger: ctx.logger() });
        const where = r.scope === 'guild' ? `in guild ${r.guildId} (available now)` : 'globally (may take up to an hour to appear)';
        ctx.out(`Registered ${r.commands.map((c) => '/' + c).join(', ')} ${where}.`);
      });
  },
} satisfies CliCommand;
