import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type MessageMentionOptions } from 'discord.js';
import { formatAnswerForDiscord, formatGroupedForDiscord, type DiscordAnswer, type ShownHit } from '../answer/discord.js';
import { distinctHits, searchWindow } from '../answer/distinct.js';
import type { EmbedData } from '../answer/limits.js';
import { countryNamer } from '../archive/country-lookup.js';
import type { SearchOptions, SearchResult } from '../search/types.js';
import { shortKey } from './cache.js';
import { answerIds, pageStates, type PageQuery, type PageState } from './components/answer-ids.js';
import type { BotContext } from './context.js';
import { NO_MENTIONS } from './reply.js';
import { timed, type AnswerOrigin, type Timing } from './timing.js';

/** A message body that both interaction replies and channel messages accept. */
export interface AnswerPayload {
  content: string;
  embeds: EmbedData[];
  components: ActionRowBuilder<ButtonBuilder>[];
  allowedMentions: MessageMentionOptions;
}

/** A search's figures: how many hits, how well the first matched, whether the answer is confident. */
export const ANSWERED: Timing<SearchResult> = {
  event: 'answer',
  message: 'answered',
  figures: (result) => {
    const top = result.hits[0];
    return {
      results: result.hits.length,
      topScore: top ? Number(top.score.toFixed(4)) : null,
      topSimilarity: top ? Number(top.similarity.toFixed(4)) : null,
      confident: result.confident,
    };
  },
};

/** One page of a window's distinct hits, and whether more follow it. */
function pageOf(window: SearchResult, k: number, page: number): { shown: SearchResult; hasMore: boolean } {
  const distinct = distinctHits(window.hits);
  const start = page * k;
  return { shown: { ...window, hits: distinct.slice(start, start + k) }, hasMore: distinct.length > start + k };
}

/** Runs the search a page state describes and renders that page with its buttons. */
export async function renderPage(
  ctx: BotContext,
  key: string,
  state: PageState,
  page: number,
  origin: AnswerOrigin,
): Promise<AnswerPayload> {
  const k = searchWindow(state.k, page);
  const countryName = countryNamer(ctx.archive);
  switch (state.kind) {
    case 'ask': {
      const window = await timed(ctx, ANSWERED, origin, () => ctx.archive.search(state.question, askOptions(state, k)));
      return renderAskResult(ctx, window, key, state.k, page, state.readLimits !== false && !state.speaker && !state.filters);
    }
    case 'org': {
      const org = ctx.archive.organization(state.key);
      const heading = org ? `${org.key}${org.names[0] && org.names[0] !== org.key ? ` · ${org.names[0]}` : ''}` : state.key;
      const window = await timed(ctx, ANSWERED, origin, () =>
        ctx.archive.aboutOrganization(state.key, { k, ...(state.question ? { question: state.question } : {}) }),
      );
      const { shown, hasMore } = pageOf(window, state.k, page);
      const focus = state.question ?? (org ? [org.key, ...org.names].join(' ') : state.key);
      const answer = formatGroupedForDiscord(shown, {
        groupBy: 'country-year',
        heading,
        offset: page * state.k,
        countryName,
        focus,
        ...(state.question ? { rankedBy: 'your question' } : {}),
      });
      return answerPayload(answer, key, page, hasMore, false);
    }
    case 'country': {
      const heading = `${countryName(state.code)} (${state.code})`;
      const window = await timed(ctx, ANSWERED, origin, () =>
        ctx.archive.byCountry(state.code, { k, ...(state.topic ? { topic: state.topic } : {}) }),
      );
      const { shown, hasMore } = pageOf(window, state.k, page);
      const answer = formatGroupedForDiscord(shown, {
        groupBy: 'year',
        heading,
        offset: page * state.k,
        countryName,
        focus: state.topic ?? '',
        ...(state.topic ? { rankedBy: 'the topic' } : {}),
      });
      return answerPayload(answer, key, page, hasMore, false);
    }
  }
}

/** The search options a question's page state stands for. */
function askOptions(state: Extract<PageState, { kind: 'ask' }>, k: number): SearchOptions {
  return {
    k,
    ...(state.filters ? { filters: state.filters } : {}),
    ...(state.speaker ? { speaker: state.speaker } : {}),
    ...(state.readLimits === false ? { readLimits: false } : {}),
  };
}

/** Whether the answer applied limits read from the question's words, which the member may ask again without. */
function readLimitsFromWords(result: SearchResult): boolean {
  const { filters, raised } = result;
  return filters.countries.length + filters.years.length > 0 || Boolean(raised && raised.countries.length + raised.years.length > 0);
}

/** Remembers a query for its buttons, as the asker's, and renders its first page. */
export async function renderFirstPage(ctx: BotContext, query: PageQuery, askerId: string, origin: AnswerOrigin): Promise<AnswerPayload> {
  const key = shortKey();
  const state: PageState = { ...query, askerId };
  pageStates(ctx).set(key, state);
  return renderPage(ctx, key, state, 0, origin);
}

/**
 * Renders one page of an answer to a question (from /ask, chat or "More results") from a window of its hits.
 * `undoable`: the limits came from the question's words, so a button asks again without them.
 */
export function renderAskResult(
  ctx: BotContext,
  window: SearchResult,
  key: string,
  k: number,
  page: number,
  undoable: boolean,
): AnswerPayload {
  const { shown, hasMore } = pageOf(window, k, page);
  const answer = formatAnswerForDiscord(shown, { offset: page * k, countryName: countryNamer(ctx.archive) });
  const payload = answerPayload(answer, key, page, hasMore, true);
  if (undoable && page === 0 && readLimitsFromWords(window)) payload.components = withUndoButton(payload.components, key);
  return payload;
}

/** "Ask without these limits" beside the paging buttons (or in a row of its own when there is room for one). */
function withUndoButton(rows: ActionRowBuilder<ButtonBuilder>[], stateKey: string): ActionRowBuilder<ButtonBuilder>[] {
  const button = new ButtonBuilder()
    .setCustomId(answerIds.encode({ action: 'free', stateKey }))
    .setLabel('Ask without these limits')
    .setStyle(ButtonStyle.Secondary);
  const last = rows[rows.length - 1];
  const lastIsNav = last?.components.some((c) => 'custom_id' in c.data && answerIds.decode(String(c.data.custom_id))?.action === 'page');
  if (last && lastIsNav && last.components.length < 5) {
    last.addComponents(button);
    return rows;
  }
  return rows.length < 5 ? [...rows, new ActionRowBuilder<ButtonBuilder>().addComponents(button)] : rows;
}

/** The message body of a rendered page; "More results" only where quotes were shown and more follow. */
function answerPayload(answer: DiscordAnswer, key: string, page: number, hasMore: boolean, withContext: boolean): AnswerPayload {
  return {
    content: answer.content,
    embeds: answer.embeds,
    components: answerComponents(answer.shown, key, page, hasMore && answer.embeds.length > 0, withContext),
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
        .setCustomId(answerIds.encode({ action: 'full', passageId: s.passageId }))
        .setLabel(`Show full paragraph #${s.rank}`)
        .setStyle(ButtonStyle.Secondary),
    );
  if (full.length > 0) rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(full));
  if (withContext && hits.length > 0) {
    rows.push(
      new ActionRowBuilder<ButtonBuilder>().addComponents(
        hits.map((s) =>
          new ButtonBuilder()
            .setCustomId(answerIds.encode({ action: 'ctx', passageId: s.passageId, stateKey }))
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
        .setCustomId(answerIds.encode({ action: 'page', stateKey, page: page - 1 }))
        .setLabel('Previous')
        .setStyle(ButtonStyle.Secondary),
    );
  }
  if (hasMore) {
    nav.push(
      new ButtonBuilder()
        .setCustomId(answerIds.encode({ action: 'page', stateKey, page: page + 1 }))
        .setLabel('More results')
        .setStyle(ButtonStyle.Primary),
    );
  }
  if (nav.length > 0) rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(nav));
  return rows;
}
