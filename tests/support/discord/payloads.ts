/**
 * Gateway payloads as Discord sends them (INTERACTION_CREATE for slash commands, autocomplete and buttons;
 * MESSAGE_CREATE), with the fields discord.js 14 requires (entitlements, authorizing_integration_owners...).
 */
import type { ChannelFixture, FakeDiscord, GuildFixture, UserFixture } from './server.js';
import { snowflake } from './snowflake.js';

export const PERMISSIONS = {
  none: 0n,
  /** What a regular member typically has: view, send, read history, use application commands. */
  member: (1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 31n),
  manageGuild: 1n << 5n,
} as const;

export interface Actor {
  user: UserFixture;
  permissions?: bigint;
  roles?: string[];
}

export function makeUser(username: string): UserFixture {
  return { id: snowflake(), username, global_name: username, discriminator: '0', avatar: null };
}

export type CommandOption =
  | { type: 3; name: string; value: string; focused?: boolean }
  | { type: 4; name: string; value: number; focused?: boolean }
  | { type: 11; name: string; value: string }
  | { type: 1; name: string; options: CommandOption[] };

export const str = (name: string, value: string, focused?: boolean): CommandOption => ({
  type: 3,
  name,
  value,
  ...(focused ? { focused } : {}),
});
export const int = (name: string, value: number): CommandOption => ({ type: 4, name, value });
export const attachmentOption = (name: string, id: string): CommandOption => ({ type: 11, name, value: id });
export const sub = (name: string, options: CommandOption[]): CommandOption => ({ type: 1, name, options });

function member(actor: Actor) {
  return {
    user: actor.user,
    roles: actor.roles ?? [],
    permissions: String(actor.permissions ?? PERMISSIONS.member),
    joined_at: new Date(Date.now() - 86_400_000).toISOString(),
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    nick: null,
    avatar: null,
    premium_since: null,
    communication_disabled_until: null,
  };
}

function base(server: FakeDiscord, guild: GuildFixture, actor: Actor, type: number, channel?: ChannelFixture) {
  const ch = channel ?? guild.channels[0]!;
  return {
    id: snowflake(),
    application_id: server.applicationId,
    type,
    token: `itok-${snowflake()}`,
    version: 1,
    guild_id: guild.id,
    guild: { id: guild.id, locale: 'en-US', features: [] },
    channel_id: ch.id,
    channel: { ...ch, guild_id: guild.id },
    member: member(actor),
    app_permissions: String((1n << 10n) | (1n << 11n) | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 38n)),
    locale: 'en-US',
    guild_locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { '0': guild.id },
    context: 0,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

export interface AttachmentFixture {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
}

/** A slash command use (INTERACTION_CREATE type 2). */
export function slashCommand(
  server: FakeDiscord,
  guild: GuildFixture,
  actor: Actor,
  name: string,
  options: CommandOption[] = [],
  extra: { attachments?: AttachmentFixture[]; channel?: ChannelFixture } = {},
) {
  const resolved = extra.attachments?.length ? { attachments: Object.fromEntries(extra.attachments.map((a) => [a.id, a])) } : undefined;
  return {
    ...base(server, guild, actor, 2, extra.channel),
    data: { id: snowflake(), name, type: 1, options, ...(resolved ? { resolved } : {}) },
  };
}

/**
 * "Apps → <name>" on a message (INTERACTION_CREATE type 2, command type 3): Discord sends the message itself in
 * `resolved.messages`, so the bot reads its text without the Message Content intent.
 */
export function messageCommand(
  server: FakeDiscord,
  guild: GuildFixture,
  actor: Actor,
  name: string,
  target: { author: UserFixture; content: string },
) {
  const id = snowflake();
  const message = { ...server.message({ id, content: target.content, author: target.author }), channel_id: guild.channels[0]!.id };
  return {
    ...base(server, guild, actor, 2),
    data: { id: snowflake(), name, type: 3, target_id: id, resolved: { messages: { [id]: message } } },
  };
}

/** Typing in an autocomplete option (INTERACTION_CREATE type 4); mark the option being typed with focused. */
export function autocomplete(server: FakeDiscord, guild: GuildFixture, actor: Actor, name: string, options: CommandOption[]) {
  return { ...base(server, guild, actor, 4), data: { id: snowflake(), name, type: 1, options } };
}

/** A click on a button (INTERACTION_CREATE type 3) of a message the bot sent. */
export function buttonClick(server: FakeDiscord, guild: GuildFixture, actor: Actor, customId: string, message: Record<string, unknown>) {
  return {
    ...base(server, guild, actor, 3),
    message: { ...server.message({}), ...message, channel_id: guild.channels[0]!.id },
    data: { custom_id: customId, component_type: 2 },
  };
}

/** A user's message (MESSAGE_CREATE); `mentionBot` puts the bot's mention in the content and the mentions list. */
export function messageCreate(
  server: FakeDiscord,
  guild: GuildFixture,
  author: UserFixture,
  content: string,
  options: { channelId?: string; mentionBot?: boolean; bot?: boolean } = {},
) {
  const text = options.mentionBot ? `<@${server.botUser.id}> ${content}` : content;
  return {
    id: snowflake(),
    channel_id: options.channelId ?? guild.channels[0]!.id,
    guild_id: guild.id,
    author: { ...author, ...(options.bot ? { bot: true } : {}) },
    member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 },
    content: text,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: options.mentionBot
      ? [{ ...server.botUser, member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }]
      : [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
  };
}
