/**
 * @module adapters/discord/access
 * The allow-lists: `DISCORD_ALLOWED_GUILDS` and `DISCORD_ALLOWED_CHANNELS` (empty = everywhere).
 * A thread is allowed when its parent channel is. With a guild allow-list set, DMs (no guild) are refused;
 * with a channel allow-list set, a DM is allowed only if its channel id is listed.
 */
import type { Config } from '../../config.js';
import { allowed } from '../shared/messages.js';

export interface Place {
  guildId: string | null;
  channelId: string | null;
  /** The parent channel, for a thread. */
  parentId?: string | null;
}

/** True when quotebot may answer in this place. */
export function isAllowedHere(config: Config, place: Place): boolean {
  const { allowedGuilds, allowedChannels } = config.discord;
  if (!allowed(allowedGuilds, place.guildId)) return false;
  return allowed(allowedChannels, place.channelId) || (place.parentId != null && allowed(allowedChannels, place.parentId));
}

/** The parent id of a channel-like object when it is a thread (discord.js channels or partial data). */
export function parentOf(channel: unknown): string | null {
  if (channel && typeof channel === 'object' && 'parentId' in channel) {
    const id = (channel as { parentId: unknown }).parentId;
    return typeof id === 'string' ? id : null;
  }
  return null;
}
