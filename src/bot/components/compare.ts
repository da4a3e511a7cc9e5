import type { ButtonInteraction } from 'discord.js';
import type { CompareQuery } from '../../archive/compare.js';
import { renderComparePage } from '../compare-reply.js';
import type { BotContext } from '../context.js';
import { replyEphemeral } from '../reply.js';
import { buttonStates, deferPaging, EXPIRED, type ButtonFamily } from './family.js';

/** A comparison as its pages redo it: the query with `k` per page, and who asked (whose message pages in place). */
export type CompareState = CompareQuery & { askerId: string };

/** "More" and "Previous" under a comparison: `vc:page:<key>:<page>`. */
interface CompareButton {
  key: string;
  page: number;
}

/** The comparisons whose buttons are live, by the key in their custom ids. */
export const compareStates = buttonStates<CompareState>();

const PREFIX = 'vc';

function encode(button: CompareButton): string {
  return `${PREFIX}:page:${button.key}:${button.page}`;
}

function decode(customId: string): CompareButton | null {
  const match = /^vc:page:([\w-]{1,32}):(\d{1,4})$/.exec(customId);
  return match ? { key: match[1]!, page: Number(match[2]) } : null;
}

/** "More" and "Previous" page both countries together, as `deferPaging` says. */
async function execute(interaction: ButtonInteraction, ctx: BotContext, button: CompareButton): Promise<void> {
  const state = compareStates(ctx).get(button.key);
  if (!state) return replyEphemeral(interaction, EXPIRED);
  await deferPaging(interaction, state.askerId);
  await interaction.editReply(await renderComparePage(ctx, button.key, state, button.page, { via: 'page', guildId: interaction.guildId }));
}

export const compareButtons: ButtonFamily<CompareButton> = { prefix: PREFIX, encode, decode, execute };
