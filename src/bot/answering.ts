import { performance } from 'node:perf_hooks';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type MessageMentionOptions } from 'discord.js';
import {
  formatAnswerForDiscord,
  formatGroupedForDiscord,
  type CountryNamer,
  type DiscordAnswer,
  type EmbedData,
  type ShownHit,
} from '../answer/index.js';
import type { Archive } from '../search/archive.js';
import type { SearchResult } from '../search/types.js';
import type { BotContext, PageState } from './context.js';
import { encodeCustomId } from './custom-id.js';
import { NO_MENTIONS } from './reply.js';

/** A message body that both interaction replies and channel messages accept. */
export interface AnswerPayload {
  content: string;
  embeds: EmbedData[];
  components: ActionRowBuilder<ButtonBuilder>[];
  allowedMentions: MessageMentionOptions;
}

/** Where an answer was asked for, for the log. */
export interface AnswerOrigin {
  via: 'ask' | 'chat' | 'org' | 'country' | 'page';
  guildId: string | null;
}

/** Country code to name, from the archive's own country list; the code when unknown. */
export function countryNamer(archive: Archive): CountryNamer {
  const names = new Map<string, string>();
  return (code) => {
    let name = names.get(code);
    if (name === undefined) {
      name = archive.findCountries(code, 10).find((c) => c.code === code)?.name ?? code;
      names.set(code, name);
    }
    return name;
  };
}

/**
 * Runs a search and logs what an operator needs (latency, result count, top score), never the question.
 */
export async function timedSearch(ctx: BotContext, origin: AnswerOrigin, run: () => Promise<SearchResult>): Promise<SearchResult> {
  const started = performance.now();
  const result = await run();
  const top = result.hits[0];
  ctx.log.info(
    {
      event: 'answer',
      via: origin.via,
      guild: origin.guildId ?? 'dm',
      ms: Math.round((performance.now() - started) * 10) / 10,
      results: result.hits.length,
      topScore: top ? Number(top.score.toFixed(4)) : null,
      topSimilarity: top ? Number(top.similarity.toFixed(4)) : null,
      confident: result.confident,
    },
    'answered',
  );
  return result;
}

/** Runs the search a page state describes and renders that page with its buttons. */
export async function renderPage(
  ctx: BotContext,
  key: string,
  state: PageState,
  page: number,
  origin: AnswerOrigin,
): Promise<AnswerPayload> {
  const offset = page * state.k;
  const countryName = countryNamer(ctx.archive);
  let answer: DiscordAnswer;
  let result: SearchResult;
  switch (state.kind) {
    case 'ask': {
      result = await timedSearch(ctx, origin, () =>
        ctx.archive.search(state.question, { k: state.k + 1, offset, ...(state.filters ? { filters: state.filters } : {}) }),
      );
      return renderAskResult(ctx, result, key, state.k, page);
    }
    case 'org': {
      const org = ctx.archive.organization(state.key);
      const heading = org ? `${org.key}${org.names[0] && org.names[0] !== org.key ? ` · ${org.names[0]}` : ''}` : state.key;
      result = await timedSearch(ctx, origin, () =>
        ctx.archive.aboutOrganization(state.key, { k: state.k + 1, offset, ...(state.question ? { question: state.question } : {}) }),
      );
      const focus = state.question ?? (org ? [org.key, ...org.names].join(' ') : state.key);
      answer = formatGroupedForDiscord(firstPage(result, state.k), {
        groupBy: 'country-year',
        heading,
        offset,
        countryName,
        focus,
        ...(state.question ? { rankedBy: 'your question' } : {}),
      });
      break;
    }
    case 'country': {
      const heading = `${countryName(state.code)} (${state.code})`;
      result = await timedSearch(ctx, origin, () =>
        ctx.archive.byCountry(state.code, { k: state.k + 1, offset, ...(state.topic ? { topic: state.topic } : {}) }),
      );
      answer = formatGroupedForDiscord(firstPage(result, state.k), {
        groupBy: 'year',
        heading,
        offset,
        countryName,
        focus: state.topic ?? '',
        rankedBy: state.topic ? 'the topic' : 'year',
      });
      break;
    }
  }
  const hasMore = result.hits.length > state.k && answer.embeds.length > 0;
  return {
    content: answer.content,
    embeds: answer.embeds,
    components: answerComponents(answer.shown, key, page, hasMore, false),
    allowedMentions: NO_MENTIONS,
  };
}

/** The hits a page shows; searches ask for one more, so "More results" only appears when there are more. */
function firstPage(result: SearchResult, k: number): SearchResult {
  return { ...result, hits: result.hits.slice(0, k) };
}

/** Renders one page of an answer to a question (from /ask, chat or "More results") with its buttons. */
export function renderAskResult(ctx: BotContext, result: SearchResult, key: string, k: number, page: number): AnswerPayload {
  const offset = page * k;
  const answer = formatAnswerForDiscord(firstPage(result, k), { offset, countryName: countryNamer(ctx.archive) });
  const hasMore = result.hits.length > k && answer.embeds.length > 0;
  return {
    content: answer.content,
    embeds: answer.embeds,
    components: answerComponents(answer.shown, key, page, hasMore, true),
    allowedMentions: NO_MENTIONS,
  };
}

/**
 * Buttons under an answer: "Show full paragraph N" for each excerpted quote, "Context N" for each quote
 * (answers to questions only), then "Previous" / "More results". At most 5 per row, 5 rows.
 */
export function answerComponents(
  shown: ShownHit[],
  stateKey: string,
  page: number,
  hasMore: boolean,
  withContext: boolean,
): ActionRowBuilder<ButtonBuilder>[] {
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  const hits = shown.slice(0, 5);
  const full = hits
    .filter((s) => s.excerpted)
    .map((s) =>
      new ButtonBuilder()
        .setCustomId(encodeCustomId({ action: 'full', passageId: s.passageId }))
        .setLabel(`Show full paragraph #${s.rank}`)
        .setStyle(ButtonStyle.Secondary),
    );
  if (full.length > 0) rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(full));
  if (withContext && hits.length > 0) {
    rows.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        hits.map((s) =>
          new ButtonBuilder()
            .setCustomId(encodeCustomId({ action: 'ctx', passageId: s.passageId, stateKey }))
            .setLabel(`Context #${s.rank}`)
            .setStyle(ButtonStyle.Secondary),
        ),
      ),
    );
  }
  const nav: ButtonBuilder[] = [];
  if (page > 0) {
    nav.push(
      new ButtonBuilder()
        .setCustomId(encodeCustomId({ action: 'page', stateKey, page: page - 1 }))
        .setLabel('Previous')
        .setStyle(ButtonStyle.Secondary),
    );
  }
  if (hasMore) {
    nav.push(
      new ButtonBuilder()
        .setCustomId(encodeCustomId({ action: 'page', stateKey, page: page + 1 }))
        .setLabel('More results')
        .setStyle(ButtonStyle.Primary),
    );
  }
  if (nav.length > 0) rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(nav));
  return rows;
}
