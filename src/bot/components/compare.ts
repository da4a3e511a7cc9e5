import type { ButtonInteraction } from 'discord.js';
import { renderComparePage } from '../compare-reply.js';
import type { BotContext } from '../context.js';
import { replyEphemeral } from '../reply.js';
import { compareIds, compareStates, type CompareButton } from './compare-ids.js';
import { deferPaging, EXPIRED, type ButtonFamily } from './family.js';

/** "More" and "Previous" page both countries together, as `deferPaging` says. */
async function execute(interaction: ButtonInteraction, ctx: BotContext, button: CompareButton): Promise<void> {
  const state = compareStates(ctx).get(button.key);
  if (!state) return replyEphemeral(interaction, EXPIRED);
  await deferPaging(interaction, state.askerId);
  await interaction.editReply(await renderComparePage(ctx, button.key, state, button.page, { via: 'page', guildId: interaction.guildId }));
}

export const compareButtons: ButtonFamily<CompareButton> = { ...compareIds, execute };
