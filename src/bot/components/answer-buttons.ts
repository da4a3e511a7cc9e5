import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { formatContext, formatFullParagraph } from '../../answer/index.js';
import { renderFirstPage, renderPage } from '../answering.js';
import type { BotContext, PageQuery, PageState } from '../context.js';
import { decodeCustomId } from '../custom-id.js';
import { NO_MENTIONS, replyEphemeral } from '../reply.js';

export const EXPIRED = 'This answer has expired. Please ask again.';
export const GONE = 'That paragraph is no longer in the index (it was removed or reindexed). Please ask again.';

/** Whether this module handles the button. */
export function handles(customId: string): boolean {
  return decodeCustomId(customId) !== null;
}

function focusOf(state: PageState | undefined): string | undefined {
  if (!state) return undefined;
  if (state.kind === 'ask') return state.question;
  if (state.kind === 'org') return state.question ?? state.key;
  return state.topic;
}

/**
 * "Show full paragraph" and "Context" answer privately to whoever clicked; "More results" and "Previous"
 * replace the page in place for the asker, and show it privately to anyone else.
 */
export async function execute(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const action = decodeCustomId(interaction.customId);
  if (!action) return;
  switch (action.action) {
    case 'full': {
      const passage = ctx.archive.passage(action.passageId);
      if (!passage) return replyEphemeral(interaction, GONE);
      const messages = formatFullParagraph(passage);
      await interaction.reply({ embeds: messages[0]!, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      for (const embeds of messages.slice(1)) {
        await interaction.followUp({ embeds, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      }
      return;
    }
    case 'ctx': {
      const around = ctx.archive.context(action.passageId, 1);
      if (around.length === 0) return replyEphemeral(interaction, GONE);
      const focus = focusOf(action.stateKey ? ctx.pages.get(action.stateKey) : undefined);
      const embeds = formatContext(around, action.passageId, focus);
      await interaction.reply({ embeds, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    case 'free': {
      const state = ctx.pages.get(action.stateKey);
      if (!state || state.kind !== 'ask') return replyEphemeral(interaction, EXPIRED);
      const onOwnMessage = interaction.user.id === state.askerId || interaction.message.flags.has(MessageFlags.Ephemeral);
      if (onOwnMessage) await interaction.deferUpdate();
      else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const { filters: _stated, speaker: _chosen, ...question } = state;
      const freed: PageQuery = { ...question, readLimits: false };
      await interaction.editReply(await renderFirstPage(ctx, freed, interaction.user.id, { via: 'page', guildId: interaction.guildId }));
      return;
    }
    case 'page': {
      const state = ctx.pages.get(action.stateKey);
      if (!state) return replyEphemeral(interaction, EXPIRED);
      // The asker's answer is theirs: anyone else turns the page on a private copy, which then pages in place.
      const onOwnMessage = interaction.user.id === state.askerId || interaction.message.flags.has(MessageFlags.Ephemeral);
      if (onOwnMessage) await interaction.deferUpdate();
      else await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const payload = await renderPage(ctx, action.stateKey, state, action.page, { via: 'page', guildId: interaction.guildId });
      await interaction.editReply(payload);
      return;
    }
  }
}
