import { MessageFlags, type ActionRowBuilder, type ButtonBuilder, type ButtonInteraction } from 'discord.js';
import type { EmbedData } from '../../answer/limits.js';
import type { Trend } from '../../search/trend.js';
import type { BotContext } from '../context.js';
import { NO_MENTIONS, replyEphemeral } from '../reply.js';
import { countedReply, trendQuotesReply, yearPicker } from '../trend-reply.js';
import { buttonStates, EXPIRED, type ButtonFamily } from './family.js';

export type QuoteSet = 'first' | 'peak';

/**
 * What a trend button does: `vt:first:<key>`, `vt:peak:<key>` (quotes), `vt:years:<key>[:<decade>]` (pick a year to
 * recount), `vt:count:<key>:<year>:<page>` (the statements counted).
 */
export type TrendButton =
  | { action: QuoteSet; key: string }
  | { action: 'years'; key: string; decade: number | null }
  | { action: 'count'; key: string; year: number; page: number };

/** The trends whose buttons are live, by the key in their custom ids. */
export const trendStates = buttonStates<Trend>();

const PREFIX = 'vt';

function encode(button: TrendButton): string {
  switch (button.action) {
    case 'first':
    case 'peak':
      return `${PREFIX}:${button.action}:${button.key}`;
    case 'years':
      return `${PREFIX}:years:${button.key}${button.decade === null ? '' : `:${button.decade}`}`;
    case 'count':
      return `${PREFIX}:count:${button.key}:${button.year}:${button.page}`;
  }
}

function decode(customId: string): TrendButton | null {
  const match = /^vt:(first|peak|years|count):([\w-]{1,32})(?::(\d{4}))?(?::(\d{1,4}))?$/.exec(customId);
  if (!match) return null;
  const [, action, key, year, page] = match;
  if (action === 'first' || action === 'peak') return year === undefined ? { action, key: key! } : null;
  if (action === 'years') return page === undefined ? { action, key: key!, decade: year === undefined ? null : Number(year) } : null;
  return year !== undefined && page !== undefined ? { action: 'count', key: key!, year: Number(year), page: Number(page) } : null;
}

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
    inPrivate ? interaction.update({ embeds: [], ...body, allowedMentions: NO_MENTIONS }) : interaction.reply({ embeds: [], ...body, ...privately });
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

export const trendButtons: ButtonFamily<TrendButton> = { prefix: PREFIX, encode, decode, execute };
