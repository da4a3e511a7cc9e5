import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageMentionOptions,
  type RepliableInteraction,
} from 'discord.js';
import { DAMAGED_INDEX_IN_DISCORD } from '../remedies.js';
import type { BotContext } from './context.js';

/** Nobody is ever pinged: no @everyone, roles, users, not even the author of a replied-to message. */
export const NO_MENTIONS: MessageMentionOptions = { parse: [], repliedUser: false };

/** A short private reply (refusals, input problems); safe to call whatever state the interaction is in. */
export async function replyEphemeral(interaction: RepliableInteraction, content: string): Promise<void> {
  const payload = { content, allowedMentions: NO_MENTIONS, flags: MessageFlags.Ephemeral } as const;
  if (interaction.deferred || interaction.replied) await interaction.followUp(payload);
  else await interaction.reply(payload);
}

/** What is safe to log about an error: never request bodies, tokens or message content. */
export function errorInfo(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error).slice(0, 200) };
  const e = error as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown };
  return {
    type: e.name,
    message: e.message.slice(0, 300),
    code: e.code,
    status: e.status,
    method: e.method,
    // Interaction webhook URLs carry the interaction token: keep only the route's shape.
    url:
      typeof e.url === 'string'
        ? e.url
            .replace(/\/webhooks\/\d+\/[^/?]+/, '/webhooks/:id/:token')
            .replace(/\/interactions\/\d+\/[^/?]+/, '/interactions/:id/:token')
        : undefined,
    stack: e.stack?.split('\n').slice(0, 6).join('\n'),
  };
}

export const GENERIC_ERROR = 'Sorry, something went wrong while answering. It has been logged; please try again in a moment.';

/**
 * Reports a failure to the user briefly and privately, and the details to the log. A deferred public reply
 * is removed so the error is not left in the channel; a button's message (an earlier answer) is kept.
 */
export async function failInteraction(ctx: BotContext, interaction: RepliableInteraction, error: unknown, what: string): Promise<void> {
  ctx.log.error({ ...errorInfo(error), what, guild: interaction.guildId ?? undefined }, 'interaction failed');
  // A read that met a damaged database fails the answer: the member is told so, as every later question will be.
  const content = ctx.archive.damage?.() ? DAMAGED_INDEX_IN_DISCORD : GENERIC_ERROR;
  try {
    if (!interaction.deferred && !interaction.replied) {
      await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    const isCommand = interaction.isChatInputCommand();
    if (isCommand && interaction.deferred && !interaction.ephemeral) {
      await (interaction as ChatInputCommandInteraction).deleteReply().catch(() => undefined);
    } else if (isCommand && interaction.ephemeral) {
      await (interaction as ChatInputCommandInteraction).editReply({ content, embeds: [], components: [] });
      return;
    }
    await (interaction as ChatInputCommandInteraction | ButtonInteraction).followUp({
      content,
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_MENTIONS,
    });
  } catch (second) {
    ctx.log.warn({ ...errorInfo(second), what }, 'could not tell the user about a failure');
  }
}
