/**
 * @module adapters/discord/listeners/buttons
 * The buttons under an answer: More passages, Cite, Helpful, Not helpful.
 */
import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { MESSAGES } from '../../shared/messages.js';
import type { DiscordContext } from '../context.js';
import { parseButtonId } from '../custom-ids.js';
import { renderCitations, renderText } from '../render.js';
import { answerPayload, deferThenEdit, deliver } from '../respond.js';

/** Handle a quotebot button click; false when the button is not ours. */
export async function handleButton(interaction: ButtonInteraction, ctx: DiscordContext): Promise<boolean> {
  const parsed = parseButtonId(interaction.customId);
  if (!parsed) return false;
  const stored = ctx.answers.get(parsed.key);
  if (!stored) {
    await deliver(ctx, 'reply expired button', () =>
      interaction.reply({ ...renderText(MESSAGES.expired), flags: MessageFlags.Ephemeral }),
    );
    return true;
  }
  const channel = interaction.channelId ?? undefined;
  const user = interaction.user.id;
  switch (parsed.action) {
    case 'more': {
      await deferThenEdit(ctx, interaction, 'more', () =>
        answerPayload(ctx, { request: { ...stored.request, offset: stored.nextOffset }, continuation: true, channel, user }),
      );
      return true;
    }
    case 'cite':
      await deliver(ctx, 'reply cite', () =>
        interaction.reply({ ...renderCitations(stored.citations), flags: MessageFlags.Ephemeral }),
      );
      return true;
    case 'helpful':
    case 'not_helpful': {
      if (!(await deliver(ctx, 'defer feedback', () => interaction.deferReply({ flags: MessageFlags.Ephemeral })))) return true;
      let text: string = MESSAGES.thanks;
      try {
        await ctx.feedback.record({
          platform: 'discord',
          channel,
          user,
          question: stored.request.question,
          status: stored.status,
          quoteIds: stored.quoteIds,
          verdict: parsed.action,
        });
      } catch (e) {
        ctx.logger.error({ err: e }, 'discord: recording feedback failed');
        text = MESSAGES.apology;
      }
      await deliver(ctx, 'edit feedback reply', () => interaction.editReply(renderText(text)));
      return true;
    }
  }
}
