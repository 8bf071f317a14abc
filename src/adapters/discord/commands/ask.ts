/**
 * @module adapters/discord/commands/ask
 * `/ask question:<text> [document:<choice>]`: defer at once, then the answer; `document` autocompletes
 * from the indexed titles.
 */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { userMessageFor } from '../../shared/messages.js';
import { answerPayload, deliver } from '../respond.js';
import { renderText, type DiscordPayload } from '../render.js';
import { OPTION_MAX_LENGTH, type SlashCommand } from './command.js';

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
          .setMaxLength(Math.min(OPTION_MAX_LENGTH, config.maxQuestionChars)),
      )
      .addStringOption((o) =>
        o.setName('document').setDescription('Search only this document').setAutocomplete(true),
      )
      .toJSON(),

  async execute(interaction, ctx) {
    if (!(await deliver(ctx, 'defer /ask', () => interaction.deferReply()))) return;
    const question = interaction.options.getString('question', true);
    const picked = interaction.options.getString('document');
    let payload: DiscordPayload;
    try {
      const doc = picked ? await ctx.documents.resolve(picked) : undefined;
      payload = await answerPayload(ctx, {
        request: { question, ...(doc ? { doc } : {}) },
        channel: interaction.channelId ?? undefined,
        user: interaction.user.id,
      });
    } catch (e) {
      ctx.logger.warn({ err: e, picked }, 'discord: /ask document not resolved');
      payload = renderText(userMessageFor(e));
    }
    await deliver(ctx, 'edit /ask reply', () => interaction.editReply(payload));
  },

  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true);
    const choices = focused.name === 'document' ? await ctx.documents.choices(String(focused.value)) : [];
    await deliver(ctx, 'autocomplete /ask', () => interaction.respond(choices));
  },
} satisfies SlashCommand;
