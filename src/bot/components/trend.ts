import { MessageFlags, type ActionRowBuilder, type ButtonBuilder, type ButtonInteraction } from 'discord.js';
import type { EmbedData } from '../../answer/limits.js';
import type { BotContext } from '../context.js';
import { NO_MENTIONS, replyEphemeral } from '../reply.js';
import { countedReply, trendQuotesReply, yearPicker } from '../trend-reply.js';
import { EXPIRED, type ButtonFamily } from './family.js';
import { trendIds, trendStates, type TrendButton } from './trend-ids.js';

/**
 * "First mention" and "Peak year" quote their paragraphs privately to whoever clicked, as "Context" does;
 * "Recount a year" privately offers the years, then lists a year's counted statements, paging in place.
 */
async function execute(interaction: ButtonInteraction, ctx: BotContext, button: TrendButton): Promise<void> {
  const trend = trendStates(ctx).get(button.key);
  if (!trend) return replyEphemeral(interaction, EXPIRED);
  const privately = { flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS } as const;
  // Within a private reply, the next step replaces it; from the public answer, it opens a private one.
  const inPrivate = interaction.message.flags.has(MessageFlags.Ephemeral);
  const show = (body: { content: string; embeds?: EmbedData[]; components: ActionRowBuilder<ButtonBuilder>[] }) =>
    inPrivate
      ? interaction.update({ embeds: [], ...body, allowedMentions: NO_MENTIONS })
      : interaction.reply({ embeds: [], ...body, ...privately });
  switch (button.action) {
    case 'first':
    case 'peak':
      await interaction.reply({ ...trendQuotesReply(ctx, trend, button.action), ...privately });
      return;
    case 'years':
      await show(yearPicker(trend, button.key, button.decade));
      return;
    case 'count':
      await show(countedReply(ctx, trend, button.key, button.year, button.page));
      return;
  }
}

export const trendButtons: ButtonFamily<TrendButton> = { ...trendIds, execute };
