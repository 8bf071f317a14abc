/**
 * @module adapters/discord/listeners/interaction-create
 * Slash commands, autocomplete and buttons. Checks the allow-lists first; the error boundary for
 * interactions: whatever fails, the user gets the apology (if Discord still accepts a reply).
 */
import { Events, MessageFlags, type Interaction } from 'discord.js';
import { MESSAGES } from '../../shared/messages.js';
import { isAllowedHere, parentOf } from '../access.js';
import { COMMANDS } from '../commands/index.js';
import type { DiscordContext } from '../context.js';
import { renderText } from '../render.js';
import { deliver } from '../respond.js';
import { handleButton } from './buttons.js';
import type { Listener } from './listener.js';

export const interactionCreate = {
  event: Events.InteractionCreate,
  async run(ctx, interaction) {
    const place = { guildId: interaction.guildId, channelId: interaction.channelId, parentId: parentOf(interaction.channel) };
    if (!isAllowedHere(ctx.config, place)) {
      ctx.logger.info(place, 'discord: interaction outside the allow-list');
      if (interaction.isAutocomplete()) await deliver(ctx, 'autocomplete (not allowed)', () => interaction.respond([]));
      else if (interaction.isRepliable())
        await deliver(ctx, 'reply not enabled', () =>
          interaction.reply({ ...renderText(MESSAGES.notEnabled), flags: MessageFlags.Ephemeral }),
        );
      return;
    }
    try {
      await dispatch(ctx, interaction);
    } catch (e) {
      ctx.logger.error({ err: e }, 'discord: interaction failed');
      await apologise(ctx, interaction);
    }
  },
} satisfies Listener<Events.InteractionCreate>;

async function dispatch(ctx: DiscordContext, interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    const command = COMMANDS.find((c) => c.name === interaction.commandName);
    if (command?.autocomplete) await command.autocomplete(interaction, ctx);
    else await deliver(ctx, 'autocomplete (unknown)', () => interaction.respond([]));
    return;
  }
  if (interaction.isChatInputCommand()) {
    const command = COMMANDS.find((c) => c.name === interaction.commandName);
    if (!command) throw new Error(`unknown command /${interaction.commandName}`);
    await command.execute(interaction, ctx);
    return;
  }
  if (interaction.isButton()) {
    if (!(await handleButton(interaction, ctx))) ctx.logger.warn({ customId: interaction.customId }, 'discord: unknown button');
  }
}

async function apologise(ctx: DiscordContext, interaction: Interaction): Promise<void> {
  if (!interaction.isRepliable()) return;
  const payload = renderText(MESSAGES.apology);
  if (interaction.deferred || interaction.replied) await deliver(ctx, 'apology', () => interaction.editReply(payload));
  else await deliver(ctx, 'apology', () => interaction.reply({ ...payload, flags: MessageFlags.Ephemeral }));
}
