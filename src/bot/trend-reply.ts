import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type MessageMentionOptions } from 'discord.js';
import { trendChart } from '../answer/chart.js';
import { formatAnswerForDiscord } from '../answer/discord.js';
import { escapeDiscord } from '../answer/escape.js';
import { DISCORD_LIMITS, truncate, type EmbedData } from '../answer/limits.js';
import { formatCounted, quotesAsResult, quotesHeading, securityCouncilLine, trendSummary } from '../answer/trend.js';
import { countryNamer } from '../archive/country-lookup.js';
import { trendShape, type Trend } from '../search/trend.js';
import { answerComponents } from './answering.js';
import { shortKey } from './cache.js';
import { trendIds, trendStates, type QuoteSet, type TrendButton } from './components/trend-ids.js';
import type { BotContext } from './context.js';
import { NO_MENTIONS } from './reply.js';
import type { Timing } from './timing.js';

/** Statements listed per page when a member recounts a year. */
const COUNTED_PER_PAGE = 10;
/** Years a picker shows as buttons at once: five rows of five. */
const YEAR_BUTTONS = 25;

export interface TrendPayload {
  content: string;
  files: { attachment: Buffer; name: string; description: string }[];
  components: ActionRowBuilder<ButtonBuilder>[];
  allowedMentions: MessageMentionOptions;
}

/** A trend's figures: what it counted by, the shape of its answer, and how many years and statements. */
export const TREND_COUNTED: Timing<Trend> = {
  event: 'trend',
  message: 'trend counted',
  figures: (trend) => ({
    evidence: trend.evidence.kind,
    shape: trendShape(trend),
    years: trend.years.length,
    addressing: trend.years.reduce((n, y) => n + y.addressing, 0),
  }),
};

/**
 * The /trend reply: the one-line summary and the Security Council line, the chart as a PNG attachment when the
 * counts make one worth drawing, and buttons that quote the first mention and the peak year.
 */
export function trendReply(ctx: BotContext, trend: Trend): TrendPayload {
  const countryName = countryNamer(ctx.archive);
  const content = truncate(
    `${escapeDiscord(trendSummary(trend, countryName))}\n-# ${escapeDiscord(securityCouncilLine(trend))}`,
    DISCORD_LIMITS.content,
  );
  const chart = trendShape(trend) === 'chart' ? trendChart(trend, countryName) : null;
  const key = shortKey();
  const buttons = (['first', 'peak'] as const)
    .filter((which) => (which === 'first' ? trend.firstMention : trend.peak))
    .map((which) =>
      new ButtonBuilder()
        .setCustomId(trendIds.encode({ action: which, key }))
        .setLabel(truncate(quotesHeading(trend, which), DISCORD_LIMITS.buttonLabel))
        .setStyle(ButtonStyle.Secondary),
    );
  if (trendShape(trend) !== 'nothing') {
    buttons.push(
      new ButtonBuilder()
        .setCustomId(trendIds.encode({ action: 'years', key, decade: null }))
        .setLabel('Recount a year')
        .setStyle(ButtonStyle.Secondary),
    );
  }
  if (buttons.length > 0) trendStates(ctx).set(key, trend);
  return {
    content,
    files: chart ? [{ attachment: chart.png, name: 'trend.png', description: chart.altText }] : [],
    components: buttons.length > 0 ? [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons)] : [],
    allowedMentions: NO_MENTIONS,
  };
}

/**
 * The years a member may recount, as buttons: every year when they fit, else the decades, each opening its years.
 */
export function yearPicker(
  trend: Trend,
  key: string,
  decade: number | null,
): { content: string; components: ActionRowBuilder<ButtonBuilder>[] } {
  const years = trend.years.filter((y) => decade === null || Math.floor(y.year / 10) * 10 === decade);
  const byDecade = decade === null && years.length > YEAR_BUTTONS;
  const choices: { label: string; button: TrendButton }[] = byDecade
    ? [...new Set(years.map((y) => Math.floor(y.year / 10) * 10))].map((d) => ({
        label: `${d}s`,
        button: { action: 'years', key, decade: d },
      }))
    : years.map((y) => ({ label: `${y.year} · ${y.addressing}/${y.statements}`, button: { action: 'count', key, year: y.year, page: 0 } }));
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  for (let at = 0; at < Math.min(choices.length, YEAR_BUTTONS); at += DISCORD_LIMITS.buttonsPerRow) {
    rows.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        choices
          .slice(at, at + DISCORD_LIMITS.buttonsPerRow)
          .map((c) => new ButtonBuilder().setCustomId(trendIds.encode(c.button)).setLabel(c.label).setStyle(ButtonStyle.Secondary)),
      ),
    );
  }
  const what = byDecade ? 'a decade' : 'a year (statements naming the topic / statements that year)';
  return { content: truncate(`Recount “${escapeDiscord(trend.topic)}”: pick ${what}.`, DISCORD_LIMITS.content), components: rows };
}

/** One page of the statements a year counted, each with the sentence that made it count, and buttons to page. */
export function countedReply(
  ctx: BotContext,
  trend: Trend,
  key: string,
  year: number,
  page: number,
): { content: string; embeds: EmbedData[]; components: ActionRowBuilder<ButtonBuilder>[] } {
  const offset = page * COUNTED_PER_PAGE;
  const counted = ctx.archive.countedStatements({ topic: trend.topic, ...(trend.country ? { country: trend.country } : {}) }, year, {
    k: COUNTED_PER_PAGE,
    offset,
  });
  const statements = trend.years.find((y) => y.year === year)?.statements ?? 0;
  const page$ = formatCounted(trend, counted, statements, countryNamer(ctx.archive));
  const nav: ButtonBuilder[] = [];
  if (page > 0)
    nav.push(
      new ButtonBuilder()
        .setCustomId(trendIds.encode({ action: 'count', key, year, page: page - 1 }))
        .setLabel('Previous')
        .setStyle(ButtonStyle.Secondary),
    );
  if (offset + counted.hits.length < counted.total) {
    nav.push(
      new ButtonBuilder()
        .setCustomId(trendIds.encode({ action: 'count', key, year, page: page + 1 }))
        .setLabel('Next')
        .setStyle(ButtonStyle.Primary),
    );
  }
  return { ...page$, components: nav.length > 0 ? [new ActionRowBuilder<ButtonBuilder>().addComponents(nav)] : [] };
}

/** The paragraphs behind one of the trend's buttons, quoted as any answer is, with their own buttons. */
export function trendQuotesReply(
  ctx: BotContext,
  trend: Trend,
  which: QuoteSet,
): { content: string; embeds: EmbedData[]; components: ActionRowBuilder<ButtonBuilder>[] } {
  const quotes = which === 'first' ? trend.firstMention : trend.peak;
  const result = quotes ? quotesAsResult(trend, quotes) : null;
  if (!quotes || !result) return { content: 'No paragraphs to quote.', embeds: [], components: [] };
  const answer = formatAnswerForDiscord(result, { countryName: countryNamer(ctx.archive), focus: trend.topic });
  const heading = `**${escapeDiscord(quotesHeading(trend, which))}**: the best-matching paragraphs of that year's General Debate statements on “${escapeDiscord(trend.topic)}”, quoted word for word`;
  return {
    content: truncate(heading, DISCORD_LIMITS.content),
    embeds: answer.embeds,
    components: answerComponents(answer.shown, '', 0, false, true),
  };
}
