/**
 * Gateway dispatch bodies as Discord sends them (API v10): interactions and messages.
 */
import { BOT_USER, IDS, apiMessage } from './fake-discord.js';

let counter = 0;
const nextId = () => String(700000000000000000n + BigInt(++counter));

export const USER = { id: IDS.user, username: 'researcher', discriminator: '0', global_name: 'Researcher', avatar: null };

export interface Where {
  channelId?: string;
  /** Omit for a DM. @defaultValue the fake guild */
  guildId?: string | null;
  channelType?: number;
  parentId?: string;
}

function place(where: Where = {}) {
  const dm = where.guildId === null;
  const channelId = where.channelId ?? (dm ? IDS.dm : IDS.channel);
  const channel = dm
    ? { id: channelId, type: 1, recipients: [USER] }
    : { id: channelId, type: where.channelType ?? 0, guild_id: where.guildId ?? IDS.guild, ...(where.parentId ? { parent_id: where.parentId } : {}) };
  const who = dm
    ? { user: USER, context: 1 }
    : {
        guild_id: where.guildId ?? IDS.guild,
        member: { user: USER, roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0, permissions: '2248473465835073' },
        guild_locale: 'en-US',
        context: 0,
      };
  return { channel_id: channelId, channel, ...who };
}

function interaction(type: number, data: unknown, where?: Where, extra: Record<string, unknown> = {}) {
  const id = nextId();
  return {
    id,
    application_id: IDS.app,
    type,
    token: `itoken-${id}`,
    version: 1,
    locale: 'en-GB',
    app_permissions: '2248473465835073',
    entitlements: [],
    authorizing_integration_owners: { '0': IDS.guild },
    attachment_size_limit: 10485760,
    data,
    ...place(where),
    ...extra,
  };
}

/** A chat-input command (type 2) with string options. */
export function slash(name: string, options: Record<string, string>, where?: Where) {
  return interaction(
    2,
    { id: `cmd-${name}`, name, type: 1, options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value })) },
    where,
  );
}

/** An autocomplete request (type 4) with `focused` being typed. */
export function autocomplete(name: string, options: Record<string, string>, focused: string, where?: Where) {
  return interaction(
    4,
    {
      id: `cmd-${name}`,
      name,
      type: 1,
      options: Object.entries(options).map(([n, value]) => ({ name: n, type: 3, value, ...(n === focused ? { focused: true } : {}) })),
    },
    where,
  );
}

/** A button click (type 3) on a message quotebot sent. */
export function button(customId: string, where?: Where) {
  const channelId = where?.channelId ?? (where?.guildId === null ? IDS.dm : IDS.channel);
  return interaction(3, { custom_id: customId, component_type: 2 }, where, { message: apiMessage(nextId(), channelId, { type: 20 }) });
}

/** A MESSAGE_CREATE: in a guild channel (mentioning the bot when `mention`) or, with guildId null, a DM. */
export function message(content: string, where: Where & { mention?: boolean; bot?: boolean } = {}) {
  const dm = where.guildId === null;
  const channelId = where.channelId ?? (dm ? IDS.dm : IDS.channel);
  const author = where.bot ? { ...USER, id: '500000000000000099', bot: true } : USER;
  const member = { roles: [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 };
  return {
    ...apiMessage(nextId(), channelId, {
      author,
      content,
      mentions: where.mention ? [{ ...BOT_USER, member }] : [],
      nonce: nextId(),
    }),
    channel_type: dm ? 1 : (where.channelType ?? 0),
    ...(dm ? {} : { guild_id: where.guildId ?? IDS.guild, member }),
  };
}
