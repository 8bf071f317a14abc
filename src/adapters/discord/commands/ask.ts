/**
 * @module adapters/discord/commands/ask
 * `/ask question:<text> [document:<choice>]`: defer at once, then the answer; `document` autocompletes
 * from the indexed titles.
 */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { userMessageFor } from '../../shared/messages.js';
import { answerPayload, deferThenEdit, deliver } from '../respond.js';
import { renderText } from '../render.js';
import { withoutMentions } from '../escape.js';
import { questionMaxLength, type SlashCommand } from './command.js';

export const ask = {
  name: 'ask',
  definition: (config) =>
    new SlashCommandBuilder()
      .setName('ask')
      .setDescription('Answer a question with verbatim quotes and citations from the corpus')
      .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
      .addStringOption((o) =>
        o
          .setName('question')
          .setDescription('Your question, in plain words')
          .setRequired(true)
          .setMaxLength(questionMaxLength(config)),
      )
      .addStringOption((o) =>
        o.setName('document').setDescription('Search only this document').setAutocomplete(true),
      )
      .toJSON(),

  async execute(interaction, ctx) {
    const question = withoutMentions(interaction.options.getString('question', true));
    const picked = interaction.options.getString('document');
    await deferThenEdit(ctx, interaction, '/ask', async () => {
      try {
        const doc = picked ? await ctx.documents.resolve(picked) : undefined;
        return await answerPayload(ctx, {
          request: { question, ...(doc ? { doc } : {}) },
          channel: interaction.channelId ?? undefined,
          user: interaction.user.id,
        });
      } catch (e) {
        ctx.logger.warn({ err: e, picked }, 'discord: /ask document not resolved');
        return renderText(userMessageFor(e));
      }
    });
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    const choices = focused.name === 'document' ? await ctx.documents.choices(String(focused.value)) : [];
    await deliver(ctx, 'autocomplete /ask', () => interaction.respond(choices));
  },
} satisfies SlashCommand;
