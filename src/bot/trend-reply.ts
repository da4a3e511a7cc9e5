import { performance } from 'node:perf_hooks';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type MessageMentionOptions } from 'discord.js';
import { trendChart } from '../answer/chart.js';
import { escapeDiscord, formatAnswerForDiscord, truncate, DISCORD_LIMITS, type EmbedData } from '../answer/index.js';
import { quotesAsResult, quotesHeading, securityCouncilLine, trendSummary } from '../answer/trend.js';
import { trendShape, type Trend, type TrendQuery } from '../search/trend.js';
import { answerComponents, countryNamer } from './answering.js';
import { buttonState } from './button-state.js';
import { shortKey, type TtlCache } from './cache.js';
import type { BotContext } from './context.js';
import { NO_MENTIONS } from './reply.js';

const PREFIX = 'vt';
export type QuoteSet = 'first' | 'peak';

export function trendButtonId(key: string, which: QuoteSet): string {
  return `${PREFIX}:${which}:${key}`;
}

export function decodeTrendButton(customId: string): { key: string; which: QuoteSet } | null {
  const match = /^vt:(first|peak):([\w-]{1,32})$/.exec(customId);
  return match ? { which: match[1] as QuoteSet, key: match[2]! } : null;
}

/** The trends whose quote buttons are live, by the key in their custom ids. */
export function trendStates(ctx: BotContext): TtlCache<string, Trend> {
  return buttonState<Trend>(ctx, 'trend');
}

export interface TrendPayload {
  content: string;
  files: { attachment: Buffer; name: string; description: string }[];
  components: ActionRowBuilder<ButtonBuilder>[];
  allowedMentions: MessageMentionOptions;
}

/** Runs a trend and logs what an operator needs (latency, shape, counts), never the topic. */
export async function timedTrend(ctx: BotContext, guildId: string | null, query: TrendQuery): Promise<Trend> {
  const started = performance.now();
  const trend = await ctx.archive.trend(query);
  ctx.log.info(
    {
      event: 'trend',
      guild: guildId ?? 'dm',
      ms: Math.round((performance.now() - started) * 10) / 10,
      evidence: trend.evidence.kind,
      shape: trendShape(trend),
      years: trend.years.length,
      addressing: trend.years.reduce((n, y) => n + y.addressing, 0),
    },
    'trend counted',
  );
  return trend;
}

/**
 * The /trend reply: the one-line summary and the Security Council line, the chart as a PNG attachment when the
 * counts make one worth drawing, and buttons that quote the first mention and the peak year.
 */
export function trendReply(ctx: BotContext, trend: Trend): TrendPayload {
  const countryName = countryNamer(ctx.archive);
  const content = truncate(`${escapeDiscord(trendSummary(trend, countryName))}\n-# ${escapeDiscord(securityCouncilLine(trend))}`, DISCORD_LIMITS.content);
  const chart = trendShape(trend) === 'chart' ? trendChart(trend, countryName) : null;
  const key = shortKey();
  const buttons = (['first', 'peak'] as const)
    .filter((which) => (which === 'first' ? trend.firstMention : trend.peak))
    .map((which) =>
      new ButtonBuilder()
        .setCustomId(trendButtonId(key, which))
        .setLabel(truncate(quotesHeading(trend, which), DISCORD_LIMITS.buttonLabel))
        .setStyle(ButtonStyle.Secondary),
    );
  if (buttons.length > 0) trendStates(ctx).set(key, trend);
  return {
    content,
    files: chart ? [{ attachment: chart.png, name: 'trend.png', description: chart.altText }] : [],
    components: buttons.length > 0 ? [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons)] : [],
    allowedMentions: NO_MENTIONS,
  };
}

/** The paragraphs behind one of the trend's buttons, quoted as any answer is, with their own buttons. */
export function trendQuotesReply(ctx: BotContext, trend: Trend, which: QuoteSet): { content: string; embeds: EmbedData[]; components: ActionRowBuilder<ButtonBuilder>[] } {
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
