/**
 * @module adapters/discord/listeners/listener
 * One gateway event handler per file; `listen` attaches it behind the outer error boundary.
 */
import type { Client, ClientEvents } from 'discord.js';
import type { DiscordContext } from '../context.js';

export interface Listener<E extends keyof ClientEvents> {
  event: E;
  run(ctx: DiscordContext, ...args: ClientEvents[E]): Promise<void>;
}

/** Attach `listener`; anything it throws is logged, never an unhandled rejection. */
export function listen<E extends keyof ClientEvents>(client: Client, ctx: DiscordContext, listener: Listener<E>): void {
  client.on(listener.event, (...args: ClientEvents[E]) => {
    listener.run(ctx, ...args).catch((e: unknown) => ctx.logger.error({ err: e, event: listener.event }, 'discord: listener failed'));
  });
}
