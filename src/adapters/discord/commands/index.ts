/**
 * @module adapters/discord/commands
 * Every slash command, by name, and their registration bodies.
 */
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Config } from '../../../config.js';
import { ask } from './ask.js';
import { cite } from './cite.js';
import type { SlashCommand } from './command.js';

export const COMMANDS: readonly SlashCommand[] = [ask, cite];

/** The bodies `PUT` to Discord when registering commands. */
export function commandDefinitions(config: Config): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return COMMANDS.map((c) => c.definition(config));
}

export type { SlashCommand };
