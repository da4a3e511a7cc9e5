import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { formatContext, formatFullParagraph } from '../../answer/discord.js';
import { renderFirstPage, renderPage } from '../answering.js';
import type { BotContext } from '../context.js';
import { NO_MENTIONS, replyEphemeral } from '../reply.js';
import { answerIds, pageStates, type AnswerButton, type PageQuery, type PageState } from './answer-ids.js';
import { deferPaging, EXPIRED, type ButtonFamily } from './family.js';

const GONE = 'That paragraph is no longer in the index (it was removed or reindexed). Please ask again.';

function focusOf(state: PageState | undefined): string | undefined {
  if (!state) return undefined;
  if (state.kind === 'ask') return state.question;
  if (state.kind === 'org') return state.question ?? state.key;
  return state.topic;
}

/**
 * "Show full paragraph" and "Context" answer privately to whoever clicked; "More results", "Previous" and "Ask
 * without these limits" page as `deferPaging` says.
 */
async function execute(interaction: ButtonInteraction, ctx: BotContext, button: AnswerButton): Promise<void> {
  switch (button.action) {
    case 'full': {
      const passage = ctx.archive.passage(button.passageId);
      if (!passage) return replyEphemeral(interaction, GONE);
      const messages = formatFullParagraph(passage);
      await interaction.reply({ embeds: messages[0]!, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      for (const embeds of messages.slice(1)) {
        await interaction.followUp({ embeds, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      }
      return;
    }
    case 'ctx': {
      const around = ctx.archive.context(button.passageId, 1);
      if (around.length === 0) return replyEphemeral(interaction, GONE);
      const focus = focusOf(button.stateKey ? pageStates(ctx).get(button.stateKey) : undefined);
      const embeds = formatContext(around, button.passageId, focus);
      await interaction.reply({ embeds, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
      return;
    }
    case 'free': {
      const state = pageStates(ctx).get(button.stateKey);
      if (!state || state.kind !== 'ask') return replyEphemeral(interaction, EXPIRED);
      await deferPaging(interaction, state.askerId);
      const { filters: _stated, speaker: _chosen, ...question } = state;
      const freed: PageQuery = { ...question, readLimits: false };
      await interaction.editReply(await renderFirstPage(ctx, freed, interaction.user.id, { via: 'page', guildId: interaction.guildId }));
      return;
    }
    case 'page': {
      const state = pageStates(ctx).get(button.stateKey);
      if (!state) return replyEphemeral(interaction, EXPIRED);
      await deferPaging(interaction, state.askerId);
      await interaction.editReply(
        await renderPage(ctx, button.stateKey, state, button.page, { via: 'page', guildId: interaction.guildId }),
      );
      return;
    }
  }
}

export const answerButtons: ButtonFamily<AnswerButton> = { ...answerIds, execute };
