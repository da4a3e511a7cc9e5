import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { compareStates, decodeComparePage, renderComparePage } from '../compare-reply.js';
import type { BotContext } from '../context.js';
import { replyEphemeral } from '../reply.js';
import { EXPIRED } from './answer-buttons.js';

export function handles(customId: string): boolean {
  return decodeComparePage(customId) !== null;
}

/** "More" and "Previous" page both countries together: in place for the asker, on a private copy for anyone else. */
export async function execute(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const button = decodeComparePage(interaction.customId);
  const state = button ? compareStates(ctx).get(button.key) : undefined;
  if (!button || !state) return replyEphemeral(interaction, EXPIRED);
  const onOwnMessage = interaction.user.id === state.askerId || interaction.message.flags.has(MessageFlags.Ephemeral);
  if (onOwnMessage) await interaction.deferUpdate();
  else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  await interaction.editReply(await renderComparePage(ctx, button.key, state, button.page, { via: 'page', guildId: interaction.guildId }));
}
