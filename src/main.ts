/**
 * @module main
 * Composition root for `npm start`: configuration → core → the front ends the configuration enables.
 * With no Slack or Discord tokens, it opens the terminal chat (line by line when stdin is not a TTY).
 */
import type { Config } from './config.js';
import { discordEnabled, slackEnabled } from './config.js';
import { createFeedbackLog } from './core/feedback.js';
import type { Logger } from './core/logger.js';
import { openCore } from './compose.js';
import { stderrProgress } from './adapters/cli/progress.js';

/** Start quotebot as configured; resolves when the chat ends or, for chat bots, never (until a signal). */
export async function start(config: Config, logger: Logger): Promise<void> {
  const core = openCore(config, logger, stderrProgress(logger));
  const feedback = createFeedbackLog(config.dataDir);
  const running: { stop(): Promise<void> }[] = [];
  if (slackEnabled(config)) {
    const { startSlack } = await import('./adapters/slack/index.js');
    running.push(await startSlack({ core, config, logger, feedback }));
    logger.info('Slack adapter running');
  }
  if (discordEnabled(config)) {
    const { startDiscord } = await import('./adapters/discord/index.js');
    running.push(await startDiscord({ core, config, logger, feedback }));
    logger.info('Discord adapter running');
  }
  if (running.length) {
    // warm the index in the background so the first question is fast; platform acks never wait on it
    core.documents().catch((err) => logger.error({ err }, 'index could not be loaded; questions will retry'));
    const { runUntilSignal } = await import('./adapters/shared/run-until-signal.js');
    await runUntilSignal(running, (err) => logger.error({ err }, 'an adapter did not stop cleanly'));
    // the adapters' stop() already waits for feedback writes; this covers one whose stop() failed
    await feedback.flush();
    process.exit(0);
  }
  const { startChat } = await import('./adapters/cli/commands/chat.js');
  await startChat(config, logger, core);
}
