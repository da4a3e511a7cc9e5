import { MessageFlags, type ButtonInteraction } from 'discord.js';
import type { BotContext } from '../context.js';
import { NO_MENTIONS, replyEphemeral } from '../reply.js';
import { decodeTrendButton, trendQuotesReply, trendStates } from '../trend-reply.js';
import { EXPIRED } from './answer-buttons.js';

export function handles(customId: string): boolean {
  return decodeTrendButton(customId) !== null;
}

/** "First mention" and "Peak year" quote their paragraphs privately to whoever clicked, as "Context" does. */
export async function execute(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const button = decodeTrendButton(interaction.customId);
  const trend = button ? trendStates(ctx).get(button.key) : undefined;
  if (!button || !trend) return replyEphemeral(interaction, EXPIRED);
  await interaction.reply({ ...trendQuotesReply(ctx, trend, button.which), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
}
