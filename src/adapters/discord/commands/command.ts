/**
 * @module adapters/discord/commands/command
 * The shape of one slash command: its definition (built with discord.js builders) and its handlers.
 */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Config } from '../../../config.js';
import type { DiscordContext } from '../context.js';

export interface SlashCommand {
  name: string;
  /** The registration body, from a `SlashCommandBuilder`. */
  definition(config: Config): RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Must acknowledge (defer) before any slow work. */
  execute(interaction: ChatInputCommandInteraction, ctx: DiscordContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: DiscordContext): Promise<void>;
}

/** Discord's own ceiling on a string option's length. */
export const OPTION_MAX_LENGTH = 6000;

/** The longest question a text option may take: the core's limit, within Discord's. */
export function questionMaxLength(config: Config): number {
  return Math.min(OPTION_MAX_LENGTH, config.maxQuestionChars);
}
