import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField } from 'discord.js';

/**
 * Every permission the bot uses in a server's channels, with what it is for: the one list the invite URL
 * (`npm run invite`) is computed from. Slash-command replies go through the interaction and need none of these;
 * answers to a mention do.
 */
export const BOT_PERMISSIONS = [
  { flag: 'ViewChannel', name: 'View Channels', why: 'see the messages that mention it, and the threads it starts' },
  {
    flag: 'SendMessages',
    name: 'Send Messages',
    why: 'answer a mention in its channel: help, refusals, and answers where no thread can be started',
  },
  { flag: 'CreatePublicThreads', name: 'Create Public Threads', why: 'answer a mention in a thread of its own on that message' },
  { flag: 'SendMessagesInThreads', name: 'Send Messages in Threads', why: 'answer in that thread, and the follow-ups asked there' },
  { flag: 'EmbedLinks', name: 'Embed Links', why: 'quote paragraphs as embeds (citation, link to the official record)' },
  { flag: 'AttachFiles', name: 'Attach Files', why: "attach /trend's chart (a PNG)" },
  { flag: 'ReadMessageHistory', name: 'Read Message History', why: 'reply to the message that asked (a reply refers to it)' },
] as const satisfies readonly { flag: keyof typeof PermissionFlagsBits; name: string; why: string }[];

/** `bot` puts the bot in the server; `applications.commands` lets it register its slash commands there. */
export const INVITE_SCOPES = [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands] as const;

/** The permission integer of the invite: the bits of BOT_PERMISSIONS, nothing else. */
export function invitePermissions(): bigint {
  return new PermissionsBitField(BOT_PERMISSIONS.map((p) => PermissionFlagsBits[p.flag])).bitfield;
}

/** Discord's OAuth2 URL that adds the application's bot to a server of the user's choosing, with those permissions. */
export function inviteUrl(applicationId: string): string {
  if (!/^\d{17,20}$/.test(applicationId)) {
    throw new Error(
      `"${applicationId}" is not an application id: copy the Application ID (a number of 17 to 20 digits) from the Developer Portal, General Information`,
    );
  }
  const query = new URLSearchParams({
    client_id: applicationId,
    scope: INVITE_SCOPES.join(' '),
    permissions: invitePermissions().toString(),
  });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}
