import { MessageFlags, type ButtonInteraction } from 'discord.js';
import { formatContext, formatFullParagraph } from '../../answer/discord.js';
import type { SearchFilters, SearchOptions } from '../../search/types.js';
import { renderFirstPage, renderPage } from '../answering.js';
import type { BotContext } from '../context.js';
import { NO_MENTIONS, replyEphemeral } from '../reply.js';
import { buttonStates, deferPaging, EXPIRED, type ButtonFamily } from './family.js';

/** A speaker picked from /ask's suggestions. */
export type ChosenSpeaker = NonNullable<SearchOptions['speaker']>;

/** What "More results", "Previous" and "Context" need to redo a search for another page. */
export type PageQuery =
  | { kind: 'ask'; question: string; filters?: Partial<SearchFilters>; speaker?: ChosenSpeaker; readLimits?: false; k: number }
  | { kind: 'org'; key: string; question?: string; k: number }
  | { kind: 'country'; code: string; topic?: string; k: number };

/** A page query and who asked it: only the asker's message changes when its pages are turned. */
export type PageState = PageQuery & { askerId: string };

/** The answers to questions, organizations and countries whose buttons are live, by the key in their ids. */
export const pageStates = buttonStates<PageState>();

/**
 * The buttons under an answer: `vb:full:<passageId>`, `vb:ctx:<passageId>[:<stateKey>]`, `vb:page:<stateKey>:<page>`,
 * `vb:free:<stateKey>` (ask again without the limits the question's words state).
 */
type AnswerButton =
  | { action: 'full'; passageId: number }
  | { action: 'ctx'; passageId: number; stateKey?: string }
  | { action: 'page'; stateKey: string; page: number }
  | { action: 'free'; stateKey: string };

const GONE = 'That paragraph is no longer in the index (it was removed or reindexed). Please ask again.';

const PREFIX = 'vb';
const STATE_KEY = /^[\w-]{1,32}$/;

function encode(button: AnswerButton): string {
  switch (button.action) {
    case 'full':
      return `${PREFIX}:full:${button.passageId}`;
    case 'ctx':
      return button.stateKey ? `${PREFIX}:ctx:${button.passageId}:${button.stateKey}` : `${PREFIX}:ctx:${button.passageId}`;
    case 'page':
      return `${PREFIX}:page:${button.stateKey}:${button.page}`;
    case 'free':
      return `${PREFIX}:free:${button.stateKey}`;
  }
}

function decode(id: string): AnswerButton | null {
  const [prefix, action, a, b] = id.split(':');
  if (prefix !== PREFIX || a === undefined) return null;
  const int = (s: string | undefined): number | null => (s !== undefined && /^\d{1,12}$/.test(s) ? Number(s) : null);
  if (action === 'full') {
    const passageId = int(a);
    return passageId === null ? null : { action, passageId };
  }
  if (action === 'ctx') {
    const passageId = int(a);
    if (passageId === null) return null;
    return b ? { action, passageId, stateKey: b } : { action, passageId };
  }
  if (action === 'free') return STATE_KEY.test(a) ? { action, stateKey: a } : null;
  if (action === 'page') {
    const page = int(b);
    return page === null || !STATE_KEY.test(a) ? null : { action, stateKey: a, page };
  }
  return null;
}

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
      await interaction.editReply(await renderPage(ctx, button.stateKey, state, button.page, { via: 'page', guildId: interaction.guildId }));
      return;
    }
  }
}

export const answerButtons: ButtonFamily<AnswerButton> = { prefix: PREFIX, encode, decode, execute };
