import type { ButtonInteraction } from 'discord.js';
import { DISCORD_LIMITS, truncate } from '../../answer/limits.js';
import type { BotContext } from '../context.js';
import { NO_MENTIONS, replyEphemeral } from '../reply.js';
import { EXPIRED, type ButtonFamily } from './family.js';
import { sourceIds, sourceStates, type SourceButton } from './source-ids.js';

/** Posts the checked quote's reply to the channel, as the interaction's public response, saying who checked it. */
async function execute(interaction: ButtonInteraction, ctx: BotContext, button: SourceButton): Promise<void> {
  const state = sourceStates(ctx).get(button.key);
  if (!state) return replyEphemeral(interaction, EXPIRED);
  if (interaction.user.id !== state.askerId) return replyEphemeral(interaction, 'Only the member who checked this quote can share it.');
  const { content, embeds } = state.reply;
  const signed = `\n-# Checked with /source by <@${state.askerId}>`;
  await interaction.reply({
    content: truncate(content, DISCORD_LIMITS.content - signed.length) + signed,
    embeds,
    allowedMentions: NO_MENTIONS,
  });
}

export const sourceButtons: ButtonFamily<SourceButton> = { ...sourceIds, execute };
