/**
 * @module adapters/discord/register
 * Registers the slash commands with one bulk overwrite: guild-scoped when `DISCORD_GUILD_ID` is set
 * (instant), global otherwise (may take up to an hour to appear). Starting the bot never does this.
 */
import { REST, Routes } from 'discord.js';
import type { Config } from '../../config.js';
import { QuotebotError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { commandDefinitions } from './commands/index.js';

export interface Registration {
  scope: 'guild' | 'global';
  guildId?: string;
  commands: string[];
}

/** PUT every command definition to Discord. Throws CONFIG_INVALID when the token or app id is missing. */
export async function registerCommands(deps: { config: Config; logger: Logger }): Promise<Registration> {
  const { token, appId, guildId, apiUrl } = deps.config.discord;
  if (!token || !appId) {
    throw new QuotebotError('CONFIG_INVALID', 'Registering Discord commands needs DISCORD_TOKEN and DISCORD_APP_ID.', {
      hint: 'copy both from the Discord developer portal into .env (see .env.example)',
    });
  }
  const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
  const body = commandDefinitions(deps.config);
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  try {
    await rest.put(route, { body });
  } catch (e) {
    throw new QuotebotError('PROVIDER_UNAVAILABLE', `Discord refused the command registration: ${(e as Error).message}`, {
      cause: e,
      hint: 'check DISCORD_TOKEN, DISCORD_APP_ID and that the bot was invited to DISCORD_GUILD_ID with the applications.commands scope',
    });
  }
  const registration: Registration = { scope: guildId ? 'guild' : 'global', ...(guildId ? { guildId } : {}), commands: body.map((c) => c.name) };
  deps.logger.info(registration, 'discord: commands registered');
  return registration;
}
