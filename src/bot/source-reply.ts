import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type InteractionEditReplyOptions } from 'discord.js';
import { formatSourceForDiscord, type DiscordSource } from '../answer/source.js';
import type { SourceFinding } from '../search/source.js';
import { shortKey } from './cache.js';
import { sourceIds, sourceStates } from './components/source-ids.js';
import type { BotContext } from './context.js';
import { NO_MENTIONS } from './reply.js';
import { timed, type AnswerOrigin, type Timing } from './timing.js';

const FOUND: Timing<SourceFinding> = {
  event: 'SOURCE_FOUND',
  message: 'source checked',
  figures: (finding) => ({ verdict: finding.verdict, matches: finding.matches.length, attributed: finding.attribution !== null }),
};

/**
 * The private reply to /source and "Find the source": the verdict and its paragraphs, with a Share button that
 * posts the same reply to the channel for everyone.
 */
export async function renderSource(
  ctx: BotContext,
  text: string,
  askerId: string,
  origin: AnswerOrigin,
): Promise<InteractionEditReplyOptions> {
  const finding = await timed(ctx, FOUND, origin, () => ctx.archive.findSource(text));
  const reply: DiscordSource = formatSourceForDiscord(finding);
  const key = shortKey();
  sourceStates(ctx).set(key, { reply, askerId });
  const share = new ButtonBuilder().setCustomId(sourceIds.encode({ key })).setLabel('Share').setStyle(ButtonStyle.Secondary);
  return { ...reply, components: [new ActionRowBuilder<ButtonBuilder>().addComponents(share).toJSON()], allowedMentions: NO_MENTIONS };
}
