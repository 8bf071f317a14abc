/**
 * @module adapters/discord/commands/cite
 * `/cite query:<text>`: the single best quote with its full reference in the configured style, ready to paste.
 */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { answerPayload, deferThenEdit } from '../respond.js';
import { questionMaxLength, type SlashCommand } from './command.js';

export const cite = {
  name: 'cite',
  definition: (config) =>
    new SlashCommandBuilder()
      .setName('cite')
      .setDescription('The best quote for a query with its full reference, ready to paste')
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .addStringOption((o) =>
        o
          .setName('query')
          .setDescription('What the passage should say')
          .setRequired(true)
          .setMaxLength(questionMaxLength(config)),
      )
      .toJSON(),

  async execute(interaction, ctx) {
    await deferThenEdit(ctx, interaction, '/cite', () =>
      answerPayload(ctx, {
        request: { question: interaction.options.getString('query', true) },
        mode: 'cite',
        channel: interaction.channelId ?? undefined,
        user: interaction.user.id,
      }),
    );
  },
} satisfies SlashCommand;
