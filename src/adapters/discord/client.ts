/**
 * @module adapters/discord/client
 * The discord.js client with only the intents quotebot needs: Guilds (commands, channels, threads),
 * GuildMessages (mentions — their content arrives without the privileged MessageContent intent) and
 * DirectMessages. The Channel partial lets DMs from uncached channels through.
 */
import { Client, GatewayIntentBits, Partials } from 'discord.js';
import type { Config } from '../../config.js';

/** The intents requested at IDENTIFY. */
export const INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages] as const;

/** A client pointed at `DISCORD_API_URL` when set (proxies, tests); nothing it sends can ping anyone. */
export function createDiscordClient(config: Config): Client {
  return new Client({
    intents: [...INTENTS],
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    rest: config.discord.apiUrl ? { api: config.discord.apiUrl } : {},
  });
}
