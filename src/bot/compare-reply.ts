import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from 'discord.js';
import { formatComparisonForDiscord, type DiscordComparison } from '../answer/compare.js';
import { searchWindow } from '../answer/distinct.js';
import { DISCORD_LIMITS, truncate } from '../answer/limits.js';
import { compareCountries, type Comparison } from '../archive/compare.js';
import { countryNamer } from '../archive/country-lookup.js';
import type { AnswerPayload } from './answering.js';
import { answerIds } from './components/answer-ids.js';
import { compareIds, type CompareState } from './components/compare-ids.js';
import type { BotContext } from './context.js';
import { NO_MENTIONS } from './reply.js';
import { timed, type AnswerOrigin, type Timing } from './timing.js';

/** A comparison's figures: the quotes shown of each country, and whether each addressed the topic. */
const COMPARED: Timing<{ comparison: Comparison; answer: DiscordComparison }> = {
  event: 'compare',
  message: 'compared',
  figures: ({ comparison, answer }) => ({
    results: answer.shown.map((s) => s.length),
    addressed: comparison.sides.map((s) => s.addressed),
  }),
};

/** One page of a comparison: both countries' paragraphs from the same rank, "Show full" buttons, then the paging. */
export async function renderComparePage(
  ctx: BotContext,
  key: string,
  state: CompareState,
  page: number,
  origin: AnswerOrigin,
): Promise<AnswerPayload> {
  const countryName = countryNamer(ctx.archive);
  const { comparison, answer } = await timed(ctx, COMPARED, origin, async () => {
    const comparison = await compareCountries(ctx.archive, { ...state, k: searchWindow(state.k, page) });
    return { comparison, answer: formatComparisonForDiscord(comparison, { page, k: state.k, countryName }) };
  });
  const rows = comparison.sides.flatMap((side, i) => {
    const full = answer.shown[i]!.filter((s) => s.excerpted).map((s) =>
      new ButtonBuilder()
        .setCustomId(answerIds.encode({ action: 'full', passageId: s.passageId }))
        .setLabel(truncate(`Full: ${countryName(side.country)} #${s.rank}`, DISCORD_LIMITS.buttonLabel))
        .setStyle(ButtonStyle.Secondary),
    );
    return full.length > 0 ? [new ActionRowBuilder<ButtonBuilder>().addComponents(full.slice(0, DISCORD_LIMITS.buttonsPerRow))] : [];
  });
  const nav: ButtonBuilder[] = [];
  if (page > 0)
    nav.push(
      new ButtonBuilder()
        .setCustomId(compareIds.encode({ key, page: page - 1 }))
        .setLabel('Previous')
        .setStyle(ButtonStyle.Secondary),
    );
  if (answer.hasMore)
    nav.push(
      new ButtonBuilder()
        .setCustomId(compareIds.encode({ key, page: page + 1 }))
        .setLabel('More')
        .setStyle(ButtonStyle.Primary),
    );
  if (nav.length > 0) rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(nav));
  return { content: answer.content, embeds: answer.embeds, components: rows, allowedMentions: NO_MENTIONS };
}
