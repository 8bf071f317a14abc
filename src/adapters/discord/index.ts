/**
 * @module adapters/discord
 * quotebot on Discord: `/ask`, `/cite`, mentions and DMs, answered with one embed per quote.
 * `startDiscord` logs in and resolves once the gateway session is ready; `stop` logs out and waits for
 * pending feedback writes.
 */
import { Events } from 'discord.js';
import { QuotebotError } from '../../core/errors.js';
import { BoundedCache } from '../shared/bounded-cache.js';
import { createLimiter, DEFAULT_CONCURRENCY } from '../shared/limiter.js';
import { createAnswerStore } from './answer-store.js';
import { createDiscordClient } from './client.js';
import type { DiscordContext, DiscordDeps } from './context.js';
import { createDocumentCatalog } from './documents.js';
import { interactionCreate } from './listeners/interaction-create.js';
import { listen } from './listeners/listener.js';
import { messageCreate, THREADS_REMEMBERED } from './listeners/message-create.js';

export type { DiscordDeps } from './context.js';
export { registerCommands, type Registration } from './register.js';
export { commandDefinitions } from './commands/index.js';
export { renderAnswer, renderText, type DiscordPayload } from './render.js';

/** Start the Discord bot. Throws CONFIG_INVALID without a token; rejects when login fails. */
export async function startDiscord(deps: DiscordDeps): Promise<{ stop(): Promise<void> }> {
  const { config, logger } = deps;
  if (!config.discord.token) {
    throw new QuotebotError('CONFIG_INVALID', 'Discord needs DISCORD_TOKEN.', {
      hint: 'copy the bot token from the Discord developer portal into .env (see .env.example)',
    });
  }
  const ctx: DiscordContext = {
    ...deps,
    answers: createAnswerStore(),
    documents: createDocumentCatalog(deps.core, logger),
    threads: new BoundedCache({ max: THREADS_REMEMBERED, ttlMs: Number.POSITIVE_INFINITY }),
    limit: createLimiter(DEFAULT_CONCURRENCY),
  };
  const client = createDiscordClient(config);
  listen(client, ctx, interactionCreate);
  listen(client, ctx, messageCreate);
  client.on(Events.Error, (e) => logger.error({ err: e }, 'discord: client error'));
  client.on(Events.ShardError, (e, shard) => logger.warn({ err: e, shard }, 'discord: gateway connection error'));
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, 'discord: gateway reconnecting'));
  client.on(Events.ShardResume, (shard, replayed) => logger.info({ shard, replayed }, 'discord: gateway resumed'));
  client.rest.on('rateLimited', (info) => logger.warn({ route: info.route, retryAfter: info.retryAfter }, 'discord: rate limited; queued'));

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.discord.token);
    await ready;
  } catch (e) {
    await client.destroy();
    throw new QuotebotError('PROVIDER_UNAVAILABLE', `Could not connect to Discord: ${(e as Error).message}`, {
      cause: e,
      hint: 'check DISCORD_TOKEN (and DISCORD_API_URL if set)',
    });
  }
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, 'discord: ready');
  return {
    async stop() {
      await client.destroy();
      // Feedback clicks and unanswered questions already being written must reach the log before exit.
      await deps.feedback.flush();
      logger.info('discord: stopped');
    },
  };
}
